import { z } from 'zod';
import type { Prisma } from '../db/generated/client.js';

// Case references read like the ones staff already use: an area code, W for whānau, a number
// (CHC-W-0123). Known sites have their usual code; another site uses its code's first letters.
const SITE_PREFIX: Record<string, string> = { CANTERBURY: 'CHC', WAIKATO: 'HLZ' };

export function caseReferencePrefix(siteCode: string): string {
  return `${SITE_PREFIX[siteCode] ?? siteCode.replace(/[^A-Z]/g, '').slice(0, 3)}-W-`;
}

export function formatCaseReference(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(4, '0')}`;
}

const MaxRow = z.array(z.object({ max: z.union([z.number(), z.bigint()]).nullable() }));

/**
 * Gives each new case id the next unused reference of its site. The caller holds the intake
 * lock, so no other import can take the same numbers before this transaction commits.
 */
export async function numberNewCases(tx: Prisma.TransactionClient, siteCode: string, ids: readonly string[]): Promise<{ id: string; reference: string }[]> {
  if (ids.length === 0) return [];
  const prefix = caseReferencePrefix(siteCode);
  // Numerically, not as text: CHC-W-10000 sorts before CHC-W-9999 as a string.
  const digits = `^${prefix}([0-9]{1,9})$`;
  const rows = MaxRow.parse(await tx.$queryRaw`
    SELECT MAX(CAST(SUBSTRING("reference" FROM ${digits}::text) AS INTEGER)) AS "max"
    FROM "Case" WHERE "reference" ~ ${digits}::text`);
  const last = Number(rows[0]?.max ?? 0);
  return ids.map((id, i) => ({ id, reference: formatCaseReference(prefix, last + i + 1) }));
}

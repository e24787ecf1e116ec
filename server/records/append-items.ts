import { generateKeyBetween } from 'fractional-indexing';
import type { AgendaReason, Prisma } from '../db/generated/client.js';

/**
 * Puts the families not yet on a meeting's list at its end, for the given reason; families already
 * listed keep their item. Returns the ids of the items created.
 */
export async function appendFamilies(tx: Prisma.TransactionClient, meetingId: string, caseIds: readonly string[], reason: AgendaReason): Promise<string[]> {
  const onList = await tx.agendaItem.findMany({ where: { meetingId }, select: { caseId: true, rank: true } });
  const listed = new Set(onList.map((i) => i.caseId));
  // Ranks compare by code point (the database's collation may not), so the last is found here.
  let rank = onList.reduce<string | null>((max, i) => (max === null || i.rank > max ? i.rank : max), null);
  const created: string[] = [];
  for (const caseId of [...new Set(caseIds)].filter((id) => !listed.has(id)).sort()) {
    rank = generateKeyBetween(rank, null);
    const item = await tx.agendaItem.create({ data: { meetingId, caseId, reason, rank }, select: { id: true } });
    created.push(item.id);
  }
  return created;
}

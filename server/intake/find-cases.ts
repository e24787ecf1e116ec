import { randomUUID } from 'node:crypto';
import { Prisma } from '../db/client.js';
import type { CaseMemberRole, CaseStatus } from '../db/generated/client.js';
import { bulkInsert } from './bulk-insert.js';
import { numberNewCases } from './case-reference.js';
import type { MatchedPair } from './match-people.js';

export interface FoundCases {
  /** The case of each pair, in input order. */
  caseIds: string[];
  created: number;
}

interface KnownCase {
  id: string;
  status: CaseStatus;
  createdAt: Date;
  roles: Map<string, Set<CaseMemberRole>>;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Open cases first, then the newest: the whānau's current file. */
function better(a: KnownCase, b: KnownCase): KnownCase {
  const aOpen = a.status !== 'CLOSED';
  if (aOpen !== (b.status !== 'CLOSED')) return aOpen ? a : b;
  return a.createdAt > b.createdAt || (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id) ? a : b;
}

/**
 * The whānau (Case) of each episode, by its two people, within the meeting's site. A case that
 * already has this person at risk and this person using violence in those roles comes first;
 * then one that has both people in any role (roles reversed by a cross-allegation, or a parent
 * and an adult child already on the file). Otherwise the pair is a new whānau: one new case per
 * pair, shared by every row of that pair in the file. Both people become members in their roles.
 */
export async function findCases(
  tx: Prisma.TransactionClient, site: { id: string; code: string }, pairs: readonly MatchedPair[],
): Promise<FoundCases> {
  const personIds = [...new Set(pairs.flatMap((p) => [p.personAtRiskId, p.personUsingViolenceId]))];
  const memberships = await tx.caseMember.findMany({
    where: { personId: { in: personIds }, case: { siteId: site.id } },
    select: { personId: true, role: true, case: { select: { id: true, status: true, createdAt: true } } },
  });
  const cases = new Map<string, KnownCase>();
  const casesOf = new Map<string, Set<KnownCase>>();
  for (const m of memberships) {
    let known = cases.get(m.case.id);
    if (!known) cases.set(m.case.id, (known = { ...m.case, roles: new Map() }));
    const roles = known.roles.get(m.personId) ?? new Set();
    known.roles.set(m.personId, roles.add(m.role));
    casesOf.set(m.personId, (casesOf.get(m.personId) ?? new Set()).add(known));
  }

  const chosen = new Map<string, string>();
  const newCaseIds: string[] = [];
  const members = new Map<string, Prisma.CaseMemberCreateManyInput>();
  const join = (caseId: string, personId: string, role: CaseMemberRole) => {
    if (cases.get(caseId)?.roles.get(personId)?.has(role)) return;
    members.set(`${caseId}|${personId}|${role}`, { id: randomUUID(), caseId, personId, role });
  };
  const caseIds = pairs.map(({ personAtRiskId: par, personUsingViolenceId: puv }) => {
    const key = pairKey(par, puv);
    let id = chosen.get(key);
    if (!id) {
      const both = [...(casesOf.get(par) ?? [])].filter((c) => c.roles.has(puv));
      const inRoles = both.filter((c) => c.roles.get(par)?.has('PERSON_AT_RISK') && c.roles.get(puv)?.has('PERSON_USING_VIOLENCE'));
      const candidates = inRoles.length ? inRoles : both;
      id = candidates.length ? candidates.reduce(better).id : randomUUID();
      if (!candidates.length) newCaseIds.push(id);
      chosen.set(key, id);
    }
    join(id, par, 'PERSON_AT_RISK');
    join(id, puv, 'PERSON_USING_VIOLENCE');
    return id;
  });

  const now = new Date();
  const newCases = (await numberNewCases(tx, site.code, newCaseIds)).map((c): Prisma.CaseCreateManyInput => ({ ...c, siteId: site.id, updatedAt: now }));
  await bulkInsert(tx, 'Case', { id: 'text', reference: 'text', siteId: 'text', updatedAt: 'timestamp(3)' }, newCases, { flags: Prisma.sql`'{}'::text[]` });
  await bulkInsert(tx, 'CaseMember', { id: 'text', caseId: 'text', personId: 'text', role: '"CaseMemberRole"' }, [...members.values()]);
  return { caseIds, created: newCases.length };
}

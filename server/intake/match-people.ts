import { randomUUID } from 'node:crypto';
import { foldName } from '../../shared/names.js';
import { dateColumn, isoDateOf } from '../../shared/nz-time.js';
import { Prisma } from '../db/client.js';
import { arrayLiteral, bulkInsert } from './bulk-insert.js';
import type { ImportPerson } from './import-row.js';

interface Known {
  id: string;
  policePersonRef: string | null;
}

export interface ImportPair {
  personAtRisk: ImportPerson;
  personUsingViolence: ImportPerson;
}

export interface MatchedPair {
  personAtRiskId: string;
  personUsingViolenceId: string;
}

export interface MatchedPeople {
  /** The people of each input pair, in input order. */
  pairs: MatchedPair[];
  created: number;
}

const nameDobKey = (nameKey: string, dob: string) => `${nameKey}|${dob}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface Details {
  ethnicity?: string;
  iwiAffiliations?: string[];
}

/** What the rows record about each person; a later row's value wins, and a row that says nothing changes nothing. */
function recordedDetails(input: readonly ImportPair[], pairs: readonly MatchedPair[]): Map<string, Details> {
  const details = new Map<string, Details>();
  const note = (id: string, p: ImportPerson) => {
    if (p.ethnicity === null && p.iwi.length === 0) return;
    details.set(id, { ...details.get(id), ...(p.ethnicity !== null && { ethnicity: p.ethnicity }), ...(p.iwi.length > 0 && { iwiAffiliations: p.iwi }) });
  };
  input.forEach((pair, i) => {
    note(pairs[i]!.personAtRiskId, pair.personAtRisk);
    note(pairs[i]!.personUsingViolenceId, pair.personUsingViolence);
  });
  return details;
}

/** Known people's ethnicity and iwi as the file records them, in one statement. */
async function updateDetails(tx: Prisma.TransactionClient, updates: [string, Details][]): Promise<void> {
  if (updates.length === 0) return;
  const ids = updates.map(([id]) => id);
  const ethnicities = updates.map(([, d]) => d.ethnicity ?? null);
  const iwi = updates.map(([, d]) => (d.iwiAffiliations ? arrayLiteral(d.iwiAffiliations) : null));
  await tx.$executeRaw`
    UPDATE "Person" p
    SET "ethnicity" = coalesce(u.ethnicity, p."ethnicity"), "iwiAffiliations" = coalesce(u.iwi::text[], p."iwiAffiliations")
    FROM unnest(${ids}::text[], ${ethnicities}::text[], ${iwi}::text[]) AS u(id, ethnicity, iwi)
    WHERE p.id = u.id`;
}

/**
 * Finds or creates the two people of each episode at the importing site, for a whole file in a few
 * queries. Only the site's own people are candidates: another site's record of the same person is
 * never linked, so nothing it holds (name, date of birth, history) reaches this site.
 *
 * A police person ref decides when the row has one. Otherwise folded name + date of birth
 * ("Māori" = "Maori"); a name-and-DOB match that has no police ref yet takes the row's. Same-named
 * people with the same DOB resolve to the earliest-created record, so the choice is stable.
 *
 * With neither a ref nor a DOB a name alone never links to the population at large — that could
 * put one person's family-violence history on another's file — but it does within the family: the
 * other person's cases (or an earlier row of this file with the same other person) having someone
 * of that name is taken to be them, so a whānau seen twice is not split into two.
 */
export async function matchPeople(tx: Prisma.TransactionClient, siteId: string, input: readonly ImportPair[]): Promise<MatchedPeople> {
  const people = input.flatMap((p) => [p.personAtRisk, p.personUsingViolence]);
  const refs = [...new Set(people.flatMap((p) => (p.policePersonRef ? [p.policePersonRef] : [])))];
  const nameKeys = [...new Set(people.flatMap((p) => (p.dob ? [foldName(p.givenName, p.familyName)] : [])))];
  // One after the other: a transaction is one connection, which runs one query at a time.
  const byRefRows = refs.length
    ? await tx.person.findMany({ where: { siteId, policePersonRef: { in: refs } }, select: { id: true, policePersonRef: true } })
    : [];
  const byNameRows = nameKeys.length
    ? await tx.person.findMany({
        where: { siteId, nameKey: { in: nameKeys }, dob: { not: null } },
        select: { id: true, policePersonRef: true, nameKey: true, dob: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      })
    : [];

  const byRef = new Map<string, Known>();
  const byNameDob = new Map<string, Known[]>();
  const index = (known: Known, key: string | null) => {
    if (known.policePersonRef) byRef.set(known.policePersonRef, known);
    if (key) push(byNameDob, key, known);
  };
  for (const row of byRefRows) index(row, null);
  for (const row of byNameRows) {
    // One object per person, so a ref given to it below is seen by both indexes.
    const known = (row.policePersonRef && byRef.get(row.policePersonRef)) || { id: row.id, policePersonRef: row.policePersonRef };
    index(known, row.dob ? nameDobKey(row.nameKey, isoDateOf(row.dob)) : null);
  }

  const creates: Prisma.PersonCreateManyInput[] = [];
  const refUpdates: { id: string; policePersonRef: string }[] = [];
  const create = (p: ImportPerson, nameKey: string): Known => {
    const created: Known = { id: randomUUID(), policePersonRef: p.policePersonRef };
    creates.push({
      id: created.id, siteId, givenName: p.givenName, familyName: p.familyName, nameKey, dob: p.dob ? dateColumn(p.dob) : null,
      policePersonRef: p.policePersonRef,
    });
    return created;
  };

  /** By police ref or name + DOB; null when the person has neither. */
  const identify = (p: ImportPerson): string | null => {
    const nameKey = foldName(p.givenName, p.familyName);
    const key = p.dob ? nameDobKey(nameKey, p.dob) : null;
    const ref = p.policePersonRef;
    if (!ref && !key) return null;
    const byItsRef = ref ? byRef.get(ref) : undefined;
    if (byItsRef) return byItsRef.id;
    const candidates = key ? byNameDob.get(key) ?? [] : [];
    // A row with a ref may only claim a record that has none: a different ref is a different person.
    const match = ref ? candidates.find((c) => c.policePersonRef === null) : candidates[0];
    if (match && ref) {
      match.policePersonRef = ref;
      byRef.set(ref, match);
      refUpdates.push({ id: match.id, policePersonRef: ref });
    }
    if (match) return match.id;
    const created = create(p, nameKey);
    index(created, key);
    return created.id;
  };
  const identified = input.map((pair) => ({ pair, par: identify(pair.personAtRisk), puv: identify(pair.personUsingViolence) }));

  // Name-only people, matched within the family of the other person on their row.
  const partners = new Set(identified.flatMap(({ par, puv }) => (par === null && puv !== null ? [puv] : puv === null && par !== null ? [par] : [])));
  const family = new Map<string, string[]>(); // `${partnerId}|${nameKey}` → person ids, oldest first
  if (partners.size) {
    const members = await tx.caseMember.findMany({
      where: { case: { members: { some: { personId: { in: [...partners] } } } } },
      select: { caseId: true, personId: true, person: { select: { nameKey: true } } },
      orderBy: [{ person: { createdAt: 'asc' } }, { personId: 'asc' }],
    });
    const partnersOfCase = new Map<string, string[]>();
    for (const m of members) if (partners.has(m.personId)) push(partnersOfCase, m.caseId, m.personId);
    for (const m of members) {
      for (const partner of partnersOfCase.get(m.caseId) ?? []) push(family, `${partner}|${m.person.nameKey}`, m.personId);
    }
  }
  const byFamily = (p: ImportPerson, partnerId: string | null): string => {
    const nameKey = foldName(p.givenName, p.familyName);
    const key = partnerId ? `${partnerId}|${nameKey}` : null;
    const found = key ? family.get(key)?.find((id) => id !== partnerId) : undefined;
    if (found) return found;
    const created = create(p, nameKey);
    if (key) push(family, key, created.id);
    return created.id;
  };
  const pairs = identified.map(({ pair, par, puv }): MatchedPair => ({
    personAtRiskId: par ?? byFamily(pair.personAtRisk, puv),
    personUsingViolenceId: puv ?? byFamily(pair.personUsingViolence, par),
  }));

  const recorded = recordedDetails(input, pairs);
  for (const c of creates) Object.assign(c, recorded.get(c.id!));
  await bulkInsert(tx, 'Person', {
    id: 'text', siteId: 'text', givenName: 'text', familyName: 'text', nameKey: 'text', dob: 'date', policePersonRef: 'text',
    ethnicity: 'text', iwiAffiliations: 'text[]',
  }, creates.map((c) => ({ ethnicity: null, iwiAffiliations: [], ...c })));
  const createdIds = new Set(creates.map((c) => c.id));
  await updateDetails(tx, [...recorded].filter(([id]) => !createdIds.has(id)));
  // Rare (a known person's first police ref), so one statement each is fine.
  for (const u of refUpdates) await tx.person.update({ where: { id: u.id }, data: { policePersonRef: u.policePersonRef } });
  return { pairs, created: creates.length };
}

import { randomUUID } from 'node:crypto';
import { foldName } from '../../shared/names.js';
import { dateColumn, isoDateOf } from '../../shared/nz-time.js';
import type { Prisma } from '../db/generated/client.js';
import type { ImportChild } from './import-row.js';

// The children an import row names (docs/architecture.md, Episode import) become CHILD members of
// the episode's whānau and are linked to the episode, so its item lists them.

export interface EpisodeChildren {
  episodeId: string;
  caseId: string;
  children: readonly ImportChild[];
}

interface KnownChild {
  id: string;
  nameKey: string;
  dob: string | null;
}

/**
 * A child is the whānau's child of that name: with the same date of birth, or either date unknown.
 * Matched within the family only: children have no police person reference, and a name alone is
 * not enough to join two families' records.
 */
function findChild(known: readonly KnownChild[], nameKey: string, dob: string | null): KnownChild | undefined {
  return known.find((k) => k.nameKey === nameKey && (k.dob === dob || k.dob === null || dob === null));
}

/** Matches or creates the named children, and links them to their episodes; answers how many people were created. */
export async function recordChildren(tx: Prisma.TransactionClient, siteId: string, episodes: readonly EpisodeChildren[]): Promise<number> {
  const named = episodes.filter((e) => e.children.length > 0);
  if (!named.length) return 0;
  const members = await tx.caseMember.findMany({
    where: { caseId: { in: [...new Set(named.map((e) => e.caseId))] }, role: 'CHILD' },
    select: { caseId: true, person: { select: { id: true, nameKey: true, dob: true } } },
  });
  const byCase = new Map<string, KnownChild[]>();
  for (const m of members) {
    const list = byCase.get(m.caseId) ?? [];
    list.push({ id: m.person.id, nameKey: m.person.nameKey, dob: m.person.dob ? isoDateOf(m.person.dob) : null });
    byCase.set(m.caseId, list);
  }

  const people: Prisma.PersonCreateManyInput[] = [];
  const newMembers: Prisma.CaseMemberCreateManyInput[] = [];
  const links: Prisma.EpisodeChildCreateManyInput[] = [];
  const datesOfBirth = new Map<string, string>();
  for (const e of named) {
    const known = byCase.get(e.caseId) ?? [];
    byCase.set(e.caseId, known);
    e.children.forEach((c, i) => {
      const nameKey = foldName(c.givenName, c.familyName);
      let child = findChild(known, nameKey, c.dob);
      if (!child) {
        child = { id: randomUUID(), nameKey, dob: c.dob };
        known.push(child);
        people.push({ id: child.id, siteId, givenName: c.givenName, familyName: c.familyName, nameKey, dob: c.dob ? dateColumn(c.dob) : null });
        newMembers.push({ caseId: e.caseId, personId: child.id, role: 'CHILD' });
      } else if (child.dob === null && c.dob !== null) {
        // A later row that knows the date of birth completes the record.
        child.dob = c.dob;
        datesOfBirth.set(child.id, c.dob);
      }
      // The same child named twice in one row is linked once.
      if (!links.some((l) => l.episodeId === e.episodeId && l.personId === child.id)) {
        links.push({ episodeId: e.episodeId, personId: child.id, position: i + 1 });
      }
    });
  }
  for (const [id, dob] of datesOfBirth) {
    const made = people.find((p) => p.id === id);
    if (made) made.dob = dateColumn(dob);
    else await tx.person.update({ where: { id }, data: { dob: dateColumn(dob) } });
  }
  await tx.person.createMany({ data: people });
  await tx.caseMember.createMany({ data: newMembers });
  await tx.episodeChild.createMany({ data: links });
  return people.length;
}

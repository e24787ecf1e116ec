import type { PersonSearchHit, PersonSearchQuery } from '../../shared/api/intake.js';
import { foldName } from '../../shared/names.js';
import { dateColumn, isoDateOf } from '../../shared/nz-time.js';
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';

export const SEARCH_LIMIT = 50;
const WITHHELD = 'Name withheld';

/** A person as a hit, with their cases in the searcher's site. */
const hitSelect = (site: Prisma.CaseWhereInput) => ({
  id: true, givenName: true, familyName: true, hiddenName: true, dob: true, policePersonRef: true,
  memberships: { where: { case: site }, select: { case: { select: { id: true, reference: true } } } },
}) as const;
type HitRow = Prisma.PersonGetPayload<{ select: ReturnType<typeof hitSelect> }>;

// LIKE treats these as wildcards; a search for "o_brien" means the underscore itself.
const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function toHit(p: HitRow, seesHiddenNames: boolean): PersonSearchHit {
  const withheld = p.hiddenName && !seesHiddenNames;
  const cases = new Map(p.memberships.map((m) => [m.case.id, m.case]));
  return {
    id: p.id,
    givenName: withheld ? WITHHELD : p.givenName,
    familyName: withheld ? '' : p.familyName,
    nameWithheld: withheld,
    // As on the meeting list: a withheld name shows nothing that identifies the person.
    dob: withheld || !p.dob ? null : isoDateOf(p.dob),
    policePersonRef: withheld ? null : p.policePersonRef,
    cases: [...cases.values()].sort((a, b) => a.reference.localeCompare(b.reference)),
  };
}

export interface SearchScope {
  seesHiddenNames: boolean;
  /** The searcher's site: only people in its cases, and only its cases, are found. Null spans every site. */
  siteId: string | null;
}

/**
 * People by name (folded: "Maori" finds "Māori"; every word must appear, in any order), date of
 * birth and police reference (the person's own, or an episode they were part of). Names with a
 * word that starts with the query come first. A hidden name is matched by name only for those who
 * may see it, so a search cannot confirm that a withheld person has that name. One person may be
 * in cases at several sites: a site's search finds them through its own cases and lists only those.
 */
export async function searchPeople(db: Db, query: PersonSearchQuery, { seesHiddenNames, siteId }: SearchScope): Promise<PersonSearchHit[]> {
  const folded = query.q === undefined ? '' : foldName(query.q);
  const words = folded.split(' ').filter(Boolean);
  const site = siteId === null ? {} : { siteId };
  const where: Prisma.PersonWhereInput = {
    AND: [
      ...(siteId === null ? [] : [{ memberships: { some: { case: site } } }]),
      ...words.map((w) => ({ nameKey: { contains: likeEscaped(w) } })),
      ...(words.length && !seesHiddenNames ? [{ hiddenName: false }] : []),
      ...(query.dob ? [{ dob: dateColumn(query.dob) }] : []),
      ...(query.policeRef ? [{
        OR: [
          { policePersonRef: query.policeRef },
          { episodesAtRisk: { some: { policeRef: query.policeRef, ...site } } },
          { episodesUsing: { some: { policeRef: query.policeRef, ...site } } },
        ],
      }] : []),
    ],
  };
  const orderBy = [{ familyName: 'asc' }, { givenName: 'asc' }, { id: 'asc' }] as const;
  // A name with a word that starts with the query ("tāwh" → Tāwhiri) before one that merely contains it (Atawhai).
  const wordStart = [{ nameKey: { startsWith: likeEscaped(folded) } }, { nameKey: { contains: ` ${likeEscaped(folded)}` } }];
  const prefixed = folded
    ? await db.person.findMany({ where: { AND: [where, { OR: wordStart }] }, select: hitSelect(site), orderBy: [...orderBy], take: SEARCH_LIMIT })
    : [];
  const rest = prefixed.length < SEARCH_LIMIT
    ? await db.person.findMany({
        where: { AND: [where, { id: { notIn: prefixed.map((p) => p.id) } }] }, select: hitSelect(site), orderBy: [...orderBy], take: SEARCH_LIMIT - prefixed.length,
      })
    : [];
  return [...prefixed, ...rest].map((p) => toHit(p, seesHiddenNames));
}

import { DateTime } from 'luxon';
import { NZ_TIME_ZONE, type ActionStatus, type AgencyKind, type Pathway, type RiskLevel } from '../../shared/domain.js';
import type { EthnicGroup } from '../../shared/ethnicity.js';
import { foldName } from '../../shared/names.js';
import { dateColumn } from '../../shared/nz-time.js';
import type { Db, Prisma } from '../db/client.js';
import { bulkInsert } from '../intake/bulk-insert.js';
import { createRng, type Rng } from './random.js';

// Two years of synthetic throughput for two sites of its own, for measuring reports at realistic volume:
// families with one or several episodes, a person at risk now and then in a second whānau, a
// meeting each day deciding the day before's episodes, and actions done on time, late or not.
// Names are drawn from invented syllables; police references start with V- so they never clash
// with the demo's. Everything goes in with one bulk statement per table and chunk.

export interface VolumeOptions {
  /** The last day episodes happen on (YYYY-MM-DD); meetings run to the day after. */
  end: string;
  /** Episodes across both sites. */
  episodes?: number;
  years?: number;
  seed?: number;
}

/**
 * Sites of their own, so the volume never reaches the demo's meetings (carry-over would put its
 * unfinished actions on the demo's list). They are live sites: they count nationally.
 */
export const VOLUME_SITES = [
  { code: 'VOLUME_TAIRAWHITI', name: 'Tairāwhiti (volume)', prefix: 'GIS' },
  { code: 'VOLUME_TARANAKI', name: 'Taranaki (volume)', prefix: 'NPL' },
] as const;

export interface VolumeResult {
  seeded: boolean;
  counts: Record<string, number>;
}

const CHUNK = 10_000;
const ETHNICITIES: readonly (readonly [EthnicGroup | null, number])[] = [
  ['Māori', 40], ['European', 34], ['Pacific Peoples', 12], ['Asian', 8], ['MELAA', 2], ['Other', 1], [null, 3],
];
const SYLLABLES = ['ka', 'ra', 'whe', 'mā', 'to', 'ngi', 'hu', 'ta', 'rē', 'wi', 'pō', 'ne', 'ho', 'ri', 'ā', 'ke'];
const RISK: readonly (readonly [RiskLevel, number])[] = [['LOW', 50], ['MEDIUM', 35], ['HIGH', 15]];
const PATHWAYS: readonly (readonly [Pathway, number])[] = [
  ['NO_FURTHER_ACTION', 25], ['INFORMATION_ONLY', 15], ['LEAD_AGENCY_RESPONSE', 45], ['REFER_ICM', 10], ['OT_REPORT_OF_CONCERN', 5],
];
const OUTCOMES: readonly (readonly [ActionStatus, number])[] = [
  ['DONE', 72], ['NOT_DONE_CIRCUMSTANCES', 8], ['NOT_DONE_AGENCY', 4], ['CANCELLED', 3], ['IN_PROGRESS', 8], ['OPEN', 5],
];
const ACTING: readonly AgencyKind[] = ['POLICE', 'ORANGA_TAMARIKI', 'HEALTH', 'CORRECTIONS', 'KAUPAPA_MAORI', 'FV_NGO'];

const word = (rng: Rng, parts: number) => {
  const w = Array.from({ length: parts }, () => rng.pick(SYLLABLES)).join('');
  return w.charAt(0).toUpperCase() + w.slice(1);
};

interface Rows {
  persons: Prisma.PersonCreateManyInput[];
  cases: Prisma.CaseCreateManyInput[];
  episodes: Prisma.EpisodeCreateManyInput[];
  meetings: Prisma.MeetingCreateManyInput[];
  items: Prisma.AgendaItemCreateManyInput[];
  itemEpisodes: Prisma.AgendaItemEpisodeCreateManyInput[];
  decisions: Prisma.DecisionCreateManyInput[];
  actions: Prisma.ActionCreateManyInput[];
}

interface SiteContext {
  rng: Rng;
  site: { id: string; prefix: string };
  agencies: string[];
  first: DateTime;
  days: number;
  out: Rows;
}

function person(c: SiteContext): string {
  const { rng } = c;
  const id = rng.uuid();
  const givenName = word(rng, rng.int(2, 3));
  const familyName = rng.chance(0.2) ? `${word(rng, 2)}-${word(rng, 3)}` : word(rng, rng.int(2, 4));
  c.out.persons.push({
    id, siteId: c.site.id, givenName, familyName, nameKey: foldName(givenName, familyName), iwiAffiliations: [],
    dob: dateColumn(c.first.minus({ years: rng.int(18, 60), days: rng.int(0, 364) }).toISODate()!),
    gender: rng.chance(0.8) ? 'FEMALE' : 'MALE', ethnicity: rng.weighted(ETHNICITIES),
  });
  return id;
}

/** One whānau: one to eight episodes, weeks or months apart, each put to the next day's meeting. */
function family(c: SiteContext, n: number, people: string[], episodesByDay: Map<number, { caseId: string; id: string }[]>): number {
  const { rng } = c;
  const caseId = rng.uuid();
  c.out.cases.push({ id: caseId, reference: `${c.site.prefix}-W-V${String(c.out.cases.length + 1).padStart(6, '0')}`, siteId: c.site.id, createdAt: c.first.toJSDate(), updatedAt: c.first.toJSDate() });
  // Now and then the person at risk is someone already at risk in another whānau.
  const atRisk = people.length > 0 && rng.chance(0.05) ? rng.pick(people) : person(c);
  people.push(atRisk);
  const usingViolence = person(c);
  let count = 1;
  while (count < 8 && rng.chance(0.35)) count++;
  let day = rng.int(0, c.days - 1);
  let made = 0;
  for (let k = 0; k < count && day < c.days && made < n; k++) {
    const id = rng.uuid();
    const at = c.first.plus({ days: day, minutes: rng.int(0, 24 * 60 - 1) });
    c.out.episodes.push({
      id, policeRef: `V-${c.site.prefix}-${String(c.out.episodes.length + 1).padStart(7, '0')}`, siteId: c.site.id, caseId,
      occurredAt: at.toJSDate(), area: 'Synthetic area', source: 'POLICE_FAMILY_HARM', summary: 'Synthetic episode for volume testing.',
      childrenPresent: rng.int(0, 3), personAtRiskId: atRisk, personUsingViolenceId: usingViolence,
    });
    const list = episodesByDay.get(day) ?? [];
    list.push({ caseId, id });
    episodesByDay.set(day, list);
    made++;
    day += rng.int(5, 200);
  }
  return made;
}

/** The day after each day with episodes: a meeting that decides (or now and then defers) each family. */
function meetings(c: SiteContext, episodesByDay: Map<number, { caseId: string; id: string }[]>): void {
  const { rng } = c;
  for (const [day, episodes] of [...episodesByDay].sort(([a], [b]) => a - b)) {
    const date = c.first.plus({ days: day + 1 });
    const iso = date.toISODate()!;
    const meetingId = rng.uuid();
    const started = date.set({ hour: 9 });
    c.out.meetings.push({ id: meetingId, siteId: c.site.id, date: dateColumn(iso), kind: 'DAILY_SAM', status: 'CLOSED', startedAt: started.toJSDate(), closedAt: started.plus({ hours: 2 }).toJSDate() });
    const byCase = new Map<string, string[]>();
    for (const e of episodes) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e.id]);
    let rank = 0;
    for (const [caseId, episodeIds] of byCase) {
      const itemId = rng.uuid();
      const deferred = rng.chance(0.04);
      c.out.items.push({
        id: itemId, meetingId, caseId, reason: 'NEW_EPISODE', rank: `a${(rank++).toString(36).padStart(4, '0')}`,
        status: deferred ? 'DEFERRED' : 'DECIDED', deferReason: deferred ? 'Waiting on information' : null, discussionMs: rng.int(2, 15) * 60_000,
      });
      for (const episodeId of episodeIds) c.out.itemEpisodes.push({ agendaItemId: itemId, episodeId });
      if (!deferred) decide(c, itemId, caseId, started.plus({ minutes: rng.int(5, 110) }));
    }
  }
}

function decide(c: SiteContext, agendaItemId: string, caseId: string, at: DateTime): void {
  const { rng } = c;
  const decisionId = rng.uuid();
  const pathway = rng.weighted(PATHWAYS);
  const acts = pathway !== 'NO_FURTHER_ACTION' && pathway !== 'INFORMATION_ONLY';
  c.out.decisions.push({
    id: decisionId, agendaItemId, caseId, version: 1, riskLevel: rng.weighted(RISK), pathway, leadAgencyId: acts ? rng.pick(c.agencies) : null,
    decidedAt: at.toJSDate(), contentHash: rng.digits(32),
  });
  if (!acts) return;
  for (let k = rng.int(1, 2); k > 0; k--) {
    const due = at.plus({ days: rng.int(3, 14) });
    const status = rng.weighted(OUTCOMES);
    c.out.actions.push({
      id: rng.uuid(), caseId, decisionId, docActionId: rng.uuid(), agencyId: rng.pick(c.agencies), type: 'Follow-up', description: 'Synthetic action.',
      dueDate: dateColumn(due.toISODate()!), status,
      // Most are done by the due date; some a few days late.
      doneAt: status === 'DONE' ? due.plus({ days: rng.int(-6, 3), hours: rng.int(0, 8) }).toJSDate() : null,
      createdAt: at.toJSDate(), updatedAt: at.toJSDate(),
    });
  }
}

async function insertAll(db: Prisma.TransactionClient, rows: Rows): Promise<void> {
  const chunks = async <R extends Record<string, unknown>>(table: Prisma.ModelName, columns: Parameters<typeof bulkInsert<R>>[2], all: R[]) => {
    for (let i = 0; i < all.length; i += CHUNK) await bulkInsert(db, table, columns, all.slice(i, i + CHUNK));
  };
  await chunks('Person', { id: 'text', siteId: 'text', givenName: 'text', familyName: 'text', nameKey: 'text', dob: 'date', gender: '"Gender"', ethnicity: 'text', iwiAffiliations: 'text[]' }, rows.persons);
  await chunks('Case', { id: 'text', reference: 'text', siteId: 'text', createdAt: 'timestamp(3)', updatedAt: 'timestamp(3)' }, rows.cases);
  await chunks('Episode', {
    id: 'text', policeRef: 'text', siteId: 'text', caseId: 'text', occurredAt: 'timestamp(3)', area: 'text', source: '"EpisodeSource"',
    summary: 'text', childrenPresent: 'integer', personAtRiskId: 'text', personUsingViolenceId: 'text',
  }, rows.episodes);
  await chunks('Meeting', { id: 'text', siteId: 'text', date: 'date', kind: '"MeetingKind"', status: '"MeetingStatus"', startedAt: 'timestamp(3)', closedAt: 'timestamp(3)' }, rows.meetings);
  await chunks('AgendaItem', {
    id: 'text', meetingId: 'text', caseId: 'text', reason: '"AgendaReason"', rank: 'text', status: '"AgendaItemStatus"', deferReason: 'text', discussionMs: 'integer',
  }, rows.items);
  await chunks('AgendaItemEpisode', { agendaItemId: 'text', episodeId: 'text' }, rows.itemEpisodes);
  await chunks('Decision', {
    id: 'text', agendaItemId: 'text', caseId: 'text', version: 'integer', riskLevel: '"RiskLevel"', pathway: '"Pathway"', leadAgencyId: 'text',
    decidedAt: 'timestamp(3)', contentHash: 'text',
  }, rows.decisions);
  await chunks('Action', {
    id: 'text', caseId: 'text', decisionId: 'text', docActionId: 'text', agencyId: 'text', type: 'text', description: 'text', dueDate: 'date',
    status: '"ActionStatus"', doneAt: 'timestamp(3)', createdAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
  }, rows.actions);
}

/**
 * Makes the two volume sites and their data, all or nothing, unless they exist already. Needs the
 * demo's agencies. About 40,000 episodes take a minute or so on PostgreSQL, longer embedded.
 */
export async function seedVolume(db: Db, opts: VolumeOptions): Promise<VolumeResult> {
  if ((await db.site.count({ where: { code: { in: VOLUME_SITES.map((s) => s.code) } } })) > 0) return { seeded: false, counts: {} };
  const rng = createRng(opts.seed ?? 2025);
  const sites = VOLUME_SITES.map((s) => ({ id: rng.uuid(), ...s }));
  const siteRows = sites.map(({ id, code, name }) => ({ id, code, name }));
  const agencies = (await db.agency.findMany({ where: { kind: { in: [...ACTING] } }, select: { id: true } })).map((a) => a.id);
  const years = opts.years ?? 2;
  const last = DateTime.fromISO(opts.end, { zone: NZ_TIME_ZONE });
  const first = last.minus({ years }).plus({ days: 1 });
  const days = Math.round(last.diff(first, 'days').days) + 1;
  const out: Rows = { persons: [], cases: [], episodes: [], meetings: [], items: [], itemEpisodes: [], decisions: [], actions: [] };
  const perSite = Math.ceil((opts.episodes ?? 40_000) / sites.length);

  for (const site of sites) {
    const c: SiteContext = { rng, site, agencies, first, days, out };
    const episodesByDay = new Map<number, { caseId: string; id: string }[]>();
    const people: string[] = [];
    for (let made = 0; made < perSite;) made += family(c, perSite - made, people, episodesByDay);
    meetings(c, episodesByDay);
  }
  await db.$transaction(async (tx) => {
    await tx.site.createMany({ data: siteRows });
    await insertAll(tx, out);
  }, { maxWait: 30_000, timeout: 15 * 60_000 });
  // Fresh statistics: planned on the empty tables' estimates, the reports' joins take minutes.
  await db.$executeRaw`ANALYZE`;
  return { seeded: true, counts: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.length])) };
}

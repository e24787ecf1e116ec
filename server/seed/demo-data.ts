import { createHash } from 'node:crypto';
import { generateNKeysBetween } from 'fractional-indexing';
import { DateTime } from 'luxon';
import type {
  Action, ActionPriority, ActionStatus, AgendaItem, AgendaItemEpisode, Agency, AgencyKind, Case, CaseMember,
  CaseStatus, Decision, Episode, EpisodeChild, EpisodeSource, Gender, Meeting, Participant, Pathway, Person, ProtectionOrder,
  RiskAssessment, RiskLevel, Role, Site, User,
} from '../db/generated/client.js';
import { NZ_TIME_ZONE } from '../../shared/domain.js';
import { dateColumn, isoDateOf } from '../../shared/nz-time.js';
import { CANTERBURY_AREAS, IWI, NAME_POOLS, PREFERRED_NAMES, WAIKATO_AREAS, type NamePool } from './names.js';
import { createRng, type Rng } from './random.js';
import { foldName } from '../../shared/names.js';
import { caseReferencePrefix, formatCaseReference } from '../intake/case-reference.js';
import { bandOf } from '../records/risk-bands.js';

// The synthetic demo: two sites, each with its own staff and a day's list ready to run. Canterbury
// has a full day's list and a meeting a week earlier whose open actions the day's meeting carries
// over; Waikato a smaller first list and no history, so the demo shows what one site cannot see of
// the other (and a meeting made at Waikato carries nothing over). Pure: the same seed and date give
// identical rows, and nothing here touches the database (seed-demo.ts writes the rows).

export type SiteRow = Omit<Site, 'createdAt'>;
/** Staff accounts without the password hash, which the writer adds. */
export type UserRow = Omit<User, 'passwordHash' | 'createdAt' | 'disabledAt' | 'oidcIssuer' | 'oidcSubject' | 'totpSecret' | 'totpConfirmedAt' | 'totpLastStep'>;
export type RiskAssessmentRow = Omit<RiskAssessment, 'factors'>;
/** The demo holds no ICM review's record (a JSON column, left to its default). */
export type DecisionRow = Omit<Decision, 'icmReview'>;

export interface DemoData {
  sites: SiteRow[];
  agencies: Agency[];
  users: UserRow[];
  persons: Person[];
  cases: Case[];
  caseMembers: CaseMember[];
  episodes: Episode[];
  episodeChildren: EpisodeChild[];
  riskAssessments: RiskAssessmentRow[];
  meetings: Meeting[];
  participants: Participant[];
  agendaItems: AgendaItem[];
  agendaItemEpisodes: AgendaItemEpisode[];
  decisions: DecisionRow[];
  actions: Action[];
}

export interface DemoOptions {
  seed: number;
  /** The demo's "today": a YYYY-MM-DD calendar date in Pacific/Auckland. */
  today: string;
}

export const DEMO_CHAIR_EMAIL = 'chair@demo.test';
/** An auditor whose reach is every site. */
export const DEMO_NATIONAL_AUDITOR_EMAIL = 'national.auditor@demo.test';
/** Administrators: one per site, and a national one who can add sites. Fixed names, drawn after everything else. */
export const DEMO_ADMINS = [
  { email: 'admin@demo.test', displayName: 'Ānahera Te Whīwhi-Pōtae', site: 'CANTERBURY', national: false },
  { email: 'admin.waikato@demo.test', displayName: "Rāwiri O'Connell", site: 'WAIKATO', national: false },
  { email: 'national.admin@demo.test', displayName: 'Wikitoria Hōhaia-MacDonald', site: 'CANTERBURY', national: true },
] as const;

const AGENCIES: readonly { code: string; name: string; kind: AgencyKind; rep: string }[] = [
  { code: 'POLICE', name: 'New Zealand Police', kind: 'POLICE', rep: 'police' },
  { code: 'OT', name: 'Oranga Tamariki', kind: 'ORANGA_TAMARIKI', rep: 'ot' },
  { code: 'CORRECTIONS', name: 'Ara Poutama Aotearoa – Corrections', kind: 'CORRECTIONS', rep: 'corrections' },
  { code: 'HEALTH', name: 'Te Whatu Ora – Health New Zealand', kind: 'HEALTH', rep: 'health' },
  { code: 'ACC', name: 'ACC', kind: 'ACC', rep: 'acc' },
  { code: 'MSD', name: 'Ministry of Social Development', kind: 'MSD', rep: 'msd' },
  { code: 'EDUCATION', name: 'Ministry of Education', kind: 'EDUCATION', rep: 'education' },
  { code: 'JUSTICE', name: 'Ministry of Justice', kind: 'JUSTICE', rep: 'justice' },
  { code: 'HOUSING', name: 'Kāinga Ora', kind: 'HOUSING', rep: 'housing' },
  // Invented community providers: the demo must not speak for real organisations.
  { code: 'IWI', name: 'Te Rūnanga Whānau Ora Waitaha', kind: 'IWI', rep: 'iwi' },
  { code: 'KAUPAPA_MAORI', name: 'Te Whare Tiaki Whānau', kind: 'KAUPAPA_MAORI', rep: 'kaupapa' },
  { code: 'FV_NGO', name: "Whare Haumaru Women's Refuge", kind: 'FV_NGO', rep: 'ngo' },
  { code: 'VICTIM_SPECIALIST', name: 'Awhi Victim Specialist Service', kind: 'VICTIM_SPECIALIST', rep: 'victim' },
  { code: 'PERPETRATOR_SERVICE', name: 'Huringa Stopping Violence Programme', kind: 'PERPETRATOR_SERVICE', rep: 'perpetrator' },
];

/** Each site's accounts: `name@demo.test` at Canterbury, `name.waikato@demo.test` at Waikato. */
const STAFF: readonly { name: string; role: Role; agency: string }[] = [
  { name: 'chair', role: 'CHAIR', agency: 'POLICE' },
  { name: 'coordinator', role: 'COORDINATOR', agency: 'POLICE' },
  { name: 'auditor', role: 'AUDITOR', agency: 'POLICE' },
  { name: 'observer', role: 'OBSERVER', agency: 'POLICE' },
  ...AGENCIES.map((a) => ({ name: a.rep, role: 'REP' as const, agency: a.code })),
];

interface SiteSetting {
  site: SiteRow;
  /** Added to each account's name: '' or '.waikato'. */
  emailSuffix: string;
  /**
   * Leads every police reference made up here: '' for the demo; a training site's own prefix, so
   * its references can never collide with (or block an import of) a live site's.
   */
  refPrefix: string;
  areas: readonly string[];
  venue: string;
  families: readonly [number, number];
  /** Families also seen at last week's meeting; with none, the site has no earlier meeting. */
  repeats: readonly [number, number];
  /** Today's episodes, given the number of families (each has one to three). */
  episodes: (families: number) => readonly [number, number];
}
/** Episodes are those Police attended in the 24 h before this hour on the meeting day. */
const CUTOFF_HOUR = 8;
/** The coordinator imports the list after the cutoff, once the overnight assessments are in. */
const IMPORT_AT = { hour: 8, minute: 30 };
const MEETING_START = { hour: 9, minute: 0 };
const EARLIER_MEETING_DAYS_AGO = 7;

/** Relative likelihood of an episode in each hour of the window, counted from the cutoff (08:00). */
const POLICE_HOURS = [1, 1, 1, 1, 2, 2, 2, 2, 3, 4, 5, 5, 6, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1, 1];
/** Releases and referrals happen in office hours (08:00–17:00 of the day before). */
const OFFICE_HOURS = [3, 3, 3, 3, 3, 3, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

const LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];

interface Family {
  case: Case;
  pool: NamePool;
  par: Person;
  puv: Person;
  children: Person[];
  area: string;
  protectionOrder: 'NONE' | 'IN_FORCE';
  /** The person using violence's SAFVR probability, before this week's episodes. */
  safvr: number;
  /** Discussed at the earlier meeting, so back on today's list as a repeat. */
  repeat: boolean;
}

interface EpisodeRisk {
  episode: Episode;
  safvr: number;
  safvrBand: RiskLevel;
  dyra: RiskLevel | null;
}

interface Ctx {
  rng: Rng;
  /** Ids come from their own stream so adding a field to the data does not reshuffle every id. */
  ids: Rng;
  out: DemoData;
  /** The site being generated: its staff are the last ones added. */
  setting: SiteSetting;
  site: SiteRow;
  staff: UserRow[];
  agency: Map<string, Agency>;
  usedNames: Set<string>;
  usedRefs: Set<string>;
}

export function generateDemoData({ seed, today }: DemoOptions): DemoData {
  const day = parseDay(today);
  const out: DemoData = {
    sites: [], agencies: [], users: [], persons: [], cases: [], caseMembers: [], episodes: [], episodeChildren: [],
    riskAssessments: [], meetings: [], participants: [], agendaItems: [], agendaItemEpisodes: [],
    decisions: [], actions: [],
  };
  const rng = createRng(seed);
  const ids = createRng(seed ^ 0x5eed1d5);
  const canterbury: SiteSetting = {
    site: { id: ids.uuid(), code: 'CANTERBURY', name: 'Canterbury', timezone: NZ_TIME_ZONE, dailyMeetingTime: '09:00', icmReviewWeekday: 3, training: false }, emailSuffix: '', refPrefix: '',
    areas: CANTERBURY_AREAS, venue: 'ISR hub meeting room, Ōtautahi', families: [25, 31], repeats: [5, 7], episodes: () => [31, 39],
  };
  const waikato: SiteSetting = {
    site: { id: ids.uuid(), code: 'WAIKATO', name: 'Waikato', timezone: NZ_TIME_ZONE, dailyMeetingTime: '08:30', icmReviewWeekday: 4, training: false }, emailSuffix: '.waikato', refPrefix: '',
    areas: WAIKATO_AREAS, venue: 'ISR hub meeting room, Kirikiriroa', families: [6, 9], repeats: [0, 0], episodes: (n) => [n + 1, n + 4],
  };
  out.sites.push(canterbury.site, waikato.site);
  const ctx: Ctx = {
    rng, ids, out, setting: canterbury, site: canterbury.site, staff: [], agency: new Map(), usedNames: new Set(), usedRefs: new Set(),
  };
  addAgencies(ctx);
  addStaff(ctx);
  addSiteDays(ctx, day);
  ctx.setting = waikato;
  ctx.site = waikato.site;
  addStaff(ctx);
  addSiteDays(ctx, day);
  out.users.push({
    id: ids.uuid(), email: DEMO_NATIONAL_AUDITOR_EMAIL, displayName: 'Mere Hēnare', role: 'AUDITOR',
    agencyId: agencyId(ctx, 'POLICE'), siteId: canterbury.site.id, national: true,
  });
  for (const admin of DEMO_ADMINS) {
    out.users.push({
      id: ids.uuid(), email: admin.email, displayName: admin.displayName, role: 'SITE_ADMIN',
      agencyId: agencyId(ctx, 'POLICE'), siteId: admin.site === 'CANTERBURY' ? canterbury.site.id : waikato.site.id, national: admin.national,
    });
  }
  return out;
}

export interface TrainingDayOptions {
  /** Picks the whānau: the same seed gives the same people, episodes and list. */
  seed: number;
  /** Picks the row ids, so a reset's rows are new rows and nothing still holding the old ones can reach them. */
  idSeed: number;
  today: string;
  site: SiteRow;
  /** The national directory as the database has it (the risk scores are Police's). */
  agencies: Agency[];
}

/**
 * A training site's synthetic whānau and the day's list, ready to run: no earlier meeting, so no
 * staff or decisions are needed; trainees get their accounts through the normal staff admin.
 */
export function generateTrainingDay({ seed, idSeed, today, site, agencies }: TrainingDayOptions): DemoData {
  const out: DemoData = {
    sites: [], agencies: [], users: [], persons: [], cases: [], caseMembers: [], episodes: [],
    episodeChildren: [], riskAssessments: [], meetings: [], participants: [], agendaItems: [], agendaItemEpisodes: [],
    decisions: [], actions: [],
  };
  const setting: SiteSetting = {
    site, emailSuffix: '', refPrefix: `TRAINING-${site.code}-`, areas: [...CANTERBURY_AREAS, ...WAIKATO_AREAS],
    venue: 'Training room', families: [8, 12], repeats: [0, 0], episodes: (n) => [n + 2, n + 5],
  };
  const ctx: Ctx = {
    rng: createRng(seed), ids: createRng(idSeed), out, setting, site, staff: [],
    agency: new Map(agencies.map((a) => [a.code, a])), usedNames: new Set(), usedRefs: new Set(),
  };
  addSiteDays(ctx, parseDay(today));
  return out;
}

/** One site's families: last week's closed meeting and today's list. */
function addSiteDays(ctx: Ctx, day: DateTime): void {
  const { rng, setting } = ctx;
  const earlierDay = day.minus({ days: EARLIER_MEETING_DAYS_AGO });
  const familyCount = rng.int(...setting.families);
  const repeatCount = rng.int(...setting.repeats);
  const families = Array.from({ length: familyCount }, (_, i) =>
    makeFamily(ctx, i + 1, i < repeatCount ? earlierDay : day, i < repeatCount));

  const earlier = families.filter((f) => f.repeat).map((f) => ({ family: f, risks: earlierEpisodes(ctx, f, earlierDay) }));
  if (earlier.length > 0) addClosedMeeting(ctx, earlierDay, earlier);

  const todays = todaysEpisodes(ctx, families, day);
  addPrepMeeting(ctx, day, families.map((f, i) => ({ family: f, risks: todays[i] ?? [] })));

  for (const f of families) ctx.out.cases.push(f.case);
}

function parseDay(today: string): DateTime {
  const day = DateTime.fromISO(today, { zone: NZ_TIME_ZONE });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || !day.isValid) throw new Error(`not a YYYY-MM-DD date: ${today}`);
  return day.startOf('day');
}

/** The NZ calendar date of `day`, as a @db.Date column holds it. */
function calendarDate(day: DateTime): Date {
  return dateColumn(day.toFormat('yyyy-MM-dd'));
}

function at(day: DateTime, time: { hour: number; minute: number }): DateTime {
  return day.set({ ...time, second: 0, millisecond: 0 });
}

/** Instants in the window ending at the cutoff on `day`, weighted by hour, in time order. */
function sampleTimes(rng: Rng, day: DateTime, weights: readonly number[], n: number): DateTime[] {
  const end = at(day, { hour: CUTOFF_HOUR, minute: 0 });
  // Measured in hours, not calendar days, so a daylight-saving change still gives exactly 24 h.
  const start = end.minus({ hours: 24 });
  const buckets = weights.map((w, h) => [h, w] as const);
  return Array.from({ length: n }, () => start.plus({ minutes: rng.weighted(buckets) * 60 + rng.int(0, 59) }))
    .sort((a, b) => a.toMillis() - b.toMillis());
}

/**
 * A Report of Concern is recorded with its decision: made the same day by someone of the lead agency,
 * with an invented reference. Derived from the item, not drawn, so the rest of the data stays as it was.
 */
function reportOfConcern(ctx: Ctx, pathway: Pathway, lead: string | null, day: DateTime, itemId: string)
  : Pick<Decision, 'reportOfConcernBy' | 'reportOfConcernOn' | 'reportOfConcernRef'> {
  if (pathway !== 'OT_REPORT_OF_CONCERN') return { reportOfConcernBy: null, reportOfConcernOn: null, reportOfConcernRef: null };
  const leadId = lead ? agencyId(ctx, lead) : null;
  const by = ctx.staff.find((u) => u.agencyId === leadId)?.displayName ?? 'Oranga Tamariki contact centre';
  return { reportOfConcernBy: by, reportOfConcernOn: calendarDate(day), reportOfConcernRef: `ROC-DEMO-${itemId.slice(0, 8).toUpperCase()}` };
}

function uniqueRef(ctx: Ctx, make: () => string): string {
  for (;;) {
    const ref = make();
    if (!ctx.usedRefs.has(ref)) {
      ctx.usedRefs.add(ref);
      return ref;
    }
  }
}


function drawName(ctx: Ctx, pool: NamePool, gender: Gender, familyName?: string): { given: string; family: string } {
  const givens = gender === 'FEMALE' ? pool.female : gender === 'MALE' ? pool.male : [...pool.female, ...pool.male];
  const draw = () => ({ given: ctx.rng.pick(givens), family: familyName ?? ctx.rng.pick(pool.family) });
  // Prefer a name nobody else has, so people are easy to tell apart; with a fixed family name
  // and a short list that may be impossible, and two people sharing a name is real life too.
  let name = draw();
  for (let tries = 0; tries < 50 && ctx.usedNames.has(foldName(name.given, name.family)); tries++) name = draw();
  ctx.usedNames.add(foldName(name.given, name.family));
  return name;
}

function addAgencies(ctx: Ctx): void {
  for (const a of AGENCIES) {
    const agency: Agency = { id: ctx.ids.uuid(), code: a.code, name: a.name, kind: a.kind, active: true };
    ctx.agency.set(a.code, agency);
    ctx.out.agencies.push(agency);
  }
}

function addStaff(ctx: Ctx): void {
  // Distinct given names, so people in a meeting's roster are easy to tell apart.
  const givenNames = new Set<string>();
  ctx.staff = STAFF.map((s) => {
    let name: { given: string; family: string };
    do name = drawName(ctx, pickPool(ctx.rng), ctx.rng.chance(0.55) ? 'FEMALE' : 'MALE');
    while (givenNames.has(name.given));
    givenNames.add(name.given);
    return {
      id: ctx.ids.uuid(), email: `${s.name}${ctx.setting.emailSuffix}@demo.test`, displayName: `${name.given} ${name.family}`, role: s.role,
      agencyId: agencyId(ctx, s.agency), siteId: ctx.site.id, national: false,
    };
  });
  ctx.out.users.push(...ctx.staff);
}

function agencyId(ctx: Ctx, code: string): string {
  const agency = ctx.agency.get(code);
  if (!agency) throw new Error(`unknown agency ${code}`);
  return agency.id;
}

function pickPool(rng: Rng): NamePool {
  return rng.weighted(NAME_POOLS.map((p) => [p, p.weight] as const));
}

// ───────────── Families ─────────────

type Relationship = 'PARTNERS' | 'PARTNERS_REVERSED' | 'SAME_GENDER' | 'GENDER_DIVERSE' | 'ADULT_CHILD';

function makeFamily(ctx: Ctx, seq: number, createdDay: DateTime, repeat: boolean): Family {
  const { rng } = ctx;
  const createdAt = at(createdDay, IMPORT_AT).toJSDate();
  const relationship = rng.weighted<Relationship>([
    ['PARTNERS', 70], ['PARTNERS_REVERSED', 10], ['SAME_GENDER', 8], ['GENDER_DIVERSE', 5], ['ADULT_CHILD', 7],
  ]);
  const pool = pickPool(rng);
  const puvPool = rng.chance(0.7) ? pool : pickPool(rng);
  const either: Gender = rng.chance(0.5) ? 'FEMALE' : 'MALE';
  const genders: Record<Relationship, [Gender, Gender]> = {
    PARTNERS: ['FEMALE', 'MALE'],
    PARTNERS_REVERSED: ['MALE', 'FEMALE'],
    SAME_GENDER: [either, either],
    GENDER_DIVERSE: ['GENDER_DIVERSE', either],
    ADULT_CHILD: ['FEMALE', rng.chance(0.7) ? 'MALE' : 'FEMALE'],
  };
  const [parGender, puvGender] = genders[relationship];
  const adultChild = relationship === 'ADULT_CHILD';
  const parAge = adultChild ? rng.int(42, 68) : rng.int(18, 52);
  const puvAge = adultChild ? rng.int(18, parAge - 20) : Math.max(18, parAge + rng.int(-4, 8));
  const caseId = ctx.ids.uuid();

  const member = (person: Person, role: CaseMember['role']): Person => {
    ctx.out.persons.push(person);
    ctx.out.caseMembers.push({ id: ctx.ids.uuid(), caseId, personId: person.id, role });
    return person;
  };
  const par = member(makePerson(ctx, { pool, gender: parGender, age: parAge, createdAt, mayHide: true }), 'PERSON_AT_RISK');
  const puv = member(makePerson(ctx, {
    pool: puvPool, gender: puvGender, age: puvAge, createdAt, familyName: adultChild ? par.familyName : undefined,
  }), 'PERSON_USING_VIOLENCE');

  const childCount = adultChild || parAge < 20 ? 0 : rng.weighted([[0, 35], [1, 25], [2, 22], [3, 18]] as const);
  const children = Array.from({ length: childCount }, () => member(makePerson(ctx, {
    pool: rng.chance(0.5) ? pool : puvPool,
    gender: rng.chance(0.5) ? 'FEMALE' : 'MALE',
    age: rng.int(0, Math.min(16, parAge - 18)),
    createdAt,
    familyName: childFamilyName(rng, par.familyName, puv.familyName),
    child: true,
  }), 'CHILD'));

  return {
    case: {
      id: caseId, reference: formatCaseReference(caseReferencePrefix(ctx.site.code), seq), siteId: ctx.site.id, status: 'OPEN',
      leadAgencyId: null, currentRisk: null, flags: [], legalHoldReason: null, legalHoldAt: null, legalHoldById: null, anonymisedAt: null,
      createdAt, updatedAt: createdAt,
    },
    pool, par, puv, children,
    area: rng.pick(ctx.setting.areas),
    protectionOrder: rng.chance(0.22) ? 'IN_FORCE' : 'NONE',
    // Skewed low, as SAFVR scores are: most people score well under one in two.
    safvr: 0.03 + 0.9 * rng.next() ** 2.2,
    repeat,
  };
}

function childFamilyName(rng: Rng, parFamily: string, puvFamily: string): string {
  const roll = rng.next();
  if (roll < 0.45 || parFamily === puvFamily) return roll < 0.7 ? puvFamily : parFamily;
  if (roll < 0.75) return parFamily;
  // A double-barrelled name, unless one side already is.
  return parFamily.includes('-') || puvFamily.includes('-') ? puvFamily : `${parFamily}-${puvFamily}`;
}

/** Invented kaupapa Māori services a person may prefer (synthetic, like every name here). */
const KAUPAPA_PROVIDERS = ['Te Rau Aroha Whānau Services (demo)', 'Kōwhai Kaupapa Māori Trust (demo)', 'Ngā Kete Ora Hauora (demo)'];

interface PersonSpec {
  pool: NamePool;
  gender: Gender;
  age: number;
  createdAt: Date;
  familyName?: string | undefined;
  child?: boolean;
  mayHide?: boolean;
}

function makePerson(ctx: Ctx, spec: PersonSpec): Person {
  const { rng } = ctx;
  const name = drawName(ctx, spec.pool, spec.gender, spec.familyName);
  const knownDob = rng.chance(spec.child ? 0.95 : 0.8);
  const dob = calendarDate(DateTime.fromJSDate(spec.createdAt, { zone: NZ_TIME_ZONE })
    .minus({ years: spec.age, days: rng.int(1, 364) }));
  const iwi = spec.pool.iwi && rng.chance(0.6) ? rng.shuffle(IWI).slice(0, rng.int(1, 2)) : [];
  const hiddenName = spec.mayHide === true && rng.chance(0.04);
  return {
    id: ctx.ids.uuid(),
    siteId: ctx.site.id,
    givenName: name.given,
    familyName: name.family,
    preferredName: !spec.child && rng.chance(0.1) ? rng.pick(PREFERRED_NAMES) : null,
    nameKey: foldName(name.given, name.family),
    dob: knownDob ? dob : null,
    gender: spec.gender,
    ethnicity: rng.pick(spec.pool.ethnicities),
    iwiAffiliations: iwi,
    // Invented services, chosen without a draw so the rest of the data stays as it was.
    preferredKaupapaProvider: !spec.child && iwi.length > 0 ? KAUPAPA_PROVIDERS[name.family.length % KAUPAPA_PROVIDERS.length]! : null,
    hiddenName,
    hiddenNameReason: hiddenName ? 'Protected address' : null,
    anonymisedAt: null,
    policePersonRef: rng.chance(spec.child ? 0.1 : 0.85) ? uniqueRef(ctx, () => `${ctx.setting.refPrefix}PPR-${rng.digits(7)}`) : null,
    createdAt: spec.createdAt,
  };
}

// ───────────── Episodes and risk ─────────────

function maxLevel(levels: readonly (RiskLevel | null)[]): RiskLevel {
  return LEVELS[Math.max(0, ...levels.map((l) => (l ? LEVELS.indexOf(l) : 0)))] ?? 'LOW';
}

function todaysEpisodes(ctx: Ctx, families: Family[], day: DateTime): EpisodeRisk[][] {
  const { rng } = ctx;
  const total = rng.int(...ctx.setting.episodes(families.length));
  const counts = families.map(() => 1);
  // Some whānau come to Police attention more than once in a night; those group into one item.
  for (let extra = total - families.length; extra > 0; extra--) {
    const candidates = counts.flatMap((c, i) => (c < 3 ? [i] : []));
    const i = rng.pick(candidates);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const sources = families.map((_, i) => Array.from({ length: counts[i] ?? 1 }, (): EpisodeSource => 'POLICE_FAMILY_HARM'));
  // A release belongs to a whānau seen for nothing else today, and never to one whose person
  // using violence was at large last week.
  const releases = rng.shuffle(families.flatMap((f, i) => (!f.repeat && counts[i] === 1 ? [i] : []))).slice(0, 2);
  for (const i of releases) sources[i] = ['CORRECTIONS_RELEASE'];
  const referable = rng.shuffle(families.flatMap((_, i) => (releases.includes(i) ? [] : [i])));
  for (const i of referable.slice(0, rng.int(1, 2))) {
    const list = sources[i];
    if (list) list[list.length - 1] = 'AGENCY_REFERRAL';
  }

  return families.map((f, i) => {
    const list = sources[i] ?? [];
    const police = list.filter((s) => s === 'POLICE_FAMILY_HARM');
    const other = list.filter((s) => s !== 'POLICE_FAMILY_HARM');
    const policeTimes = sampleTimes(rng, day, POLICE_HOURS, police.length);
    const otherTimes = sampleTimes(rng, day, OFFICE_HOURS, other.length);
    // Last week's episode raised the score of a repeat whānau's person using violence.
    const drift = f.repeat ? 0.03 : 0;
    return [
      ...police.map((source, k) => makeEpisode(ctx, f, { source, when: policeTimes[k], day, safvrDrift: drift, followUp: k > 0 })),
      ...other.map((source, k) => makeEpisode(ctx, f, { source, when: otherTimes[k], day, safvrDrift: drift, followUp: false })),
    ].sort((a, b) => a.episode.occurredAt.getTime() - b.episode.occurredAt.getTime());
  });
}

function earlierEpisodes(ctx: Ctx, family: Family, day: DateTime): EpisodeRisk[] {
  const n = ctx.rng.chance(0.25) ? 2 : 1;
  return sampleTimes(ctx.rng, day, POLICE_HOURS, n)
    .map((when, k) => makeEpisode(ctx, family, { source: 'POLICE_FAMILY_HARM', when, day, safvrDrift: 0, followUp: k > 0 }));
}

interface EpisodeSpec {
  source: EpisodeSource;
  when: DateTime | undefined;
  /** The meeting day whose list the episode is imported into. */
  day: DateTime;
  safvrDrift: number;
  /** Police went back to the same whānau earlier in this window. */
  followUp: boolean;
}

function makeEpisode(ctx: Ctx, f: Family, { source, when, day, safvrDrift, followUp }: EpisodeSpec): EpisodeRisk {
  const { rng } = ctx;
  if (!when) throw new Error('no time sampled for an episode');
  const police = source === 'POLICE_FAMILY_HARM';
  const importedAt = at(day, IMPORT_AT).toJSDate();
  const protectionOrder: ProtectionOrder =
    f.protectionOrder === 'IN_FORCE' && police && rng.chance(0.45) ? 'BREACHED' : f.protectionOrder;
  const childrenPresent = police && f.children.length > 0 && rng.chance(0.6) ? rng.int(1, f.children.length) : 0;
  const weapons = police && rng.chance(0.12);
  const strangulation = police && rng.chance(0.1);
  const episode: Episode = {
    id: ctx.ids.uuid(),
    policeRef: uniqueRef(ctx, () => `${ctx.setting.refPrefix}P${rng.digits(9)}`),
    siteId: ctx.site.id,
    caseId: f.case.id,
    occurredAt: when.toJSDate(),
    area: rng.chance(0.9) ? f.area : rng.pick(ctx.setting.areas),
    source,
    summary: '',
    childrenPresent,
    protectionOrder,
    weapons,
    strangulation,
    personAtRiskId: f.par.id,
    personUsingViolenceId: f.puv.id,
    importedAt,
  };
  episode.summary = summarise(ctx, f, episode, followUp);
  // Police name the children present: the family's eldest, as many as were there.
  f.children.slice(0, childrenPresent).forEach((child, i) => ctx.out.episodeChildren.push({ episodeId: episode.id, personId: child.id, position: i + 1 }));

  // SAFVR is a static score of the person using violence; each new episode nudges it up.
  const safvr = Math.round(Math.min(0.97, f.safvr + safvrDrift) * 100) / 100;
  const safvrBand = bandOf(safvr);
  // A training site on a database that has no Police agency yet still gets its scores.
  const policeId = ctx.agency.get('POLICE')?.id ?? null;
  ctx.out.episodes.push(episode);
  ctx.out.riskAssessments.push({
    id: ctx.ids.uuid(), caseId: f.case.id, episodeId: episode.id, personId: f.puv.id, agencyId: policeId,
    tool: 'SAFVR', rawScore: safvr, band: safvrBand, level: safvrBand, assessedAt: importedAt,
  });
  // DYRA is asked of the person at risk at the scene, so only Police-attended episodes have one.
  const dyra: RiskLevel | null = !police ? null
    : strangulation || weapons || protectionOrder === 'BREACHED' ? 'HIGH'
      : childrenPresent > 0 || rng.chance(0.3) ? 'MEDIUM' : 'LOW';
  if (dyra) {
    ctx.out.riskAssessments.push({
      id: ctx.ids.uuid(), caseId: f.case.id, episodeId: episode.id, personId: f.par.id, agencyId: policeId,
      tool: 'DYRA', rawScore: null, band: dyra, level: dyra, assessedAt: when.plus({ minutes: rng.int(10, 25) }).toJSDate(),
    });
  }
  return { episode, safvr, safvrBand, dyra };
}

interface Names {
  par: string;
  puv: string;
}

/**
 * How generated text refers to the two adults. Names only, never pronouns (the templates cannot
 * know how each person is referred to); a hidden name is never written into free text.
 */
function namesIn(f: Family): Names {
  return {
    par: f.par.hiddenName ? 'the person at risk' : f.par.preferredName ?? f.par.givenName,
    puv: f.puv.givenName,
  };
}

/** Capitalises each sentence's first letter, which a hidden name's placeholder does not start with. */
function sentences(...parts: string[]): string {
  return parts.filter(Boolean).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(' ');
}

function summarise(ctx: Ctx, f: Family, e: Episode, followUp: boolean): string {
  const { rng } = ctx;
  const { par, puv } = namesIn(f);
  if (e.source === 'CORRECTIONS_RELEASE') {
    return sentences(
      `${puv} was released from a ${ctx.site.name} prison after a sentence for family violence offending against ${par}.`,
      `The release address is in ${e.area}, near where ${par} lives.`,
    );
  }
  if (e.source === 'AGENCY_REFERRAL') {
    const from = rng.pick(['FV_NGO', 'HEALTH', 'KAUPAPA_MAORI', 'EDUCATION']);
    return sentences(
      `Referral from ${ctx.agency.get(from)?.name ?? from}: ${par} disclosed ongoing threats and controlling behaviour by ${puv}.`,
      `${par} has asked for help with a safety plan.`,
    );
  }
  const address = `${/^[AEIOUĀĒĪŌŪ]/i.test(e.area) ? 'an' : 'a'} ${e.area} address`;
  const opening = followUp ? `Police were called back to ${address} after a further call.` : rng.pick([
    `A neighbour called Police about shouting at ${address}.`,
    `${par} called 111 from ${address}.`,
    `Police attended a family harm episode in ${e.area} after a call from a relative.`,
    `Police were flagged down by ${par} on a street in ${e.area}.`,
  ]);
  const what = e.strangulation ? `${par} told Police that ${puv} put hands around ${par}'s neck during an argument.`
    : e.weapons ? `${puv} is alleged to have threatened ${par} with a ${rng.pick(['kitchen knife', 'hammer', 'bat'])}.`
      : rng.pick([
        `${puv} is alleged to have pushed ${par} during an argument about money.`,
        'Verbal argument only; no physical harm reported.',
        `${puv} is alleged to have broken ${par}'s phone so no one could be called.`,
        `${par} reported months of controlling behaviour by ${puv}.`,
      ]);
  const context = [
    e.childrenPresent > 0 ? `${e.childrenPresent === 1 ? 'One child was' : `${e.childrenPresent} children were`} present` : '',
    e.protectionOrder === 'BREACHED' ? `${puv} was at the address in breach of a protection order`
      : e.protectionOrder === 'IN_FORCE' ? 'a protection order is in force' : '',
  ].filter(Boolean).join('; ');
  return sentences(opening, what, context && `${context}.`);
}

/** Higher means discussed earlier: the worst-scored and most dangerous episodes lead the list. */
function concern(f: Family, risks: readonly EpisodeRisk[]): number {
  const dyraWeight = { LOW: 0, MEDIUM: 0.2, HIGH: 0.5 } as const;
  return risks.reduce((sum, r) => {
    const e = r.episode;
    return Math.max(sum, r.safvr + (r.dyra ? dyraWeight[r.dyra] : 0) + (e.strangulation ? 0.4 : 0) + (e.weapons ? 0.3 : 0)
      + (e.protectionOrder === 'BREACHED' ? 0.3 : 0) + e.childrenPresent * 0.05
      + (e.source === 'CORRECTIONS_RELEASE' ? 0.2 : 0));
  }, 0) + (risks.length - 1) * 0.15 + (f.repeat ? 0.2 : 0);
}

interface Listed {
  family: Family;
  risks: EpisodeRisk[];
}

/** Orders the list by concern and gives each entry its agenda item. */
function addItems(ctx: Ctx, meeting: Meeting, listed: Listed[], reason: (f: Family) => AgendaItem['reason']): (Listed & { item: AgendaItem })[] {
  const ordered = [...listed].sort((a, b) =>
    concern(b.family, b.risks) - concern(a.family, a.risks) || a.family.case.reference.localeCompare(b.family.case.reference));
  const ranks = generateNKeysBetween(null, null, ordered.length);
  return ordered.map((entry, i) => {
    const item: AgendaItem = {
      id: ctx.ids.uuid(), meetingId: meeting.id, caseId: entry.family.case.id, reason: reason(entry.family),
      rank: ranks[i] ?? '', status: meeting.status === 'CLOSED' ? 'DECIDED' : 'PENDING', createdAt: meeting.createdAt,
      deferReason: null, discussionMs: meeting.status === 'CLOSED' ? ctx.rng.int(4, 12) * 60_000 : 0,
    };
    ctx.out.agendaItems.push(item);
    for (const r of entry.risks) ctx.out.agendaItemEpisodes.push({ agendaItemId: item.id, episodeId: r.episode.id });
    return { ...entry, item };
  });
}

// ───────────── Meetings ─────────────

const NO_CONTROL_STATE = { focusItemId: null, focusSetAt: null, timerItemId: null, timerStartedAt: null } as const;

function addPrepMeeting(ctx: Ctx, day: DateTime, listed: Listed[]): void {
  const importedAt = at(day, IMPORT_AT).toJSDate();
  const meeting: Meeting = {
    id: ctx.ids.uuid(), siteId: ctx.site.id, date: calendarDate(day), kind: 'DAILY_SAM', status: 'PREP', venue: ctx.setting.venue,
    startedAt: null, closedAt: null, createdAt: importedAt, ...NO_CONTROL_STATE,
  };
  ctx.out.meetings.push(meeting);
  addItems(ctx, meeting, listed, (f) => (f.repeat ? 'REPEAT' : 'NEW_EPISODE'));
  // Today's import finds last week's episodes for the same people: the repeat flag goes up.
  for (const { family } of listed) {
    if (!family.repeat) continue;
    family.case.flags = ['REPEAT'];
    family.case.updatedAt = importedAt;
  }
}

function addClosedMeeting(ctx: Ctx, day: DateTime, listed: Listed[]): void {
  const { rng } = ctx;
  const start = at(day, MEETING_START);
  const meeting: Meeting = {
    id: ctx.ids.uuid(), siteId: ctx.site.id, date: calendarDate(day), kind: 'DAILY_SAM', status: 'CLOSED', venue: ctx.setting.venue,
    startedAt: start.toJSDate(), closedAt: null, createdAt: at(day, IMPORT_AT).toJSDate(), ...NO_CONTROL_STATE,
  };
  ctx.out.meetings.push(meeting);
  const items = addItems(ctx, meeting, listed, () => 'NEW_EPISODE');
  const decidedAt: DateTime[] = [];
  let clock = start;
  for (let i = 0; i < items.length; i++) {
    clock = clock.plus({ minutes: rng.int(6, 14) });
    decidedAt.push(clock);
  }
  const closed = clock.plus({ minutes: rng.int(4, 10) });
  meeting.closedAt = closed.toJSDate();

  const chair = addParticipants(ctx, meeting, start, closed);
  const budget = { icm: 1, informationOnly: 1 };
  const actions = items.flatMap((entry, i) =>
    decide(ctx, entry, day, decidedAt[i] ?? closed, chair.id, budget));
  assignActionStatuses(ctx, actions, day.plus({ days: EARLIER_MEETING_DAYS_AGO }));
}

/** The closed meeting's attendance; returns the chair, who records the decisions. */
function addParticipants(ctx: Ctx, meeting: Meeting, start: DateTime, closed: DateTime): Participant {
  const { rng } = ctx;
  const attending = ctx.staff.filter((u) =>
    u.role === 'CHAIR' || u.role === 'COORDINATOR' || (u.role === 'REP' && rng.chance(0.85)) || (u.role === 'OBSERVER' && rng.chance(0.5)));
  const participants = attending.map((u): Participant => {
    const remote = u.role !== 'CHAIR' && u.role !== 'COORDINATOR' && rng.chance(0.35);
    // Remote people wait in the lobby until the chair admits them; the room is admitted on arrival.
    const arrived = start.minus({ minutes: rng.int(1, 10) });
    const admitted = remote ? arrived.plus({ minutes: rng.int(1, 3) }) : arrived;
    const left = remote && rng.chance(0.15) ? closed.minus({ minutes: rng.int(5, 20) }) : closed;
    return {
      id: ctx.ids.uuid(), meetingId: meeting.id, userId: u.id, inviteId: null, displayName: u.displayName,
      agencyId: u.agencyId, role: u.role, mode: remote ? 'REMOTE' : 'IN_ROOM',
      confidentialityAckAt: arrived.toJSDate(), lobbyAt: remote ? arrived.toJSDate() : null,
      admittedAt: admitted.toJSDate(), declinedAt: null, removedAt: null, joinedAt: admitted.toJSDate(),
      leftAt: left.toJSDate(), createdAt: arrived.toJSDate(),
    };
  });
  ctx.out.participants.push(...participants);
  const chair = participants.find((p) => p.role === 'CHAIR');
  if (!chair) throw new Error('the closed meeting needs a chair');
  return chair;
}

interface PlannedAction {
  agency: string;
  /** Free text, as a person would type it in the room (exports show it as typed). */
  type: string;
  description: string;
  priority: ActionPriority;
  dueInDays: number;
}

/** Records the earlier meeting's decision for one item and returns its actions. */
function decide(
  ctx: Ctx, entry: Listed & { item: AgendaItem }, day: DateTime, when: DateTime, chairId: string,
  budget: { icm: number; informationOnly: number },
): Action[] {
  const { rng } = ctx;
  const { family: f, risks, item } = entry;
  const worst = risks.reduce((a, b) => (b.safvr > a.safvr ? b : a));
  const toolLevel = maxLevel(risks.flatMap((r) => [r.safvrBand, r.dyra]));
  const strangled = risks.some((r) => r.episode.strangulation);
  const children = risks.some((r) => r.episode.childrenPresent > 0);
  // Judgement may raise a level, never silently lower a recorded band.
  const riskLevel: RiskLevel = strangled ? 'HIGH' : toolLevel;

  let pathway: Pathway;
  if (riskLevel === 'HIGH' && budget.icm > 0) {
    budget.icm--;
    pathway = 'REFER_ICM';
  } else if (riskLevel !== 'LOW' && children) {
    pathway = 'OT_REPORT_OF_CONCERN';
  } else if (riskLevel === 'LOW' && budget.informationOnly > 0) {
    budget.informationOnly--;
    pathway = 'INFORMATION_ONLY';
  } else {
    pathway = 'LEAD_AGENCY_RESPONSE';
  }
  const lead = leadAgencyFor(rng, pathway, f);
  const names = namesIn(f);
  const dyra = risks.some((r) => r.dyra) ? `, DYRA ${maxLevel(risks.map((r) => r.dyra))}` : '';
  const rationale = [
    `SAFVR ${worst.safvr.toFixed(2)} (${worst.safvrBand})${dyra}.`,
    strangled && toolLevel !== 'HIGH' ? 'Raised to HIGH on professional judgement: non-fatal strangulation reported.' : '',
    pathwayReason(pathway, lead ? ctx.agency.get(lead)?.name ?? lead : '', names.par),
  ].filter(Boolean).join(' ');
  const dissent = strangled && toolLevel !== 'HIGH' && rng.chance(0.5)
    ? 'Corrections would have held MEDIUM given no prior strangulation history.' : '';

  const planned = planActions(rng, pathway, lead, f, names);
  const decision: DecisionRow = {
    id: ctx.ids.uuid(), agendaItemId: item.id, caseId: f.case.id, version: 1, riskLevel, pathway,
    leadAgencyId: lead ? agencyId(ctx, lead) : null, rationale, dissent, decidedAt: when.toJSDate(),
    decidedById: chairId, contentHash: '', supersededAt: null,
    ...reportOfConcern(ctx, pathway, lead, day, item.id),
  };
  const actions = planned.map((p): Action => ({
    id: ctx.ids.uuid(), caseId: f.case.id, decisionId: decision.id, docActionId: ctx.ids.uuid(),
    agencyId: agencyId(ctx, p.agency),
    assignee: rng.chance(0.6) ? ctx.staff.find((u) => u.role === 'REP' && u.agencyId === agencyId(ctx, p.agency))?.displayName ?? null : null,
    type: p.type, description: p.description, dueDate: calendarDate(day.plus({ days: p.dueInDays })),
    priority: p.priority, status: 'OPEN', outcomeNote: null, doneAt: null, createdAt: decision.decidedAt, updatedAt: decision.decidedAt,
  }));
  decision.contentHash = createHash('sha256').update(JSON.stringify({
    riskLevel, pathway, leadAgency: lead, rationale, dissent,
    actions: actions.map((a) => ({
      id: a.docActionId, agencyId: a.agencyId, type: a.type, description: a.description, priority: a.priority,
      due: isoDateOf(a.dueDate),
    })),
  })).digest('hex');
  ctx.out.decisions.push(decision);

  const caseStatus: CaseStatus = pathway === 'REFER_ICM' ? 'ICM' : pathway === 'INFORMATION_ONLY' ? 'MONITORING' : 'OPEN';
  Object.assign(f.case, { status: caseStatus, leadAgencyId: decision.leadAgencyId, currentRisk: riskLevel, updatedAt: decision.decidedAt });
  return actions;
}

function leadAgencyFor(rng: Rng, pathway: Pathway, f: Family): string | null {
  switch (pathway) {
    case 'REFER_ICM': return 'POLICE';
    case 'OT_REPORT_OF_CONCERN': return 'OT';
    case 'LEAD_AGENCY_RESPONSE':
      return rng.pick(f.pool.iwi ? ['KAUPAPA_MAORI', 'IWI'] : ['FV_NGO', 'VICTIM_SPECIALIST']);
    default: return null;
  }
}

function pathwayReason(pathway: Pathway, leadName: string, par: string): string {
  switch (pathway) {
    case 'REFER_ICM': return 'Meets the threshold for Intensive Case Management; the whānau needs one coordinated plan.';
    case 'OT_REPORT_OF_CONCERN': return `Children were present; Oranga Tamariki to assess their safety, with ${par} supported alongside.`;
    case 'INFORMATION_ONLY': return 'No further concerns known to agencies; noted on file for each agency.';
    case 'LEAD_AGENCY_RESPONSE': return `${leadName} is best placed to engage with ${par} and the whānau.`;
    default: return '';
  }
}

function planActions(rng: Rng, pathway: Pathway, lead: string | null, f: Family, { par, puv }: Names): PlannedAction[] {
  const safetyPlan = (agency: string, priority: ActionPriority): PlannedAction => ({
    agency, type: 'Safety plan', description: `Contact ${par} and agree a safety plan.`, priority, dueInDays: priority === 'URGENT' ? 1 : 2,
  });
  const support: PlannedAction[] = [
    { agency: 'PERPETRATOR_SERVICE', type: 'Stopping-violence programme', description: `Offer ${puv} a place on a stopping-violence programme.`, priority: 'STANDARD', dueInDays: 5 },
    { agency: 'HOUSING', type: 'Housing assessment', description: `Assess whether ${par} needs a safe housing option.`, priority: 'STANDARD', dueInDays: 4 },
    { agency: 'MSD', type: 'Financial support', description: `Check ${par}'s entitlements if living apart from ${puv}.`, priority: 'STANDARD', dueInDays: 5 },
    { agency: 'HEALTH', type: 'GP follow-up', description: `See ${par} after the episode; check for injuries and offer support.`, priority: 'STANDARD', dueInDays: 3 },
  ];
  if (f.protectionOrder === 'IN_FORCE') {
    support.push({ agency: 'POLICE', type: 'Protection order check', description: `Check ${puv}'s compliance with the protection order.`, priority: 'URGENT', dueInDays: 1 });
  }
  if (f.children.length > 0) {
    support.push({ agency: 'EDUCATION', type: 'School liaison', description: "Check the children's attendance and wellbeing at school or ECE.", priority: 'STANDARD', dueInDays: 3 });
  }
  const extra = rng.shuffle(support).slice(0, rng.int(1, 2));
  // Due after today's meeting, so Corrections has work open on its home page in the demo.
  const correctionsCheck: PlannedAction = {
    agency: 'CORRECTIONS', type: 'Sentence and release check', priority: 'STANDARD', dueInDays: 10,
    description: `Share whether ${puv} is under Corrections management, and any release conditions, before the next review.`,
  };
  switch (pathway) {
    case 'REFER_ICM':
      return [
        { agency: 'POLICE', type: 'ICM referral', description: 'Prepare the ICM referral and convene the first whānau plan meeting.', priority: 'URGENT', dueInDays: 1 },
        safetyPlan('FV_NGO', 'URGENT'),
        correctionsCheck,
        ...extra,
      ];
    case 'OT_REPORT_OF_CONCERN':
      return [
        { agency: 'OT', type: 'Report of concern', description: "Assess the children's safety following the report of concern.", priority: 'URGENT', dueInDays: 1 },
        correctionsCheck,
        ...extra,
      ];
    case 'LEAD_AGENCY_RESPONSE':
      return [safetyPlan(lead ?? 'FV_NGO', 'STANDARD'), correctionsCheck, ...extra];
    default:
      return [];
  }
}

/**
 * A week on, most actions are done but some are not: those are what today's meeting carries
 * over. At least one of each unfinished state is guaranteed so the demo always shows them.
 */
function assignActionStatuses(ctx: Ctx, actions: Action[], today: DateTime): void {
  const { rng } = ctx;
  // An action not due until after today is simply still open.
  const todayIso = today.toISODate()!;
  const due = actions.filter((a) => isoDateOf(a.dueDate) <= todayIso);
  const forced: ActionStatus[] = ['OPEN', 'IN_PROGRESS', 'NOT_DONE_CIRCUMSTANCES', 'NOT_DONE_AGENCY'];
  const notes: Record<ActionStatus, string | null> = {
    OPEN: null,
    IN_PROGRESS: 'First contact made; follow-up visit booked.',
    DONE: 'Completed as agreed.',
    NOT_DONE_CIRCUMSTANCES: 'Two visits, no answer at the address; phone disconnected.',
    NOT_DONE_AGENCY: 'Not actioned: no caseworker available this week.',
    CANCELLED: 'No longer needed: the whānau moved out of the region.',
  };
  rng.shuffle(due).forEach((action, i) => {
    const status = forced[i] ?? rng.weighted<ActionStatus>([['DONE', 60], ['OPEN', 10], ['IN_PROGRESS', 15], ['NOT_DONE_CIRCUMSTANCES', 8], ['NOT_DONE_AGENCY', 4], ['CANCELLED', 3]]);
    action.status = status;
    action.outcomeNote = notes[status];
    if (status !== 'OPEN') {
      // Updated by the agency on the due date, in the afternoon.
      const due = DateTime.fromISO(isoDateOf(action.dueDate), { zone: NZ_TIME_ZONE });
      action.updatedAt = at(due, { hour: 15, minute: rng.int(0, 59) }).toJSDate();
      if (status === 'DONE') action.doneAt = action.updatedAt;
    }
  });
  ctx.out.actions.push(...actions);
}

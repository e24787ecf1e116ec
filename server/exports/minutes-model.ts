import { DateTime } from 'luxon';
import {
  NZ_TIME_ZONE, type ActionPriority, type ActionStatus, type AgendaItemStatus, type AgendaReason, type MeetingKind,
  type MeetingStatus, type ParticipantMode, type Pathway, type RiskLevel, type Role,
} from '../../shared/domain.js';
import type { EpisodeSnapshot, KnownFlag } from '../../shared/meeting-doc/schemas.js';
import { isoDateOf } from '../../shared/nz-time.js';
import { needsToKnow } from '../access/need-to-know.js';
import type { Db, Prisma } from '../db/client.js';
import { agendaItemEpisodesInclude, episodeSnapshot, itemFlags } from '../records/agenda-snapshot.js';

// A meeting's records as one plain, render-ready value. Every export format renders this model
// and nothing else, so the need-to-know filter is applied once, here, and no renderer can leak
// what the model leaves out. The model holds no "now": the same records give the same model.

export interface AgencyRef {
  code: string;
  name: string;
}

export interface AttendanceRow {
  name: string;
  agency: AgencyRef;
  role: Role;
  mode: ParticipantMode;
  acknowledgedAt: Date | null;
}

export interface ActionModel {
  id: string;
  familyRef: string;
  agency: AgencyRef;
  /** Free text as typed ("GP follow-up"): shown as it is, never re-cased. */
  type: string;
  description: string;
  assignee: string | null;
  /** YYYY-MM-DD. */
  due: string;
  priority: ActionPriority;
  status: ActionStatus;
  outcomeNote: string | null;
  /** YYYY-MM-DD of the meeting that agreed it; null for an action recorded outside a meeting. */
  agreedOn: string | null;
  /** Agreed before this meeting and still outstanding. */
  carriedOver: boolean;
}

export interface DecisionModel {
  version: number;
  riskLevel: RiskLevel;
  pathway: Pathway;
  leadAgency: AgencyRef | null;
  rationale: string;
  dissent: string;
  decidedAt: Date;
  decidedBy: string | null;
}

export interface PersonLine {
  role: 'Person at risk' | 'Person using violence';
  name: string;
  /** YYYY-MM-DD, or null when unknown or withheld. */
  dob: string | null;
}

export interface FullItem {
  detail: 'full';
  number: number;
  familyRef: string;
  reason: AgendaReason;
  status: AgendaItemStatus;
  deferReason: string | null;
  people: PersonLine[];
  episodes: EpisodeSnapshot[];
  flags: KnownFlag[];
  /** The highest of each tool across the item's episodes. */
  tools: { safvr: { score: number; band: RiskLevel | null } | null; dyra: RiskLevel | null };
  decision: DecisionModel | null;
  actions: ActionModel[];
}

/** An item outside an agency's need to know: which family, and what was decided, nothing more. */
export interface ReducedItem {
  detail: 'reduced';
  number: number;
  familyRef: string;
  status: AgendaItemStatus;
  outcome: { riskLevel: RiskLevel; pathway: Pathway; leadAgency: AgencyRef | null } | null;
}

export type ItemModel = FullItem | ReducedItem;

export interface MinutesModel {
  meeting: {
    id: string;
    /** A training site's exports say TRAINING on every copy. */
    site: { code: string; name: string; training: boolean };
    /** YYYY-MM-DD in Pacific/Auckland. */
    date: string;
    kind: MeetingKind;
    status: MeetingStatus;
    venue: string | null;
    startedAt: Date | null;
    closedAt: Date | null;
    chair: string | null;
    remoteCount: number;
  };
  /** The agency whose need-to-know version this is; null for the full minutes. */
  agency: (AgencyRef & { id: string }) | null;
  /** Not closed yet: every rendering says DRAFT. */
  draft: boolean;
  attendance: AttendanceRow[];
  /** Agencies nobody attended for. */
  apologies: AgencyRef[];
  items: ItemModel[];
  carriedOver: ActionModel[];
}

const collator = new Intl.Collator('en-NZ', { sensitivity: 'base', numeric: true });
/** Human order, with a plain comparison as tie-break so equal-looking strings still sort one way. */
const byText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

const itemInclude = {
  ...agendaItemEpisodesInclude,
  decisions: {
    orderBy: { version: 'desc' },
    include: { decidedBy: { select: { displayName: true } }, actions: true },
  },
  disclosures: { where: { status: 'SHARED' }, select: { agencyId: true } },
} as const satisfies Prisma.AgendaItemInclude;

type ItemRow = Prisma.AgendaItemGetPayload<{ include: typeof itemInclude }>;
type ActionRow = ItemRow['decisions'][number]['actions'][number];

export class MeetingNotFound extends Error {}
export class UnknownAgency extends Error {}

/**
 * Loads a meeting's minutes in a fixed number of queries, whatever the number of items.
 * With `agencyCode`, applies that agency's need-to-know rule (access/need-to-know.ts) to each item.
 */
export async function loadMinutesModel(db: Db, meetingId: string, agencyCode: string | null = null): Promise<MinutesModel> {
  const [meeting, agencies, items] = await Promise.all([
    db.meeting.findUnique({
      where: { id: meetingId },
      include: { site: { select: { code: true, name: true, training: true } }, participants: { where: { admittedAt: { not: null } } } },
    }),
    db.agency.findMany({ select: { id: true, code: true, name: true } }),
    db.agendaItem.findMany({ where: { meetingId }, include: itemInclude }),
  ]);
  if (!meeting) throw new MeetingNotFound(meetingId);
  const agencyById = new Map(agencies.map((a) => [a.id, { code: a.code, name: a.name }]));
  const agencyOf = (id: string): AgencyRef => agencyById.get(id) ?? { code: '?', name: 'Unknown agency' };
  const viewer = agencyCode === null ? null : agencies.find((a) => a.code === agencyCode);
  if (viewer === undefined) throw new UnknownAgency(`unknown agency ${agencyCode}`);

  const date = isoDateOf(meeting.date);
  const carried = await loadCarriedOver(db, items.map((i) => i.caseId), meeting.date, date);

  // Fractional-index ranks compare as plain strings, not by locale.
  const ordered = [...items].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  const toAction = (row: ActionRow, familyRef: string, agreedOn: string | null, carriedOver: boolean): ActionModel => ({
    id: row.id, familyRef, agency: agencyOf(row.agencyId), type: row.type, description: row.description,
    assignee: row.assignee, due: isoDateOf(row.dueDate), priority: row.priority, status: row.status,
    outcomeNote: row.outcomeNote, agreedOn, carriedOver,
  });

  const fullFor = new Set<string>();
  const modelItems = ordered.map((row, i): ItemModel => {
    const latest = row.decisions[0];
    // Actions are keyed by their document id across re-decisions, so each appears once whichever
    // version it hangs off; a dropped one stays listed with its (cancelled) status.
    const actions = row.decisions
      .flatMap((d) => d.actions)
      .map((a) => toAction(a, row.case.reference, date, false))
      .sort(byAgencyThenDue);
    const decision: DecisionModel | null = latest ? {
      version: latest.version, riskLevel: latest.riskLevel, pathway: latest.pathway,
      leadAgency: latest.leadAgencyId ? agencyOf(latest.leadAgencyId) : null, rationale: latest.rationale,
      dissent: latest.dissent, decidedAt: latest.decidedAt, decidedBy: latest.decidedBy?.displayName ?? null,
    } : null;
    const fullDetail = needsToKnow(viewer && { agencyId: viewer.id }, {
      leadAgencyIds: [latest?.leadAgencyId ?? null],
      actionAgencyIds: row.decisions.flatMap((d) => d.actions.map((a) => a.agencyId)),
      sharingAgencyIds: row.disclosures.map((d) => d.agencyId),
    });
    if (!fullDetail) {
      return {
        detail: 'reduced', number: i + 1, familyRef: row.case.reference, status: row.status,
        outcome: decision && { riskLevel: decision.riskLevel, pathway: decision.pathway, leadAgency: decision.leadAgency },
      };
    }
    fullFor.add(row.caseId);
    const episodes = row.episodes.map((link) => episodeSnapshot(link.episode))
      .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
    return {
      detail: 'full', number: i + 1, familyRef: row.case.reference, reason: row.reason, status: row.status,
      deferReason: row.deferReason, people: peopleOf(episodes), episodes, flags: itemFlags(row.reason, episodes), tools: toolsOf(episodes),
      decision, actions,
    };
  });

  // An agency sees outstanding actions on the families it is working with, and its own anywhere.
  const carriedOver = carried
    .filter((c) => !viewer || fullFor.has(c.caseId) || c.agencyId === viewer.id)
    .map((c) => toAction(c, c.case.reference, c.decision ? isoDateOf(c.decision.agendaItem.meeting.date) : null, true))
    .sort((a, b) => byText(a.familyRef, b.familyRef) || byAgencyThenDue(a, b));

  const attendance = meeting.participants
    .map((p): AttendanceRow => ({ name: p.displayName, agency: agencyOf(p.agencyId), role: p.role, mode: p.mode, acknowledgedAt: p.confidentialityAckAt }))
    .sort((a, b) => byText(a.agency.name, b.agency.name) || byText(a.name, b.name));
  const present = new Set(attendance.map((a) => a.agency.code));
  const chair = meeting.participants
    .filter((p) => p.role === 'CHAIR')
    .sort((a, b) => (a.admittedAt?.getTime() ?? 0) - (b.admittedAt?.getTime() ?? 0))[0];

  return {
    meeting: {
      id: meeting.id, site: meeting.site, date, kind: meeting.kind, status: meeting.status, venue: meeting.venue,
      startedAt: meeting.startedAt, closedAt: meeting.closedAt, chair: chair?.displayName ?? null,
      remoteCount: meeting.participants.filter((p) => p.mode === 'REMOTE').length,
    },
    agency: viewer,
    draft: meeting.status !== 'CLOSED',
    attendance,
    apologies: agencies.filter((a) => !present.has(a.code)).map((a) => ({ code: a.code, name: a.name })).sort((a, b) => byText(a.name, b.name)),
    items: modelItems,
    carriedOver,
  };
}

/** Grouped by agency, soonest due first: the order an action list is worked through. */
function byAgencyThenDue(a: ActionModel, b: ActionModel): number {
  return byText(a.agency.name, b.agency.name) || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)
    || byText(a.familyRef, b.familyRef) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Actions on the meeting's families agreed before this meeting (at an earlier meeting, or
 * recorded between meetings) and neither done nor cancelled: what the meeting carries over.
 */
async function loadCarriedOver(db: Db, caseIds: string[], meetingDate: Date, isoDate: string) {
  if (caseIds.length === 0) return [];
  const dayStart = DateTime.fromISO(isoDate, { zone: NZ_TIME_ZONE }).startOf('day').toJSDate();
  return db.action.findMany({
    where: {
      caseId: { in: caseIds },
      status: { notIn: ['DONE', 'CANCELLED'] },
      OR: [
        { decision: { agendaItem: { meeting: { date: { lt: meetingDate } } } } },
        { decisionId: null, createdAt: { lt: dayStart } },
      ],
    },
    include: {
      case: { select: { reference: true } },
      decision: { select: { agendaItem: { select: { meeting: { select: { date: true } } } } } },
    },
  });
}

function peopleOf(episodes: EpisodeSnapshot[]): PersonLine[] {
  const lines = new Map<string, PersonLine>();
  for (const e of episodes) {
    for (const [role, p] of [['Person at risk', e.personAtRisk], ['Person using violence', e.personUsingViolence]] as const) {
      lines.set(`${role}\u0000${p.name}\u0000${p.dob ?? ''}`, { role, name: p.name, dob: p.dob });
    }
  }
  return [...lines.values()];
}

const LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];

function toolsOf(episodes: EpisodeSnapshot[]): FullItem['tools'] {
  let safvr: FullItem['tools']['safvr'] = null;
  let dyra: RiskLevel | null = null;
  for (const e of episodes) {
    if (e.safvr !== null && (!safvr || e.safvr > safvr.score)) safvr = { score: e.safvr, band: e.safvrBand };
    if (e.dyra && (!dyra || LEVELS.indexOf(e.dyra) > LEVELS.indexOf(dyra))) dyra = e.dyra;
  }
  return { safvr, dyra };
}

/** The action list a model implies: this meeting's actions and those carried over, for its agency only when it has one. */
export function actionListOf(model: MinutesModel): ActionModel[] {
  const all = [...model.items.flatMap((i) => (i.detail === 'full' ? i.actions : [])), ...model.carriedOver];
  return all.filter((a) => !model.agency || a.agency.code === model.agency.code).sort(byAgencyThenDue);
}

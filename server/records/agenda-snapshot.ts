import { UNFINISHED_ACTION_STATUSES, type RiskLevel } from '../../shared/domain.js';
import { isoDateOf } from '../../shared/nz-time.js';
import { LIMITS, type CarriedActionInit, type ItemInit } from '../../shared/meeting-doc/index.js';
import type { EpisodeSnapshot, KnownFlag } from '../../shared/meeting-doc/schemas.js';
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';
import { readAgendaRows, type AgendaRecordRow } from './agenda-rows.js';

const personSelect = { givenName: true, familyName: true, preferredName: true, hiddenName: true, dob: true } as const;

/** An agenda item's case reference and episodes with their people and risk tools, as items show them. */
export const agendaItemEpisodesInclude = {
  case: { select: { reference: true } },
  episodes: {
    include: {
      episode: {
        include: {
          personAtRisk: { select: personSelect },
          personUsingViolence: { select: personSelect },
          riskAssessments: { select: { tool: true, rawScore: true, band: true, level: true } },
          children: { select: { person: { select: personSelect } }, orderBy: { position: 'asc' } },
        },
      },
    },
  },
} as const;

type ItemRow = Prisma.AgendaItemGetPayload<{ include: typeof agendaItemEpisodesInclude }>;
type PersonRow = Prisma.PersonGetPayload<{ select: typeof personSelect }> | null;
/** What a snapshot reads of an episode: Prisma's `include` rows and agenda-rows.ts's both have it. */
type EpisodeRow = Pick<ItemRow['episodes'][number]['episode'],
  'policeRef' | 'occurredAt' | 'area' | 'source' | 'summary' | 'childrenPresent' | 'protectionOrder' | 'weapons' | 'strangulation'>
  & { personAtRisk: PersonRow; personUsingViolence: PersonRow; children: { person: PersonRow }[]; riskAssessments: ItemRow['episodes'][number]['episode']['riskAssessments'] };

function personName(p: PersonRow): { name: string; dob: string | null } {
  if (!p) return { name: 'Unknown', dob: null };
  // A hidden name (e.g. a protected address) never leaves the case record.
  if (p.hiddenName) return { name: 'Name withheld', dob: null };
  const given = p.preferredName ?? p.givenName;
  return { name: `${given} ${p.familyName}`, dob: p.dob ? p.dob.toISOString().slice(0, 10) : null };
}

const level = (v: string | null | undefined) => (v === 'LOW' || v === 'MEDIUM' || v === 'HIGH' ? v : null);

export function episodeSnapshot(e: EpisodeRow): EpisodeSnapshot {
  const safvr = e.riskAssessments.find((r) => r.tool === 'SAFVR');
  const dyra = e.riskAssessments.find((r) => r.tool === 'DYRA');
  return {
    policeRef: e.policeRef,
    occurredAt: e.occurredAt.toISOString(),
    area: e.area,
    source: e.source,
    summary: e.summary,
    childrenPresent: e.childrenPresent,
    protectionOrder: e.protectionOrder,
    weapons: e.weapons,
    strangulation: e.strangulation,
    personAtRisk: personName(e.personAtRisk),
    personUsingViolence: personName(e.personUsingViolence),
    children: e.children.map((c) => personName(c.person)),
    safvr: safvr?.rawScore ?? null,
    safvrBand: level(safvr?.band ?? safvr?.level),
    dyra: level(dyra?.band ?? dyra?.level),
  };
}

/** The flags an item shows, from its episodes and why it is on the list. */
export function itemFlags(reason: string, episodes: EpisodeSnapshot[]): KnownFlag[] {
  const flags = new Set<KnownFlag>();
  if (reason === 'REPEAT') flags.add('REPEAT');
  for (const e of episodes) {
    if (e.strangulation) flags.add('STRANGULATION');
    if (e.weapons) flags.add('WEAPONS');
    if (e.childrenPresent > 0) flags.add('CHILDREN_PRESENT');
    if (e.protectionOrder === 'BREACHED') flags.add('PO_BREACHED');
    if (e.source === 'CORRECTIONS_RELEASE') flags.add('PRISON_RELEASE');
  }
  return [...flags];
}

function toInit(row: AgendaRecordRow, carried: CarriedActionInit[], lastDecidedRisk: RiskLevel | null): ItemInit {
  const episodes = row.episodes
    .map((episode) => episodeSnapshot(episode))
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return {
    id: row.id, caseId: row.caseId, familyRef: row.reference, reason: row.reason, episodes, lastDecidedRisk,
    flags: itemFlags(row.reason, episodes), rank: row.rank, carried,
  };
}

/**
 * Per family, the actions earlier meetings set that are not done yet, as the item carries them.
 * Text is clipped to the document's bounds (the records allow as much), so a long note never
 * stops a meeting from opening.
 */
async function carriedActions(db: Db | Prisma.TransactionClient, meetingId: string, caseIds: string[]): Promise<Map<string, CarriedActionInit[]>> {
  const rows = await db.action.findMany({
    where: {
      caseId: { in: caseIds }, status: { in: [...UNFINISHED_ACTION_STATUSES] },
      decision: { agendaItem: { meetingId: { not: meetingId } } },
    },
    select: { id: true, caseId: true, type: true, description: true, dueDate: true, status: true, outcomeNote: true, agency: { select: { code: true } } },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
  });
  const byCase = new Map<string, CarriedActionInit[]>();
  for (const a of rows) {
    const list = byCase.get(a.caseId) ?? [];
    if (list.length >= LIMITS.actionsPerItem) continue;
    list.push({
      id: a.id, agency: a.agency.code, type: a.type.slice(0, LIMITS.actionType), description: a.description.slice(0, LIMITS.actionDescription),
      due: isoDateOf(a.dueDate), status: a.status, outcomeNote: a.outcomeNote?.slice(0, LIMITS.outcomeNote) ?? null,
    });
    byCase.set(a.caseId, list);
  }
  return byCase;
}

/** What the meeting document's items start from: the agenda items in the case records. */
export async function agendaItemInits(db: Db | Prisma.TransactionClient, meetingId: string, itemIds?: string[]): Promise<ItemInit[]> {
  const rows = await readAgendaRows(db, meetingId, itemIds);
  const caseIds = [...new Set(rows.map((r) => r.caseId))];
  const [carried, lastRisk] = await Promise.all([carriedActions(db, meetingId, caseIds), lastDecidedRisks(db, meetingId, caseIds)]);
  return rows.map((row) => toInit(row, carried.get(row.caseId) ?? [], lastRisk.get(row.caseId) ?? null));
}

/**
 * Per family, the risk level of its latest decision at an earlier meeting, which the item may not
 * lower silently (decision-rules.ts). A later meeting's decision does not count: it is not "last time".
 */
async function lastDecidedRisks(db: Db | Prisma.TransactionClient, meetingId: string, caseIds: string[]): Promise<Map<string, RiskLevel>> {
  if (!caseIds.length) return new Map();
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { date: true } });
  const rows = await db.decision.findMany({
    where: { caseId: { in: caseIds }, supersededAt: null, agendaItem: { meetingId: { not: meetingId }, ...(meeting && { meeting: { date: { lte: meeting.date } } }) } },
    select: { caseId: true, riskLevel: true },
    orderBy: { decidedAt: 'desc' },
    distinct: ['caseId'],
  });
  return new Map(rows.map((r) => [r.caseId, r.riskLevel]));
}

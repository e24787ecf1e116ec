import { randomUUID } from 'node:crypto';
import type { ImportResult, ImportRowError } from '../../shared/api/intake.js';
import { RiskLevel } from '../../shared/domain.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import type { AgendaReason, Prisma } from '../db/generated/client.js';
import { notFound } from '../domain/domain-error.js';
import { conflict } from '../domain/domain-error.js';
import { bandOf } from '../records/risk-bands.js';
import { bulkInsert } from './bulk-insert.js';
import { findCases } from './find-cases.js';
import type { ImportRow, NumberedRow, ParsedRows } from './import-row.js';
import { concern, placeNewItems, type ConcernInput } from './item-order.js';
import { matchPeople } from './match-people.js';
import { recordChildren } from './record-children.js';
import { findRepeats } from './repeat-history.js';

export interface ImportOutcome extends ImportResult {
  /** Agenda items created or given new episodes, for the live meeting document. */
  itemIds: string[];
}

export interface ImportRequest {
  meetingId: string;
  parsed: ParsedRows;
  format: 'csv' | 'json';
  actor: { id: string; label: string };
}

/** Serialises imports everywhere: they allocate case references and create people by police ref. */
const INTAKE_LOCK_KEY = 7_263_002;
// PGlite runs a large file on its one connection; Prisma's 5 s default is too tight there.
const TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

/** A police reference repeated within the file: the first good row is imported, later ones reported. */
function dropRepeatsInFile(rows: readonly NumberedRow[]): { rows: NumberedRow[]; errors: ImportRowError[] } {
  const firstLine = new Map<string, number>();
  const kept: NumberedRow[] = [];
  const errors: ImportRowError[] = [];
  for (const r of rows) {
    const first = firstLine.get(r.row.policeRef);
    if (first === undefined) {
      firstLine.set(r.row.policeRef, r.line);
      kept.push(r);
    } else {
      errors.push({ line: r.line, field: 'policeRef', message: `repeats ${r.row.policeRef} from line ${first}; only line ${first} is imported` });
    }
  }
  return { rows: kept, errors };
}

/**
 * Imports a file's good rows into the records and the meeting's list in one transaction: people
 * matched or created, each episode on its whānau's case, its SAFVR and DYRA as risk assessments,
 * and one agenda item per case in this meeting. Police references already on record are skipped,
 * so importing the same file again changes nothing.
 */
export async function importEpisodes(db: Db, audit: AuditLog, req: ImportRequest): Promise<ImportOutcome> {
  const inFile = dropRepeatsInFile(req.parsed.rows);
  const errors = [...req.parsed.errors, ...inFile.errors].sort((a, b) => a.line - b.line);

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INTAKE_LOCK_KEY})`;
    // Read under the lock: a meeting closed while the file was being read takes nothing.
    const meeting = await tx.meeting.findUnique({ where: { id: req.meetingId }, select: { status: true, site: { select: { id: true, code: true } } } });
    if (!meeting) throw notFound('Meeting');
    if (meeting.status === 'CLOSED') throw conflict('MEETING_CLOSED', 'This meeting is closed; import into an open meeting');

    const known = new Set((await tx.episode.findMany({
      where: { policeRef: { in: inFile.rows.map((r) => r.row.policeRef) } }, select: { policeRef: true },
    })).map((e) => e.policeRef));
    const fresh = inFile.rows.filter((r) => !known.has(r.row.policeRef)).map((r) => r.row);
    const result = await (fresh.length ? importFresh(tx, req.meetingId, meeting.site, fresh) : { itemIds: [], created: 0, updated: 0, persons: 0, cases: 0 });

    const outcome: ImportOutcome = {
      imported: fresh.length,
      skippedDuplicates: inFile.rows.length - fresh.length,
      errors,
      items: { created: result.created, updated: result.updated },
      itemIds: result.itemIds,
    };
    await audit.record({
      actorId: req.actor.id, actorLabel: req.actor.label, action: 'intake.import',
      subjectType: 'Meeting', subjectId: req.meetingId, meetingId: req.meetingId,
      details: {
        format: req.format, imported: outcome.imported, skippedDuplicates: outcome.skippedDuplicates,
        rejectedRows: new Set(errors.map((e) => e.line)).size, itemsCreated: result.created, itemsUpdated: result.updated,
        personsCreated: result.persons, casesCreated: result.cases,
      },
    }, tx);
    return outcome;
  }, TRANSACTION);
}

type Tx = Prisma.TransactionClient;

interface Planned {
  id: string;
  row: ImportRow;
  caseId: string;
  personAtRiskId: string;
  personUsingViolenceId: string;
  repeat: boolean;
}

/** The i-th of a list built to match another list's length. */
function nth<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`no entry ${i} in a list of ${list.length}`);
  return value;
}

async function importFresh(tx: Tx, meetingId: string, site: { id: string; code: string }, rows: readonly ImportRow[]) {
  const people = await matchPeople(tx, site.id, rows);
  const pairs = people.pairs;
  const cases = await findCases(tx, site, pairs);
  const repeats = await findRepeats(tx, meetingId, rows.map((r, i) => ({
    occurredAt: r.occurredAt, personIds: [nth(pairs, i).personAtRiskId, nth(pairs, i).personUsingViolenceId],
  })));
  const planned: Planned[] = rows.map((row, i) => ({ id: randomUUID(), row, caseId: nth(cases.caseIds, i), ...nth(pairs, i), repeat: nth(repeats, i) }));

  const now = new Date();
  await bulkInsert(tx, 'Episode', {
    id: 'text', policeRef: 'text', siteId: 'text', caseId: 'text', occurredAt: 'timestamp(3)', area: 'text', source: '"EpisodeSource"',
    summary: 'text', childrenPresent: 'integer', protectionOrder: '"ProtectionOrder"', weapons: 'boolean', strangulation: 'boolean',
    personAtRiskId: 'text', personUsingViolenceId: 'text', importedAt: 'timestamp(3)',
  }, planned.map(({ id, row: r, caseId, personAtRiskId, personUsingViolenceId }): Prisma.EpisodeCreateManyInput => ({
    id, policeRef: r.policeRef, siteId: site.id, caseId, occurredAt: r.occurredAt, area: r.area, source: r.source,
    summary: r.summary, childrenPresent: r.children, protectionOrder: r.protectionOrder, weapons: r.weapons,
    strangulation: r.strangulation, personAtRiskId, personUsingViolenceId, importedAt: now,
  })));
  const police = await tx.agency.findFirst({ where: { kind: 'POLICE' }, orderBy: { code: 'asc' }, select: { id: true } });
  // As Police record them: SAFVR scores the person using violence, DYRA is asked of the person at risk.
  await bulkInsert(tx, 'RiskAssessment', {
    id: 'text', caseId: 'text', episodeId: 'text', personId: 'text', agencyId: 'text', tool: '"RiskTool"',
    rawScore: 'double precision', band: 'text', level: '"RiskLevel"', assessedAt: 'timestamp(3)',
  }, planned.flatMap(({ id: episodeId, row: r, caseId, personAtRiskId, personUsingViolenceId }): Prisma.RiskAssessmentCreateManyInput[] => {
    const base = { caseId, episodeId, agencyId: police?.id ?? null, assessedAt: now };
    return [
      ...(r.safvr === null ? [] : [{ ...base, id: randomUUID(), personId: personUsingViolenceId, tool: 'SAFVR' as const, rawScore: r.safvr, band: bandOf(r.safvr), level: bandOf(r.safvr) }]),
      ...(r.dyra === null ? [] : [{ ...base, id: randomUUID(), personId: personAtRiskId, tool: 'DYRA' as const, band: r.dyra, level: r.dyra }]),
    ];
  }));

  const children = await recordChildren(tx, site.id, planned.map((p) => ({ episodeId: p.id, caseId: p.caseId, children: p.row.childDetails })));

  const items = await placeOnAgenda(tx, meetingId, planned);
  await raiseRepeatFlag(tx, [...new Set(planned.filter((p) => p.repeat).map((p) => p.caseId))]);
  return { ...items, persons: people.created + children, cases: cases.created };
}

/** One agenda item per case in this meeting: new episodes join the case's item, or start one. */
async function placeOnAgenda(tx: Tx, meetingId: string, planned: readonly Planned[]) {
  const byCase = new Map<string, Planned[]>();
  for (const p of planned) {
    const group = byCase.get(p.caseId);
    if (group) group.push(p);
    else byCase.set(p.caseId, [p]);
  }

  const existing = await itemsOnList(tx, meetingId);
  const existingByCase = new Map(existing.map((item) => [item.caseId, item]));
  const links: Prisma.AgendaItemEpisodeCreateManyInput[] = [];
  const updated: string[] = [];
  const nowRepeat: string[] = [];
  const fresh: { id: string; caseId: string; reason: AgendaReason; concern: number }[] = [];
  for (const [caseId, group] of byCase) {
    const repeat = group.some((p) => p.repeat);
    const item = existingByCase.get(caseId);
    const itemId = item?.id ?? randomUUID();
    for (const p of group) links.push({ agendaItemId: itemId, episodeId: p.id });
    if (item) {
      updated.push(item.id);
      // A repeat found now turns a new-episode item into a repeat; other reasons stay as they are.
      if (repeat && item.reason === 'NEW_EPISODE') nowRepeat.push(item.id);
      continue;
    }
    const inputs = group.map(({ row: r }) => ({
      safvr: r.safvr, dyra: r.dyra, strangulation: r.strangulation, weapons: r.weapons, protectionOrder: r.protectionOrder,
      childrenPresent: r.children, source: r.source,
    }));
    fresh.push({ id: itemId, caseId, reason: repeat ? 'REPEAT' : 'NEW_EPISODE', concern: concern(inputs, repeat) });
  }

  const ranks = placeNewItems(existing, fresh.map((f) => f.concern));
  await bulkInsert(tx, 'AgendaItem', { id: 'text', meetingId: 'text', caseId: 'text', reason: '"AgendaReason"', rank: 'text' },
    fresh.map((f, i): Prisma.AgendaItemCreateManyInput => ({ id: f.id, meetingId, caseId: f.caseId, reason: f.reason, rank: nth(ranks, i) })));
  await bulkInsert(tx, 'AgendaItemEpisode', { agendaItemId: 'text', episodeId: 'text' }, links);
  if (nowRepeat.length) await tx.agendaItem.updateMany({ where: { id: { in: nowRepeat } }, data: { reason: 'REPEAT' } });
  return { itemIds: [...fresh.map((f) => f.id), ...updated], created: fresh.length, updated: updated.length };
}

/**
 * The meeting's current items with the concern of their episodes. Flat queries on purpose: nested
 * includes make Prisma send parallel queries, which one transaction connection can only queue.
 */
async function itemsOnList(tx: Tx, meetingId: string) {
  const items = await tx.agendaItem.findMany({ where: { meetingId }, select: { id: true, caseId: true, reason: true, rank: true } });
  if (!items.length) return [];
  const links = await tx.agendaItemEpisode.findMany({ where: { agendaItem: { meetingId } }, select: { agendaItemId: true, episodeId: true } });
  const episodeIds = links.map((l) => l.episodeId);
  const episodes = new Map<string, ConcernInput>();
  for (const e of await tx.episode.findMany({
    where: { id: { in: episodeIds } },
    select: { id: true, strangulation: true, weapons: true, protectionOrder: true, childrenPresent: true, source: true },
  })) episodes.set(e.id, { ...e, safvr: null, dyra: null });
  for (const r of await tx.riskAssessment.findMany({
    where: { episodeId: { in: episodeIds }, tool: { in: ['SAFVR', 'DYRA'] } }, select: { episodeId: true, tool: true, rawScore: true, band: true },
  })) {
    const e = r.episodeId ? episodes.get(r.episodeId) : undefined;
    if (e && r.tool === 'SAFVR') e.safvr = r.rawScore;
    if (e && r.tool === 'DYRA') e.dyra = RiskLevel.safeParse(r.band).data ?? null;
  }
  const byItem = new Map<string, ConcernInput[]>();
  for (const l of links) {
    const e = episodes.get(l.episodeId);
    const own = byItem.get(l.agendaItemId);
    if (e && own) own.push(e);
    else if (e) byItem.set(l.agendaItemId, [e]);
  }
  return items.map((item) => ({ ...item, concern: concern(byItem.get(item.id) ?? [], item.reason === 'REPEAT') }));
}

/** The case carries REPEAT too, as the seeded records do, so its history shows why. */
async function raiseRepeatFlag(tx: Tx, caseIds: string[]): Promise<void> {
  if (!caseIds.length) return;
  const cases = await tx.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, flags: true } });
  const ids = cases.filter((c) => !c.flags.includes('REPEAT')).map((c) => c.id);
  if (ids.length) await tx.case.updateMany({ where: { id: { in: ids } }, data: { flags: { push: 'REPEAT' } } });
}

import { createHash } from 'node:crypto';
import type { DueBatch, DueItem, HeldItem } from '../../shared/api/retention.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';
import { storedPrepDocs } from './doc-store.js';
import { cutoff, type RetentionRules } from './retention-rules.js';

// What is due for disposal at a site, now. Listing changes nothing: it is the dry run.

type Hold = HeldItem['hold'];

/** The hash a batch is approved by: of its items' kinds and ids, in a fixed order. */
export function batchHashOf(items: readonly Pick<DueItem, 'kind' | 'id'>[]): string {
  const keys = items.map((i) => `${i.kind}:${i.id}`).sort();
  return createHash('sha256').update(canonicalJson(keys)).digest('hex');
}

const holdOf = (c: { reference: string; legalHoldReason: string | null }): Hold | null =>
  c.legalHoldReason === null ? null : { caseReference: c.reference, reason: c.legalHoldReason };

const meetingLabel = (m: { date: Date; kind: string }) => `${m.kind === 'ICM_REVIEW' ? 'ICM review' : 'SAM'} of ${m.date.toISOString().slice(0, 10)}`;

export async function listDue(db: Db | Prisma.TransactionClient, rules: RetentionRules, siteId: string, now = new Date()): Promise<DueBatch> {
  const items: DueItem[] = [];
  const held: HeldItem[] = [];
  const add = (item: DueItem, hold: Hold | null) => (hold ? held.push({ ...item, hold }) : items.push(item));

  const caseCutoff = cutoff(rules.closedCase.keepFor, now);
  const closed = await db.case.findMany({
    where: { siteId, status: 'CLOSED', anonymisedAt: null },
    select: {
      id: true, reference: true, createdAt: true, legalHoldReason: true,
      decisions: { orderBy: { decidedAt: 'desc' }, take: 1, select: { decidedAt: true } },
    },
    orderBy: { reference: 'asc' },
  });
  for (const c of closed) {
    // A case is closed by a meeting's decision (records/finalize.ts): its latest one. Not updatedAt,
    // which a legal hold or a correction moves.
    const closedAt = c.decisions[0]?.decidedAt ?? c.createdAt;
    if (closedAt < caseCutoff) add({ kind: 'closedCase', id: c.id, label: `Case ${c.reference}`, eventAt: closedAt.toISOString() }, holdOf(c));
  }

  const meetingRules = [rules.meetingDocuments, rules.prepDocuments, rules.minutesVersions];
  const latestCutoff = new Date(Math.max(...meetingRules.map((r) => cutoff(r.keepFor, now).getTime())));
  const meetings = await db.meeting.findMany({
    where: { siteId, status: 'CLOSED', closedAt: { lt: latestCutoff } },
    select: {
      id: true, date: true, kind: true, closedAt: true,
      agendaItems: { where: { case: { legalHoldReason: { not: null } } }, select: { case: { select: { reference: true, legalHoldReason: true } } } },
      minutes: { select: { id: true, format: true, agency: { select: { code: true } } }, orderBy: { createdAt: 'asc' } },
    },
    orderBy: { date: 'asc' },
  });
  if (meetings.length === 0) return batch(siteId, now, items, held, rules);

  const meetingDocs = new Set((await db.docSnapshot.findMany({ where: { doc: { in: meetings.map((m) => `meeting:${m.id}`) } }, select: { doc: true } })).map((d) => d.doc));
  for (const d of await db.docUpdate.groupBy({ by: ['doc'], where: { doc: { in: meetings.map((m) => `meeting:${m.id}`) } } })) meetingDocs.add(d.doc);
  const prepDocs = await storedPrepDocs(db, meetings.map((m) => m.id));

  for (const m of meetings) {
    const closedAt = m.closedAt!; // a CLOSED meeting has its close time
    const eventAt = closedAt.toISOString();
    // A held case holds the meetings that discussed it: their documents and minutes show it.
    const hold = m.agendaItems.map((i) => holdOf(i.case)).find((h) => h !== null) ?? null;
    const label = meetingLabel(m);
    if (closedAt < cutoff(rules.meetingDocuments.keepFor, now) && meetingDocs.has(`meeting:${m.id}`)) {
      add({ kind: 'meetingDocuments', id: m.id, label: `Shared document of the ${label}`, eventAt }, hold);
    }
    if (closedAt < cutoff(rules.prepDocuments.keepFor, now)) {
      for (const doc of prepDocs.get(m.id) ?? []) add({ kind: 'prepDocuments', id: doc, label: `${doc.split(':')[2]} preparation for the ${label}`, eventAt }, hold);
    }
    if (closedAt < cutoff(rules.minutesVersions.keepFor, now)) {
      for (const v of m.minutes) {
        add({ kind: 'minutesVersions', id: v.id, label: `${v.agency ? `${v.agency.code} minutes` : 'Minutes'} (${v.format}) of the ${label}`, eventAt }, hold);
      }
    }
  }
  return batch(siteId, now, items, held, rules);
}

function batch(siteId: string, now: Date, items: DueItem[], held: HeldItem[], rules: RetentionRules): DueBatch {
  return { siteId, listedAt: now.toISOString(), batchHash: batchHashOf(items), items, held, rules };
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApproveDisposalRequest, DisposalCertificate, DisposalKind, DueBatch } from '../../shared/api/retention.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel } from '../auth/principal.js';
import type { Prisma } from '../db/generated/client.js';
import { DomainError, invalidField } from '../domain/domain-error.js';
import { storeRecordCopy } from '../exports/record-copy.js';
import { anonymiseCase } from './anonymise-case.js';
import { deleteStoredDoc } from './doc-store.js';
import { scrubMeetingDocs } from './doc-scrub.js';
import { batchHashOf, listDue } from './due-list.js';
import { deletePlanDocs } from './plan-docs.js';

export type RetentionContext = Pick<AppContext, 'db' | 'sql' | 'docs' | 'audit' | 'config' | 'retention' | 'log'>;

/** Disposals, listings and holds all take this lock, so a batch is checked and acted on with nothing changing between. */
export const RETENTION_LOCK = 7_263_021;
export const CERTIFICATE_ACTION = 'retention.disposed';

const MINUTES_EXT = { PDF: 'pdf', DOCX: 'docx', MD: 'md' } as const;

/**
 * Disposes of an approved batch. The batch must be exactly what is due now: a held record is
 * refused with its hold named, any other change since listing is refused so the administrator
 * reviews the new list. The records are anonymised in one transaction; then the families' safety
 * plan documents are deleted, the documents and minutes that showed them are rewritten, the
 * batch's documents and minutes deleted (minutes first written to the transfer folder when the
 * rule says so), and a certificate is recorded in the audit trail.
 */
export async function dispose(ctx: RetentionContext, approver: StaffPrincipal, request: ApproveDisposalRequest): Promise<DisposalCertificate> {
  if (batchHashOf(request.items) !== request.batchHash) {
    throw invalidField('batchHash', 'does not match the items sent; list the batch again');
  }
  const now = new Date();
  const effects: Record<string, number> = {};
  const add = (more: Record<string, number>) => {
    for (const [k, v] of Object.entries(more)) effects[k] = (effects[k] ?? 0) + v;
  };

  const { batch, affected, caseIds } = await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RETENTION_LOCK})`;
    const current = await listDue(tx, ctx.retention, request.siteId, now);
    refuseChanged(current, request);
    const caseIds = new Set(current.items.filter((i) => i.kind === 'closedCase').map((i) => i.id));
    const itemsByMeeting = new Map<string, Set<string>>();
    for (const caseId of caseIds) {
      const done = await anonymiseCase(tx, caseId, caseIds, now);
      add(done.effects);
      for (const [meetingId, items] of done.itemsByMeeting) itemsByMeeting.set(meetingId, new Set([...(itemsByMeeting.get(meetingId) ?? []), ...items]));
    }
    return { batch: current, affected: itemsByMeeting, caseIds };
  }, { timeout: 10 * 60_000, maxWait: 60_000 });

  const of = (kind: DisposalKind) => batch.items.filter((i) => i.kind === kind);
  let incomplete: string | undefined;
  try {
    add(await disposeMinutes(ctx, of('minutesVersions').map((i) => i.id), request.siteId));
    for (const item of of('meetingDocuments')) add({ documentsDeleted: (await deleteStoredDoc(ctx.sql, `meeting:${item.id}`)) ? 1 : 0 });
    for (const item of of('prepDocuments')) add({ documentsDeleted: (await deleteStoredDoc(ctx.sql, item.id)) ? 1 : 0 });
    for (const caseId of caseIds) add({ planDocumentsDeleted: await deletePlanDocs(ctx.sql, ctx.docs, caseId) });
    for (const [meetingId, itemIds] of affected) {
      add({ documentsRewritten: await scrubMeetingDocs(ctx.db, ctx.sql, ctx.docs, meetingId, [...itemIds]) });
      add({ minutesReplaced: await replaceMinutes(ctx, meetingId, approver.userId) });
    }
  } catch (err) {
    // The records are anonymised already; the certificate says what was left, and the error stands.
    incomplete = err instanceof Error ? err.message : String(err);
    ctx.log.error({ err, siteId: request.siteId }, 'disposal stopped after the records were anonymised');
  }

  const kinds = (['closedCase', 'meetingDocuments', 'prepDocuments', 'minutesVersions'] as const)
    .map((kind) => ({ kind, rule: ctx.retention[kind], count: of(kind).length }))
    .filter((k) => k.count > 0);
  const details = {
    batchHash: batch.batchHash, approvedBy: actorLabel(approver), kinds, effects,
    items: batch.items.map((i) => ({ kind: i.kind, id: i.id, label: i.label })), ...(incomplete && { incomplete }),
  };
  await ctx.audit.record({ actorId: actorId(approver), actorLabel: actorLabel(approver), action: CERTIFICATE_ACTION, subjectType: 'Site', subjectId: request.siteId, details });
  if (incomplete) throw new Error(`Disposal incomplete: ${incomplete}`);
  const row = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: CERTIFICATE_ACTION, subjectId: request.siteId }, orderBy: { seq: 'desc' }, select: { seq: true } });
  return {
    auditSeq: row.seq.toString(), siteId: request.siteId, batchHash: batch.batchHash, approvedBy: details.approvedBy,
    disposedAt: now.toISOString(), kinds, effects,
  };
}

function refuseChanged(current: DueBatch, request: ApproveDisposalRequest): void {
  const key = (i: { kind: string; id: string }) => `${i.kind}:${i.id}`;
  const asked = new Set(request.items.map(key));
  const held = current.held.find((h) => asked.has(key(h)));
  if (held) {
    throw new DomainError('conflict', 'LEGAL_HOLD', `${held.label} is under a legal hold on case ${held.hold.caseReference}: ${held.hold.reason}. Lift the hold, or list the batch again without it.`, undefined, { hold: held.hold, item: { kind: held.kind, id: held.id } });
  }
  if (current.batchHash !== request.batchHash) {
    throw new DomainError('conflict', 'BATCH_CHANGED', 'What is due has changed since this batch was listed. List it again and review the new batch.');
  }
}

/** Deletes minutes versions, first writing each to the transfer folder when the rule says so. */
async function disposeMinutes(ctx: RetentionContext, ids: string[], siteId: string): Promise<Record<string, number>> {
  if (ids.length === 0) return {};
  const transfer = ctx.retention.minutesVersions.then === 'transfer-then-delete';
  if (transfer) {
    const dir = path.join(ctx.config.RETENTION_TRANSFER_DIR ?? path.join(ctx.config.DATA_DIR, 'transfer'), siteId);
    await mkdir(dir, { recursive: true });
    const versions = await ctx.db.minutesVersion.findMany({
      where: { id: { in: ids } },
      select: { id: true, format: true, sha256: true, content: true, createdAt: true, meetingId: true, agency: { select: { code: true } }, meeting: { select: { date: true, kind: true } } },
    });
    for (const v of versions) {
      const base = `${v.meeting.date.toISOString().slice(0, 10)}-${v.meeting.kind}-${v.agency?.code ?? 'FULL'}-${v.id}`;
      await writeFile(path.join(dir, `${base}.${MINUTES_EXT[v.format]}`), v.content);
      const meta = { id: v.id, meetingId: v.meetingId, format: v.format, agency: v.agency?.code ?? null, sha256: v.sha256, createdAt: v.createdAt.toISOString() };
      await writeFile(path.join(dir, `${base}.json`), `${JSON.stringify(meta, null, 2)}\n`);
    }
  }
  const deleted = await ctx.db.minutesVersion.deleteMany({ where: { id: { in: ids } } });
  return { minutesDeleted: deleted.count, ...(transfer && { minutesTransferred: deleted.count }) };
}

/**
 * The stored minutes of a meeting showed an anonymised family: a fresh record copy is made from
 * the anonymised records and every earlier version is deleted. A meeting with none keeps none.
 */
async function replaceMinutes(ctx: RetentionContext, meetingId: string, userId: string): Promise<number> {
  const earlier = await ctx.db.minutesVersion.findMany({ where: { meetingId }, select: { id: true } });
  if (earlier.length === 0) return 0;
  const fresh = await storeRecordCopy(ctx.db, meetingId, userId);
  const where: Prisma.MinutesVersionWhereInput = { meetingId, id: { not: fresh.id } };
  return (await ctx.db.minutesVersion.deleteMany({ where })).count;
}

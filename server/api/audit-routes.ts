import { AuditPage, AuditQuery, AuditVerifyResult, type AuditRow } from '../../shared/api/audit.js';
import type { AppContext } from '../app-context.js';
import { auditScope } from '../access/audit-scope.js';
import { requireStaffRole } from '../access/require-role.js';
import { actorLabel, type Principal } from '../auth/principal.js';
import type { Prisma } from '../db/client.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

const AUDITOR = ['AUDITOR'] as const;

function whereOf(q: AuditQuery): Prisma.AuditEventWhereInput {
  const action = q.action?.endsWith('.*') ? { startsWith: q.action.slice(0, -1) } : q.action;
  return {
    ...(q.meetingId && { meetingId: q.meetingId }),
    ...(q.actorId && { actorId: q.actorId }),
    ...(action && { action }),
    ...((q.from || q.to) && { at: { ...(q.from && { gte: new Date(q.from) }), ...(q.to && { lt: new Date(q.to) }) } }),
    ...(q.cursor && { seq: { lt: BigInt(q.cursor) } }),
  };
}

type EventRow = Prisma.AuditEventGetPayload<object>;

function toRow(e: EventRow): AuditRow {
  const details = e.details && typeof e.details === 'object' && !Array.isArray(e.details) ? e.details : { value: e.details };
  return {
    seq: e.seq.toString(), at: e.at.toISOString(), actorId: e.actorId, actorLabel: e.actorLabel, action: e.action,
    subject: e.subjectType ? { type: e.subjectType, id: e.subjectId } : null,
    meetingId: e.meetingId, details, hash: e.hash, prevHash: e.prevHash,
  };
}

/** The audit trail, for auditors only. Reading it is itself audited. */
export function auditRoutes(ctx: AppContext): AnyRoute[] {
  const auditorOnly = (principal: Principal | undefined, op: string) =>
    requireStaffRole(ctx.audit, principal, AUDITOR, { action: 'audit.refused', subjectType: 'AuditTrail', details: { op } });

  return [
    defineRoute({
      method: 'get', path: '/audit', tag: 'audit', access: 'signed-in',
      summary: "Auditor only: audit events of the auditor's site (every site for a national auditor), newest first, filtered by meeting, actor, action (exact or `prefix.*`) and time; paged by `cursor`",
      query: AuditQuery,
      response: AuditPage,
      handler: async ({ query, principal }) => {
        const auditor = await auditorOnly(principal, 'list');
        const rows = await ctx.db.auditEvent.findMany({ where: { AND: [whereOf(query), await auditScope(ctx.db, auditor)] }, orderBy: { seq: 'desc' }, take: query.limit + 1 });
        const page = rows.slice(0, query.limit);
        const { limit, cursor, ...filters } = query;
        await ctx.audit.record({
          actorId: auditor.userId, actorLabel: actorLabel(auditor), action: 'audit.view', subjectType: 'AuditTrail',
          details: { filters, cursor: cursor ?? null, limit, rows: page.length },
        });
        return { rows: page.map(toRow), nextCursor: rows.length > query.limit ? (page.at(-1)?.seq.toString() ?? null) : null };
      },
    }),
    defineRoute({
      method: 'get', path: '/audit/verify', tag: 'audit', access: 'signed-in',
      summary: "Auditor only: checks the trail's keyed hash chain and its checkpoints; names the first row that was changed, forged or removed",
      response: AuditVerifyResult,
      handler: async ({ principal }) => {
        const auditor = await auditorOnly(principal, 'verify');
        const result = await ctx.audit.verify();
        const counts = { rows: result.rows, legacyRows: result.legacyRows, checkpoints: result.checkpoints };
        const answer = result.ok
          ? { ok: true, ...counts }
          : { ok: false, ...counts, ...(result.brokenAt !== null && { brokenAt: result.brokenAt.toString() }), reason: result.reason };
        await ctx.audit.record({ actorId: auditor.userId, actorLabel: actorLabel(auditor), action: 'audit.verify', subjectType: 'AuditTrail', details: answer });
        return answer;
      },
    }),
  ];
}

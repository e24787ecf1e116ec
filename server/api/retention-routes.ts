import { z } from 'zod';
import { ApproveDisposalRequest, DisposalCertificate, DueBatch, DueQuery, LegalHold, LegalHoldRequest } from '../../shared/api/retention.js';
import { AdminAccess } from '../admin/admin-access.js';
import type { AppContext } from '../app-context.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { CERTIFICATE_ACTION, dispose } from '../retention/dispose.js';
import { listDue } from '../retention/due-list.js';
import { setLegalHold } from '../retention/legal-hold.js';

const IdParams = z.object({ id: z.uuid() });

// Retention is an administrator's work: they see what is due by kind and reference, never a
// family's content, and approve it; administrators open no meeting content (access/meeting-content-roles.ts).
export function retentionRoutes(ctx: AppContext): AnyRoute[] {
  const admin = new AdminAccess(ctx.db, ctx.audit);
  return [
    defineRoute({
      method: 'get', path: '/retention/due', tag: 'retention', access: 'signed-in',
      summary: "What is due for disposal at a site under the retention schedule, and what a legal hold keeps; changes nothing (the dry run)",
      query: DueQuery, response: DueBatch, errors: { 404: 'Site not found' },
      handler: async ({ principal, query }) => {
        const p = await admin.require(principal, 'retention.due');
        const site = await admin.site(p, query.siteId ?? p.siteId, 'retention.due');
        return listDue(ctx.db, ctx.retention, site.id);
      },
    }),
    defineRoute({
      method: 'post', path: '/retention/disposals', tag: 'retention', access: 'signed-in', status: 201,
      summary: 'Approves a listed batch: anonymises and deletes it and records a disposal certificate in the audit trail',
      body: ApproveDisposalRequest, response: DisposalCertificate,
      errors: { 404: 'Site not found', 409: 'The batch changed since it was listed (BATCH_CHANGED), or a record in it is under a legal hold (LEGAL_HOLD)' },
      handler: async ({ principal, body }) => {
        const p = await admin.require(principal, 'retention.dispose');
        await admin.site(p, body.siteId, 'retention.dispose');
        return dispose(ctx, p, body);
      },
    }),
    defineRoute({
      method: 'get', path: '/retention/certificates', tag: 'retention', access: 'signed-in',
      summary: "A site's disposal certificates, newest first, as the audit trail holds them",
      query: DueQuery, response: z.array(z.object({ auditSeq: z.string(), at: z.iso.datetime(), actorLabel: z.string(), details: z.unknown() })),
      errors: { 404: 'Site not found' },
      handler: async ({ principal, query }) => {
        const p = await admin.require(principal, 'retention.certificates');
        const site = await admin.site(p, query.siteId ?? p.siteId, 'retention.certificates');
        const rows = await ctx.db.auditEvent.findMany({ where: { action: CERTIFICATE_ACTION, subjectId: site.id }, orderBy: { seq: 'desc' }, take: 100 });
        return rows.map((r) => ({ auditSeq: r.seq.toString(), at: r.at.toISOString(), actorLabel: r.actorLabel, details: r.details }));
      },
    }),
    defineRoute({
      method: 'put', path: '/cases/:id/legal-hold', tag: 'retention', access: 'signed-in',
      summary: 'Places a legal hold on a case: nothing of it is disposed of until the hold is lifted',
      params: IdParams, body: LegalHoldRequest, response: LegalHold, errors: { 404: 'Case not found', 409: 'The case was already anonymised' },
      handler: async ({ principal, params, body }) => setLegalHold(ctx, await admin.require(principal, 'retention.hold'), params.id, body.reason),
    }),
    defineRoute({
      method: 'delete', path: '/cases/:id/legal-hold', tag: 'retention', access: 'signed-in',
      summary: "Lifts a case's legal hold",
      params: IdParams, response: LegalHold, errors: { 404: 'Case not found' },
      handler: async ({ principal, params }) => setLegalHold(ctx, await admin.require(principal, 'retention.hold-lift'), params.id, null),
    }),
  ];
}

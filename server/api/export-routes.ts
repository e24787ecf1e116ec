import type { Request } from 'express';
import { z } from 'zod';
import { AgencyCode } from '../../shared/domain.js';
import type { AppContext } from '../app-context.js';
import { inviteeAfterClose } from '../access/after-close.js';
import { Reach } from '../access/reach.js';
import { requireStaffRole } from '../access/require-role.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import { readSessionToken } from '../auth/session-middleware.js';
import { agencyPacks, MeetingNotClosed } from '../exports/agency-packs.js';
import { actionsCsv } from '../exports/actions-csv.js';
import { actionsPdf } from '../exports/actions-pdf.js';
import { exportBaseName } from '../exports/file-names.js';
import { minutesDocx } from '../exports/minutes-docx.js';
import { minutesMarkdown } from '../exports/minutes-markdown.js';
import { loadMinutesModel, MeetingNotFound, UnknownAgency, type MinutesModel } from '../exports/minutes-model.js';
import { minutesPdf } from '../exports/minutes-pdf.js';
import { ensureMinutesVersion, sha256Of } from '../exports/minutes-versions.js';
import { recordStamp, viewerStamp, type Stamp } from '../exports/watermark.js';
import { conflict, forbidden, invalidField, notFound, unauthenticated } from '../domain/domain-error.js';
import { sendFile } from '../http/send-file.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { opensMeetingContent } from '../access/meeting-content-roles.js';

const IdParams = z.object({ id: z.uuid() });

const agencyParam = AgencyCode.optional().describe('An agency code: that agency\'s need-to-know version. Required for agency representatives.');
const MinutesQuery = z.object({ format: z.enum(['pdf', 'docx', 'md']), agency: agencyParam });
const ActionsQuery = z.object({ format: z.enum(['csv', 'pdf']), agency: agencyParam });

type Render = (model: MinutesModel, stamp: Stamp) => Buffer | Promise<Buffer>;

interface FileFormat {
  render: Render;
  contentType: string;
  extension: string;
}

const minutesFormats = {
  pdf: { render: minutesPdf, contentType: 'application/pdf', extension: 'pdf', stored: 'PDF' },
  docx: {
    render: minutesDocx, extension: 'docx', stored: 'DOCX',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  md: { render: minutesMarkdown, contentType: 'text/markdown; charset=utf-8', extension: 'md', stored: 'MD' },
} as const satisfies Record<string, FileFormat & { stored: 'PDF' | 'DOCX' | 'MD' }>;

const actionFormats = {
  csv: { render: actionsCsv, contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  pdf: { render: actionsPdf, contentType: 'application/pdf', extension: 'pdf' },
} as const satisfies Record<string, FileFormat>;

type ExportKind = 'minutes' | 'actions';

export function exportRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  const refuse = async (p: Principal, kind: ExportKind, meetingId: string, details: Record<string, unknown>, message: string) => {
    await ctx.audit.record({
      actorId: actorId(p), actorLabel: actorLabel(p), action: 'export.refused', subjectType: 'Meeting', subjectId: meetingId,
      meetingId, details: { export: kind, ...details },
    });
    return forbidden(message);
  };

  /**
   * Who is asking: a signed-in principal, or else an invitee whose meeting has closed. Such an
   * invitee's session opens nothing else; here, within the window after the close, it still
   * gets what it got while the meeting was live — its own agency's version and nothing more —
   * through the same rules in loadFor.
   */
  async function requester(req: Request, principal: Principal | undefined, kind: ExportKind, meetingId: string, asked: Record<string, unknown>) {
    if (principal) return { p: principal, afterClose: false };
    const late = await inviteeAfterClose(ctx.sessions, readSessionToken(req.headers.cookie), ctx.config.INVITEE_PACK_HOURS);
    if (!late) throw unauthenticated();
    if (late.principal.meetingId !== meetingId) throw notFound('Meeting');
    if (late.windowEnd <= new Date()) {
      throw await refuse(late.principal, kind, meetingId, { ...asked, reason: 'after-close window over', windowEnd: late.windowEnd.toISOString() },
        'The meeting has closed, and the time to download your agency’s minutes and action list has passed. Ask the chair for a copy.');
    }
    return { p: late.principal, afterClose: true };
  }

  /**
   * Who may export what: nothing outside their site (or, for an invitee, their meeting), which
   * answers as if it did not exist; then chair and coordinator any version; a representative only
   * their own agency's need-to-know version; observers and auditors no meeting content at all
   * (auditors see the audit trail and records). An invitee only once admitted from the lobby.
   */
  async function loadFor(p: Principal, kind: ExportKind, meetingId: string, asked: { format: string; agency: string | null }): Promise<MinutesModel> {
    if (!(await reach.meeting(p, meetingId, `export.${kind}`))) throw notFound('Meeting');
    if (p.role === 'OBSERVER' || !opensMeetingContent(p.role)) {
      throw await refuse(p, kind, meetingId, { ...asked, reason: 'role' }, 'Observers, auditors and administrators cannot export meeting content');
    }
    if (p.role === 'REP' && asked.agency !== p.agency.code) {
      throw await refuse(p, kind, meetingId, { ...asked, reason: 'agency' },
        `Agency representatives may export only their own agency's version: add agency=${p.agency.code}`);
    }
    if (p.kind === 'invitee' && !p.admitted) {
      throw await refuse(p, kind, meetingId, { ...asked, reason: 'lobby' }, 'Wait until the chair admits you to the meeting');
    }
    try {
      return await loadMinutesModel(ctx.db, meetingId, asked.agency);
    } catch (err) {
      if (err instanceof MeetingNotFound) throw notFound('Meeting');
      if (err instanceof UnknownAgency) {
        throw invalidField('agency', `No agency has the code ${asked.agency}`, 'Invalid query');
      }
      throw err;
    }
  }

  const audit = (p: Principal, kind: ExportKind, model: MinutesModel, details: Record<string, unknown>) =>
    ctx.audit.record({
      actorId: actorId(p), actorLabel: actorLabel(p), action: `export.${kind}`, subjectType: 'Meeting',
      subjectId: model.meeting.id, meetingId: model.meeting.id,
      details: { agency: model.agency?.code ?? null, draft: model.draft, ...details },
    });

  // Public at the door because an invitee of a closed meeting has no principal: requester()
  // signs them in for this alone, or answers 401.
  const errors = { 400: 'Unknown format or agency', 401: 'Not signed in', 403: 'Not allowed for this requester', 404: 'Meeting not found' };

  return [
    defineRoute({
      method: 'get', path: '/meetings/:id/minutes', tag: 'exports', access: 'public',
      summary: 'Minutes of a meeting (PDF, DOCX or Markdown), watermarked for the requester; a closed meeting\'s are stored as a version. '
        + 'A remote invitee the chair admitted can still download their agency\'s version for INVITEE_PACK_HOURS after the close.',
      params: IdParams,
      query: MinutesQuery,
      produces: [minutesFormats.pdf.contentType, minutesFormats.docx.contentType, minutesFormats.md.contentType],
      errors,
      handler: async ({ req, params, query, principal, res }) => {
        const asked = { format: query.format, agency: query.agency ?? null };
        const { p, afterClose } = await requester(req, principal, 'minutes', params.id, asked);
        const model = await loadFor(p, 'minutes', params.id, asked);
        const format = minutesFormats[query.format];
        const body = await format.render(model, viewerStamp(p, new Date(), model.meeting.site));
        // A version names the staff account that generated it; an invitee's copy is traced by its
        // watermark and sha256 in the audit trail.
        const version = !model.draft && p.kind === 'staff'
          ? await ensureMinutesVersion(ctx.db, { meetingId: model.meeting.id, format: format.stored, agencyId: model.agency?.id ?? null },
            model, () => format.render(model, recordStamp(model)), p.userId)
          : null;
        await audit(p, 'minutes', model, {
          format: query.format, sha256: sha256Of(body), version, ...(afterClose && { afterClose }),
        });
        sendFile(res, format.contentType, `${exportBaseName(model.meeting, 'minutes', model.agency?.code)}.${format.extension}`, body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/meetings/:id/actions', tag: 'exports', access: 'public',
      summary: 'The action list of a meeting (CSV or PDF), grouped by agency, watermarked for the requester. '
        + 'A remote invitee the chair admitted can still download their agency\'s list for INVITEE_PACK_HOURS after the close.',
      params: IdParams,
      query: ActionsQuery,
      produces: [actionFormats.csv.contentType, actionFormats.pdf.contentType],
      errors,
      handler: async ({ req, params, query, principal, res }) => {
        const asked = { format: query.format, agency: query.agency ?? null };
        const { p, afterClose } = await requester(req, principal, 'actions', params.id, asked);
        const model = await loadFor(p, 'actions', params.id, asked);
        const format = actionFormats[query.format];
        const body = await format.render(model, viewerStamp(p, new Date(), model.meeting.site));
        await audit(p, 'actions', model, { format: query.format, sha256: sha256Of(body), ...(afterClose && { afterClose }) });
        sendFile(res, format.contentType, `${exportBaseName(model.meeting, 'actions', model.agency?.code)}.${format.extension}`, body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/meetings/:id/packs.zip', tag: 'exports', access: 'signed-in',
      summary: 'Chair and coordinator, once the meeting has closed: every attending agency\'s pack in one zip — a folder per agency '
        + 'with its need-to-know minutes (PDF) and action list (CSV and PDF) — watermarked for the requester',
      params: IdParams,
      produces: ['application/zip'],
      errors: { 404: 'Meeting not found', 409: 'The meeting has not closed yet' },
      handler: async ({ params, principal, res }) => {
        const p = await requireStaffRole(ctx.audit, principal, ['CHAIR', 'COORDINATOR'], {
          action: 'export.refused', subjectType: 'Meeting', subjectId: params.id, meetingId: params.id, details: { export: 'packs' },
        });
        if (!(await reach.meeting(p, params.id, 'export.packs'))) throw notFound('Meeting');
        let built;
        try {
          built = await agencyPacks(ctx.db, params.id, p);
        } catch (err) {
          if (err instanceof MeetingNotFound) throw notFound('Meeting');
          if (err instanceof MeetingNotClosed) throw conflict('MEETING_NOT_CLOSED', 'Agency packs are made once the meeting has closed');
          throw err;
        }
        await ctx.audit.record({
          actorId: p.userId, actorLabel: actorLabel(p), action: 'export.packs', subjectType: 'Meeting', subjectId: params.id, meetingId: params.id,
          details: { sha256: sha256Of(built.zip), packs: built.packs },
        });
        sendFile(res, 'application/zip', built.fileName, built.zip);
        return undefined;
      },
    }),
  ];
}

import type { Response } from 'express';
import { z } from 'zod';
import { AgencyCode } from '../../shared/domain.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import { actionsCsv } from '../exports/actions-csv.js';
import { actionsPdf } from '../exports/actions-pdf.js';
import { minutesDocx } from '../exports/minutes-docx.js';
import { minutesMarkdown } from '../exports/minutes-markdown.js';
import { loadMinutesModel, MeetingNotFound, UnknownAgency, type MinutesModel } from '../exports/minutes-model.js';
import { minutesPdf } from '../exports/minutes-pdf.js';
import { ensureMinutesVersion, sha256Of } from '../exports/minutes-versions.js';
import { recordStamp, viewerStamp, type Stamp } from '../exports/watermark.js';
import { forbidden, HttpError, notFound } from '../http/errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

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

/** An ASCII file-name part: "Tāmaki Makaurau" → "Tamaki-Makaurau". */
const fileSlug = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

function sendFile(res: Response, format: FileFormat, model: MinutesModel, kind: ExportKind, body: Buffer): void {
  const name = ['SAM', kind, fileSlug(model.meeting.site.name), model.meeting.date, model.agency?.code]
    .filter(Boolean).join('-');
  res.status(200).set({
    'Content-Type': format.contentType,
    'Content-Disposition': `attachment; filename="${name}.${format.extension}"`,
    // Confidential content: never kept by the browser or a proxy.
    'Cache-Control': 'no-store',
  }).send(body);
}

export function exportRoutes(ctx: AppContext): AnyRoute[] {
  const refuse = async (p: Principal, kind: ExportKind, meetingId: string, details: Record<string, unknown>, message: string) => {
    await ctx.audit.record({
      actorId: actorId(p), actorLabel: actorLabel(p), action: 'export.refused', subjectType: 'Meeting', subjectId: meetingId,
      meetingId, details: { export: kind, ...details },
    });
    return forbidden(message);
  };

  /**
   * Who may export what: chair and coordinator any version; a representative only their own
   * agency's need-to-know version; observers and auditors no meeting content at all (auditors
   * see the audit trail and records). An invitee only ever sees the meeting it was invited to,
   * and only once admitted from the lobby.
   */
  async function loadFor(p: Principal, kind: ExportKind, meetingId: string, format: string, agency: string | undefined): Promise<MinutesModel> {
    const asked = { format, agency: agency ?? null };
    if (p.role === 'OBSERVER' || p.role === 'AUDITOR') {
      throw await refuse(p, kind, meetingId, { ...asked, reason: 'role' }, 'Observers and auditors cannot export meeting content');
    }
    if (p.role === 'REP' && agency !== p.agency.code) {
      throw await refuse(p, kind, meetingId, { ...asked, reason: 'agency' },
        `Agency representatives may export only their own agency's version: add agency=${p.agency.code}`);
    }
    if (p.kind === 'invitee' && p.meetingId !== meetingId) throw notFound('Meeting');
    if (p.kind === 'invitee' && !p.admitted) {
      throw await refuse(p, kind, meetingId, { ...asked, reason: 'lobby' }, 'Wait until the chair admits you to the meeting');
    }
    try {
      return await loadMinutesModel(ctx.db, meetingId, agency ?? null);
    } catch (err) {
      if (err instanceof MeetingNotFound) throw notFound('Meeting');
      if (err instanceof UnknownAgency) {
        throw new HttpError(400, 'VALIDATION_FAILED', 'Invalid query', { issues: [{ path: 'agency', message: `No agency has the code ${agency}` }] });
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

  const errors = { 400: 'Unknown format or agency', 404: 'Meeting not found' };

  return [
    defineRoute({
      method: 'get', path: '/meetings/:id/minutes', tag: 'exports', access: 'signed-in',
      summary: 'Minutes of a meeting (PDF, DOCX or Markdown), watermarked for the requester; a closed meeting\'s are stored as a version',
      params: IdParams,
      query: MinutesQuery,
      produces: [minutesFormats.pdf.contentType, minutesFormats.docx.contentType, minutesFormats.md.contentType],
      errors,
      handler: async ({ params, query, principal, res }) => {
        const p = principal!;
        const model = await loadFor(p, 'minutes', params.id, query.format, query.agency);
        const format = minutesFormats[query.format];
        const body = await format.render(model, viewerStamp(p, new Date()));
        // Versions are of closed meetings only, which invitees can no longer open; a version names
        // the staff account that generated it.
        const version = !model.draft && p.kind === 'staff'
          ? await ensureMinutesVersion(ctx.db, { meetingId: model.meeting.id, format: format.stored, agencyId: model.agency?.id ?? null },
            model, () => format.render(model, recordStamp(model)), p.userId)
          : null;
        await audit(p, 'minutes', model, {
          format: query.format, sha256: sha256Of(body), version,
        });
        sendFile(res, format, model, 'minutes', body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/meetings/:id/actions', tag: 'exports', access: 'signed-in',
      summary: 'The action list of a meeting (CSV or PDF), grouped by agency, watermarked for the requester',
      params: IdParams,
      query: ActionsQuery,
      produces: [actionFormats.csv.contentType, actionFormats.pdf.contentType],
      errors,
      handler: async ({ params, query, principal, res }) => {
        const p = principal!;
        const model = await loadFor(p, 'actions', params.id, query.format, query.agency);
        const format = actionFormats[query.format];
        const body = await format.render(model, viewerStamp(p, new Date()));
        await audit(p, 'actions', model, { format: query.format, sha256: sha256Of(body) });
        sendFile(res, format, model, 'actions', body);
        return undefined;
      },
    }),
  ];
}

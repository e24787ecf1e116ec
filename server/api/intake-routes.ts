import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { ImportResult, PersonSearchHit, PersonSearchQuery } from '../../shared/api/intake.js';
import type { Role } from '../../shared/domain.js';
import type { AppContext } from '../app-context.js';
import { Reach } from '../access/reach.js';
import type { StaffPrincipal } from '../access/require-role.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import { DomainError, forbidden, notFound, unauthenticated } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { importEpisodes } from '../intake/import-episodes.js';
import { ImportFormatError, type ParsedRows } from '../intake/import-row.js';
import { parseCsv } from '../intake/parse-csv.js';
import { parseJson } from '../intake/parse-json.js';
import { searchPeople } from '../intake/person-search.js';

const IdParams = z.object({ id: z.uuid() });

/** CSV arrives as text (parsed by the route's own body parser), JSON as an array. */
const ImportBody = z.union([z.string(), z.array(z.unknown())], {
  error: 'send CSV with Content-Type: text/csv, or a JSON array of episodes with Content-Type: application/json',
});

function readFile(body: string | unknown[]): ParsedRows {
  try {
    return typeof body === 'string' ? parseCsv(body) : parseJson(body);
  } catch (err) {
    if (err instanceof ImportFormatError) throw new DomainError('invalid', 'INVALID_IMPORT_FILE', err.message, undefined, { line: err.line, ...(err.field && { field: err.field }) });
    throw err;
  }
}

/** Records are for staff: an invitee's access is one meeting's discussion, not the case files. */
function requireStaff(p: Principal | undefined): StaffPrincipal {
  if (!p) throw unauthenticated();
  if (p.kind !== 'staff') throw forbidden('Only staff accounts can do this');
  return p;
}

const IMPORTERS: readonly Role[] = ['CHAIR', 'COORDINATOR'];

/** Before the 10 MB body is read: only someone who may import gets to upload. */
const importersOnly: RequestHandler = (req, _res, next) => {
  const staff = requireStaff(req.principal);
  next(IMPORTERS.includes(staff.role) ? undefined : forbidden());
};

export function intakeRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  return [
    defineRoute({
      method: 'post', path: '/meetings/:id/episodes/import', tag: 'intake', access: IMPORTERS,
      summary: 'Imports episodes into a meeting: CSV (text/csv) or a JSON array (application/json) in the episode import format of docs/architecture.md. '
        + 'Bad rows are reported by line and field; good rows are imported in one transaction; police references already on record are skipped.',
      params: IdParams,
      body: ImportBody,
      response: ImportResult,
      errors: { 404: 'Meeting not found', 409: 'The meeting is closed', 413: 'The file is too large' },
      // The API's JSON parser is already in front of every route; CSV needs its own, and room for a big day.
      middleware: [importersOnly, express.text({ type: 'text/csv', limit: '10mb' })],
      handler: async ({ params, body, principal }) => {
        const staff = requireStaff(principal);
        if (!(await reach.meeting(staff, params.id, 'import'))) throw notFound('Meeting');
        // The meeting is checked again (409 closed) under the import's lock, where it cannot change.
        const { itemIds, ...result } = await importEpisodes(ctx.db, ctx.audit, {
          meetingId: params.id, parsed: readFile(body), format: typeof body === 'string' ? 'csv' : 'json', actor: { id: actorId(staff), label: actorLabel(staff) },
        });
        if (itemIds.length) {
          // The records are committed whatever happens here; a document that misses the update
          // picks the items up from the records when it is next loaded.
          await ctx.docs.applyAgendaItems(params.id, itemIds).catch((err: unknown) => {
            ctx.log.error({ err, meetingId: params.id }, 'imported items could not be applied to the live meeting document');
          });
        }
        return result;
      },
    }),
    defineRoute({
      method: 'get', path: '/people/search', tag: 'intake', access: ['CHAIR', 'COORDINATOR', 'REP', 'AUDITOR'],
      summary: "Searches the people in the requester's site's cases by name (macrons folded), date of birth or police reference; at most 50, names with a word starting with the query first",
      query: PersonSearchQuery,
      response: z.array(PersonSearchHit),
      handler: async ({ query, principal }) => {
        const staff = requireStaff(principal);
        const hits = await searchPeople(ctx.db, query, { seesHiddenNames: staff.role === 'CHAIR' || staff.role === 'COORDINATOR', siteId: staff.national ? null : staff.siteId });
        await ctx.audit.record({
          actorId: actorId(staff), actorLabel: actorLabel(staff), action: 'records.search', subjectType: 'Person',
          details: { q: query.q ?? null, dob: query.dob ?? null, policeRef: query.policeRef ?? null, results: hits.length },
        });
        return hits;
      },
    }),
  ];
}

import { z } from 'zod';
import { Prisma, type Db } from '../db/client.js';
import { AgendaReason, EpisodeSource, ProtectionOrder, RiskLevel, RiskTool } from '../db/generated/enums.js';

/**
 * A meeting's agenda items with their episodes, people and risk tools, in one SQL statement that
 * PostgreSQL answers as nested JSON. Opening a meeting waits on this read: through Prisma's query
 * compiler and its row mapping, a 300-item agenda cost 40–160 ms of this thread's CPU; here
 * PostgreSQL builds the nesting and the thread parses JSON. Rows come back shaped as Prisma's
 * `include` would give them, so agenda-snapshot.ts maps both the same way.
 */

// Times as UTC ISO strings and dates as days, so nothing depends on the server's time zone.
const person = (alias: string) => Prisma.raw(`json_build_object(
  'givenName', ${alias}."givenName", 'familyName', ${alias}."familyName", 'preferredName', ${alias}."preferredName",
  'hiddenName', ${alias}."hiddenName", 'dob', to_char(${alias}.dob, 'YYYY-MM-DD'))`);

const PersonJson = z.object({
  givenName: z.string(), familyName: z.string(), preferredName: z.string().nullable(), hiddenName: z.boolean(),
  dob: z.string().nullable().transform((d) => (d === null ? null : new Date(`${d}T00:00:00Z`))),
});

const EpisodeJson = z.object({
  policeRef: z.string(),
  occurredAt: z.string().transform((t) => new Date(t)),
  area: z.string(),
  source: z.enum(EpisodeSource),
  summary: z.string(),
  childrenPresent: z.number().int(),
  protectionOrder: z.enum(ProtectionOrder),
  weapons: z.boolean(),
  strangulation: z.boolean(),
  personAtRisk: PersonJson.nullable(),
  personUsingViolence: PersonJson.nullable(),
  riskAssessments: z.array(z.object({ tool: z.enum(RiskTool), rawScore: z.number().nullable(), band: z.string().nullable(), level: z.enum(RiskLevel).nullable() })),
  children: z.array(z.object({ person: PersonJson })),
});

const AgendaRow = z.object({
  id: z.string(),
  caseId: z.string(),
  reason: z.enum(AgendaReason),
  rank: z.string(),
  reference: z.string(),
  episodes: z.array(EpisodeJson),
});

export type AgendaRecordRow = z.infer<typeof AgendaRow>;
export type AgendaEpisodeRow = z.infer<typeof EpisodeJson>;

/** The agenda items of a meeting (or only `itemIds` of them), in the agenda's order. */
export async function readAgendaRows(db: Db | Prisma.TransactionClient, meetingId: string, itemIds?: string[]): Promise<AgendaRecordRow[]> {
  const rows = await db.$queryRaw<unknown[]>(agendaRowsQuery(meetingId, itemIds));
  return rows.map((row, i) => {
    const parsed = AgendaRow.safeParse(row);
    if (!parsed.success) throw new Error(`agenda row ${i} of meeting ${meetingId}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
}

export function agendaRowsQuery(meetingId: string, itemIds?: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT ai.id, ai."caseId", ai.reason::text AS reason, ai.rank, c.reference,
      COALESCE((
        SELECT json_agg(json_build_object(
          'policeRef', e."policeRef",
          'occurredAt', to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'area', e.area, 'source', e.source, 'summary', e.summary, 'childrenPresent', e."childrenPresent",
          'protectionOrder', e."protectionOrder", 'weapons', e.weapons, 'strangulation', e.strangulation,
          'personAtRisk', (SELECT ${person('par')} FROM "Person" par WHERE par.id = e."personAtRiskId"),
          'personUsingViolence', (SELECT ${person('puv')} FROM "Person" puv WHERE puv.id = e."personUsingViolenceId"),
          'riskAssessments', COALESCE((
            SELECT json_agg(json_build_object('tool', r.tool, 'rawScore', r."rawScore", 'band', r.band, 'level', r.level))
            FROM "RiskAssessment" r WHERE r."episodeId" = e.id), '[]'::json),
          'children', COALESCE((
            SELECT json_agg(json_build_object('person', ${person('ch')}) ORDER BY ec.position)
            FROM "EpisodeChild" ec JOIN "Person" ch ON ch.id = ec."personId" WHERE ec."episodeId" = e.id), '[]'::json)
        ))
        FROM "AgendaItemEpisode" aie JOIN "Episode" e ON e.id = aie."episodeId"
        WHERE aie."agendaItemId" = ai.id), '[]'::json) AS episodes
    FROM "AgendaItem" ai JOIN "Case" c ON c.id = ai."caseId"
    WHERE ai."meetingId" = ${meetingId} ${itemIds ? Prisma.sql`AND ai.id = ANY(${itemIds}::text[])` : Prisma.empty}
    ORDER BY ai.rank ASC, ai.id ASC`;
}

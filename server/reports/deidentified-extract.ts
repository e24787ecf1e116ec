import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { neutraliseCell } from '../exports/csv-safety.js';
import type { Pseudonyms } from './pseudonyms.js';
import { nzLocal, type ReportWindow } from './report-window.js';
import { REVICTIMISATION_DAYS } from './revictimisation.js';

const Row = z.object({
  id: z.string(), caseId: z.string(), personAtRiskId: z.string().nullable(), personUsingViolenceId: z.string().nullable(),
  occurredOn: z.string(), source: z.string(), childrenPresent: z.number(), protectionOrder: z.string(),
  strangulation: z.boolean(), weapons: z.boolean(),
  parBirthYear: z.number().nullable(), parGender: z.string().nullable(), parEthnicity: z.string().nullable(),
  puvBirthYear: z.number().nullable(), puvGender: z.string().nullable(), puvEthnicity: z.string().nullable(),
  safvr: z.number().nullable(), dyra: z.string().nullable(),
  riskLevel: z.string().nullable(), pathway: z.string().nullable(), leadAgency: z.string().nullable(),
  familyRepeat: z.boolean(), personAtRiskAgain: z.boolean(),
});
type Row = z.infer<typeof Row>;

const HEADER = [
  'episode', 'family', 'occurredOn', 'source', 'childrenPresent', 'protectionOrder', 'strangulation', 'weapons',
  'personAtRisk', 'personAtRiskBirthYear', 'personAtRiskGender', 'personAtRiskEthnicity',
  'personUsingViolence', 'personUsingViolenceBirthYear', 'personUsingViolenceGender', 'personUsingViolenceEthnicity',
  'safvr', 'dyra', 'decidedRisk', 'pathway', 'leadAgency', 'familyRepeatWithin365Days', `personAtRiskAgainWithin${REVICTIMISATION_DAYS}Days`,
] as const;

async function episodeRows(db: Db, w: ReportWindow): Promise<Row[]> {
  return z.array(Row).parse(await db.$queryRaw`
    SELECT e.id, e."caseId", e."personAtRiskId", e."personUsingViolenceId",
           to_char(${nzLocal('e."occurredAt"')}, 'YYYY-MM-DD') AS "occurredOn",
           e.source::text AS "source", e."childrenPresent", e."protectionOrder"::text AS "protectionOrder", e.strangulation, e.weapons,
           extract(year FROM par.dob)::int AS "parBirthYear", par.gender::text AS "parGender", par.ethnicity AS "parEthnicity",
           extract(year FROM puv.dob)::int AS "puvBirthYear", puv.gender::text AS "puvGender", puv.ethnicity AS "puvEthnicity",
           safvr."rawScore" AS "safvr", dyra.level::text AS "dyra",
           decided."riskLevel"::text AS "riskLevel", decided.pathway::text AS "pathway", lead.code AS "leadAgency",
           EXISTS (
             SELECT 1 FROM "Episode" prior WHERE prior."caseId" = e."caseId" AND prior.id <> e.id
               AND prior."occurredAt" <= e."occurredAt" AND prior."occurredAt" >= e."occurredAt" - interval '365 days'
           ) AS "familyRepeat",
           EXISTS (
             SELECT 1 FROM "Episode" later WHERE later."personAtRiskId" = e."personAtRiskId" AND later.id <> e.id
               AND later."siteId" = ANY(${w.siteIds}::text[])
               AND later."occurredAt" >= e."occurredAt" AND later."occurredAt" < e."occurredAt" + interval '367 days'
               AND ${nzLocal('later."occurredAt"')}::date - ${nzLocal('e."occurredAt"')}::date <= ${REVICTIMISATION_DAYS}::int
           ) AS "personAtRiskAgain"
    FROM "Episode" e
    LEFT JOIN "Person" par ON par.id = e."personAtRiskId"
    LEFT JOIN "Person" puv ON puv.id = e."personUsingViolenceId"
    LEFT JOIN "RiskAssessment" safvr ON safvr."episodeId" = e.id AND safvr.tool = 'SAFVR'
    LEFT JOIN "RiskAssessment" dyra ON dyra."episodeId" = e.id AND dyra.tool = 'DYRA'
    LEFT JOIN LATERAL (
      SELECT d."riskLevel", d.pathway, d."leadAgencyId"
      FROM "AgendaItemEpisode" aie JOIN "Decision" d ON d."agendaItemId" = aie."agendaItemId" AND d."supersededAt" IS NULL
      WHERE aie."episodeId" = e.id ORDER BY d."decidedAt" DESC LIMIT 1
    ) decided ON true
    LEFT JOIN "Agency" lead ON lead.id = decided."leadAgencyId"
    WHERE e."siteId" = ANY(${w.siteIds}::text[])
      AND e."occurredAt" >= ${w.start}::timestamp AND e."occurredAt" < ${w.end}::timestamp
    ORDER BY e."occurredAt", e.id`);
}

const cell = (v: string | number | boolean | null) => (v === null ? '' : String(v));

/**
 * One row per episode in the range for evaluators, with nothing that names anyone: no names, no
 * free text (summaries, areas), dates of birth cut to the year, and every id and reference replaced
 * by its stable pseudonym, so the same family or person links across rows and extracts.
 */
export async function deidentifiedExtract(db: Db, w: ReportWindow, pseudonyms: Pseudonyms): Promise<{ csv: Buffer; rows: number }> {
  const rows = await episodeRows(db, w);
  const person = (id: string | null) => (id ? pseudonyms.of('P', id) : '');
  const body = rows.map((r) => [
    pseudonyms.of('E', r.id), pseudonyms.of('F', r.caseId), r.occurredOn, r.source, r.childrenPresent, r.protectionOrder, r.strangulation, r.weapons,
    person(r.personAtRiskId), r.parBirthYear, r.parGender, r.parEthnicity,
    person(r.personUsingViolenceId), r.puvBirthYear, r.puvGender, r.puvEthnicity,
    r.safvr, r.dyra, r.riskLevel, r.pathway, r.leadAgency, r.familyRepeat, r.personAtRiskId ? r.personAtRiskAgain : null,
  ].map((v) => neutraliseCell(cell(v))));
  const csv = stringify([[...HEADER], ...body], { bom: true, record_delimiter: 'windows' });
  return { csv: Buffer.from(csv, 'utf8'), rows: rows.length };
}

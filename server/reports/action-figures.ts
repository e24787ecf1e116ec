import { z } from 'zod';
import type { ActionFigures } from '../../shared/api/reports.js';
import type { Db } from '../db/client.js';
import { asNumber, nzLocal, type ReportWindow } from './report-window.js';

const N = z.union([z.number(), z.bigint()]).transform((v) => asNumber(v) ?? 0);
const Rows = z.array(z.object({
  agency: z.string(), agencyName: z.string(),
  assigned: N, done: N, doneOnTime: N, overdue: N, notDoneCircumstances: N, notDoneAgency: N,
}));

export type AgencyActionFigures = ActionFigures & { agency: string; agencyName: string };

/** Actions due in the range, by agency; a cancelled action was withdrawn, not assigned. */
export async function actionsByAgency(db: Db, w: ReportWindow): Promise<AgencyActionFigures[]> {
  return Rows.parse(await db.$queryRaw`
    SELECT ag.code AS "agency", ag.name AS "agencyName",
           count(*)::int AS "assigned",
           (count(*) FILTER (WHERE a.status = 'DONE'))::int AS "done",
           (count(*) FILTER (WHERE a.status = 'DONE' AND ${nzLocal('a."doneAt"')}::date <= a."dueDate"))::int AS "doneOnTime",
           (count(*) FILTER (WHERE a.status IN ('OPEN', 'IN_PROGRESS') AND a."dueDate" < ${w.today}::date))::int AS "overdue",
           (count(*) FILTER (WHERE a.status = 'NOT_DONE_CIRCUMSTANCES'))::int AS "notDoneCircumstances",
           (count(*) FILTER (WHERE a.status = 'NOT_DONE_AGENCY'))::int AS "notDoneAgency"
    FROM "Action" a JOIN "Case" c ON c.id = a."caseId" JOIN "Agency" ag ON ag.id = a."agencyId"
    WHERE c."siteId" = ANY(${w.siteIds}::text[]) AND a."dueDate" >= ${w.from}::date AND a."dueDate" <= ${w.to}::date
      AND a.status <> 'CANCELLED'
    GROUP BY ag.code, ag.name ORDER BY ag.code`);
}

/** The agencies' figures added up. */
export function sumActions(rows: readonly ActionFigures[]): ActionFigures {
  const total: ActionFigures = { assigned: 0, done: 0, doneOnTime: 0, overdue: 0, notDoneCircumstances: 0, notDoneAgency: 0 };
  for (const r of rows) for (const k of Object.keys(total) as (keyof ActionFigures)[]) total[k] += r[k];
  return total;
}

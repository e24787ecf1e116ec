import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from './csv-safety.js';
import { actionStatusLabel, priorityLabel } from './labels.js';
import { actionListOf, type MinutesModel } from './minutes-model.js';
import type { Stamp } from './watermark.js';

const HEADER = [
  'Agency code', 'Agency', 'Family reference', 'Action type', 'Description', 'Owner', 'Due date', 'Priority', 'Status',
  'Outcome note', 'Agreed at SAM on', 'Carried over', 'Exported for',
];

/**
 * The action list as CSV that Excel opens cleanly: UTF-8 with a BOM (so macrons survive), every
 * field quoted, CRLF, one header row, then one row per action grouped by agency. A CSV has no
 * place for a header or footer line that parsers would not trip over, so the watermark goes in
 * the last column of every row, where it survives filtering and copying rows elsewhere.
 */
export function actionsCsv(model: MinutesModel, stamp: Stamp): Buffer {
  const rows = actionListOf(model).map((a) => [
    a.agency.code, a.agency.name, a.familyRef, a.type, a.description, a.assignee ?? '', a.due,
    priorityLabel(a.priority), actionStatusLabel(a.status), a.outcomeNote ?? '', a.agreedOn ?? '',
    a.carriedOver ? 'Yes' : 'No', stamp.line,
  ]);
  const text = stringify([HEADER, ...rows].map((r) => r.map(neutraliseCell)), {
    bom: true, quoted: true, quoted_empty: true, record_delimiter: 'windows',
  });
  return Buffer.from(text, 'utf8');
}

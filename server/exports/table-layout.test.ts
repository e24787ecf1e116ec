import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireCommands } from '../../tests/support/tools.js';
import { actionsPdf } from './actions-pdf.js';
import {
  actionListTable, actionsTable, attendanceTable, carriedOverTable, groupByAgency, type Table,
} from './minutes-content.js';
import { minutesDocx } from './minutes-docx.js';
import { actionListOf, type MinutesModel } from './minutes-model.js';
import { minutesPdf } from './minutes-pdf.js';
import { docxAsPdf, pdfText } from './test-documents.js';
import { action, syntheticModel } from './test-fixtures.js';
import type { Stamp } from './watermark.js';

const stamp: Stamp = { line: 'Record copy · meeting closed Tue 3 Jun 2025 14:00 NZST', at: new Date('2025-06-03T02:00:00.000Z') };

const corrections = { code: 'CORRECTIONS', name: 'Department of Corrections Ara Poutama Aotearoa' };
const runanga = { code: 'IWI', name: 'Te Rūnanga o Ngāi Tahu Whānau Ora Collective' };
const health = { code: 'HEALTH', name: 'Te Whatu Ora Health New Zealand Waitaha Canterbury' };

/** A meeting with the long values real minutes carry: agencies' full names, Māori names, outcome notes. */
function longValues(): MinutesModel {
  const model = syntheticModel(2);
  const [first, second] = model.items;
  if (first?.detail !== 'full' || second?.detail !== 'full') throw new Error('fixture changed');
  first.actions.push(
    action(10, { familyRef: first.familyRef, agency: runanga, type: 'Whakawhanaungatanga', assignee: null, description: 'Hui with the whānau at the marae.' }),
    action(11, {
      familyRef: first.familyRef, agency: corrections, type: 'Stopping-violence programme', assignee: 'Wiremu Te Rangihaeata-Whakarongotai',
      description: 'Offer Tāne a place on the Mauri Tū Mauri Ora programme.', status: 'NOT_DONE_CIRCUMSTANCES', outcomeNote: 'Tāne was remanded in custody.',
    }),
  );
  second.actions.push(action(12, { familyRef: second.familyRef, agency: health, type: 'GP follow-up', assignee: 'Ngāhuia Te Awekōtuku', priority: 'STANDARD' }));
  model.attendance.push(
    { name: 'Ngāhuia Te Awekōtuku-Whakarongotai', agency: runanga, role: 'REP', mode: 'REMOTE', acknowledgedAt: new Date('2025-06-02T20:58:00.000Z') },
    { name: 'Hēmi Pōhatu', agency: corrections, role: 'OBSERVER', mode: 'IN_ROOM', acknowledgedAt: null },
  );
  model.carriedOver.push(action(13, { carriedOver: true, familyRef: 'CHC-W-0042', agency: health, assignee: null, agreedOn: null, status: 'IN_PROGRESS' }));
  return model;
}

/**
 * The words of a text, split only where a line may break: at spaces, and after a hyphen before
 * a letter ("Rangihaeata-" and "Whakarongotai" may sit on two lines, "Standar" and "d" may not).
 */
const piecesOf = (text: string) => text.split(/\s+/).flatMap((word) => word.split(/(?<=-)(?=\p{L})/u)).filter(Boolean);

function counts(pieces: readonly string[]): Map<string, number> {
  const counted = new Map<string, number>();
  for (const p of pieces) counted.set(p, (counted.get(p) ?? 0) + 1);
  return counted;
}

/**
 * Every word of the tables' headers and cells appears whole in the laid-out text, at least as
 * often as the tables hold it: a word split across two lines of its cell would fall short.
 */
function expectWordsWhole(layoutText: string, tables: readonly Table[]): void {
  const found = counts(piecesOf(layoutText));
  const cells = tables.flatMap((t) => [...t.columns.map((c) => c.header), ...t.rows.flat()]);
  const split = [...counts(cells.flatMap(piecesOf))].filter(([piece, n]) => (found.get(piece) ?? 0) < n);
  expect(split.map(([piece]) => piece)).toEqual([]);
}

describe('export tables fit their columns without breaking words', () => {
  const model = longValues();
  const minutesTables: Table[] = [
    attendanceTable(model),
    ...model.items.flatMap((item) => (item.detail === 'full' ? [actionsTable(item.actions)] : [])),
    carriedOverTable(model.carriedOver),
  ];
  const actionListTables = groupByAgency(actionListOf(model)).map((g) => actionListTable(g.actions));
  const mustStayWhole = ['Priority', 'Unassigned', 'Standard', 'Status', 'Confidentiality', 'acknowledged', 'Whakawhanaungatanga:', 'Awekōtuku'];

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-table-layout-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('in the PDF minutes and action list', async ({ skip }) => {
    if (!(await requireCommands('pdftotext'))) skip();
    const minutes = await pdfText(dir, await minutesPdf(model, stamp), 'layout');
    expectWordsWhole(minutes, minutesTables);
    const actionList = await pdfText(dir, await actionsPdf(model, stamp), 'layout');
    expectWordsWhole(actionList, actionListTables);
    for (const word of mustStayWhole) expect(minutes.split(/\s+/)).toContain(word);
  });

  // One LibreOffice conversion (a few seconds): the DOCX is checked as laid out, not only as XML.
  it('in the DOCX minutes as LibreOffice lays them out', { timeout: 180_000 }, async ({ skip }) => {
    if (!(await requireCommands('libreoffice', 'pdftotext'))) skip();
    const minutes = await pdfText(dir, await docxAsPdf(dir, await minutesDocx(model, stamp)), 'layout');
    expectWordsWhole(minutes, minutesTables);
    for (const word of mustStayWhole) expect(minutes.split(/\s+/)).toContain(word);
  });
});

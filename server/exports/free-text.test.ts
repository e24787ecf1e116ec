import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireCommands } from '../../tests/support/tools.js';
import { actionsCsv } from './actions-csv.js';
import { actionsPdf } from './actions-pdf.js';
import { minutesDocx } from './minutes-docx.js';
import { minutesMarkdown } from './minutes-markdown.js';
import { minutesPdf } from './minutes-pdf.js';
import { docxText, pdfText } from './test-documents.js';
import { action, syntheticModel } from './test-fixtures.js';
import type { Stamp } from './watermark.js';

const stamp: Stamp = { line: 'Copy for Aroha Ngāti (POLICE)', at: new Date('2025-06-03T02:00:00.000Z') };
// Action types are free text: what was typed must come out, not a re-cased "Gp follow-up".
const TYPED = ['GP follow-up', 'ACC Sensitive Claims referral'];

/** Whitespace collapsed, and a line broken after a hyphen joined again, as extracted text needs. */
const flat = (text: string) => text.replace(/\s+/g, ' ').replace(/- /g, '-');

function model() {
  const m = syntheticModel(1, { carriedOver: [] });
  const [item] = m.items;
  if (item?.detail !== 'full') throw new Error('fixture changed');
  item.actions = TYPED.map((type, i) => action(i + 1, { type, familyRef: item.familyRef, description: `Ring Ārani's GP (${i + 1}).` }));
  return m;
}

describe('exports keep the free text people typed', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-free-text-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('in the CSV action list', () => {
    const rows = parse(actionsCsv(model(), stamp), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['Action type']).sort()).toEqual([...TYPED].sort());
  });

  it('in the Markdown minutes', () => {
    const md = minutesMarkdown(model(), stamp).toString('utf8');
    for (const type of TYPED) expect(md).toContain(`${type}: Ring`);
  });

  it('in the PDF minutes and action list, and the DOCX minutes', async ({ skip }) => {
    if (!(await requireCommands('pdftotext', 'unzip'))) skip();
    const texts = [
      await pdfText(dir, await minutesPdf(model(), stamp), 'raw'),
      await pdfText(dir, await actionsPdf(model(), stamp), 'raw'),
      await docxText(dir, await minutesDocx(model(), stamp)),
    ];
    for (const text of texts) for (const type of TYPED) expect(flat(text)).toContain(`${type}: Ring`);
  });

  it('shows an action with no type by its description alone', () => {
    const m = model();
    const [item] = m.items;
    if (item?.detail !== 'full') throw new Error('fixture changed');
    item.actions = [action(1, { type: '', familyRef: item.familyRef, description: 'Visit the whānau.' })];
    const md = minutesMarkdown(m, stamp).toString('utf8');
    expect(md).toContain('| Visit the whānau. |');
  });
});

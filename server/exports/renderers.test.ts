import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { actionsCsv } from './actions-csv.js';
import { actionsPdf } from './actions-pdf.js';
import { minutesDocx } from './minutes-docx.js';
import { minutesMarkdown } from './minutes-markdown.js';
import { minutesPdf } from './minutes-pdf.js';
import { pdfText as readPdf } from './test-documents.js';
import { action, syntheticModel } from './test-fixtures.js';
import type { Stamp } from './watermark.js';

const stamp: Stamp = { line: 'Copy for Aroha Ngāti (POLICE) · Tue 3 Jun 2025 14:00 NZST', at: new Date('2025-06-03T02:00:00.000Z') };

describe('export renderers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-exports-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => {
    vi.useRealTimers();
  });

  const pdfText = async (pdf: Buffer) => (await readPdf(dir, pdf, 'raw')).replace(/\s+/g, ' ');

  // Its speed is measured by `npm run bench`, not asserted here.
  it('renders a 300-item meeting as PDF, byte-identical when repeated', async () => {
    const model = syntheticModel(300);
    const first = { pdf: await minutesPdf(model, stamp) };
    const second = { pdf: await minutesPdf(model, stamp) };
    expect(second.pdf.equals(first.pdf)).toBe(true);
    const text = await pdfText(first.pdf);
    expect(text).toContain('300. CHC-W-0300');
    expect(text).toContain('Ārani Pirini');
    expect(text).toContain('Copy for Aroha Ngāti (POLICE)');
  });

  it('packs the same DOCX bytes at different times (fixed core dates and zip entry times)', async () => {
    const model = syntheticModel(3);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const first = await minutesDocx(model, stamp);
    vi.setSystemTime(new Date('2026-03-04T05:06:07Z'));
    const second = await minutesDocx(model, stamp);
    expect(second.equals(first)).toBe(true);
  });

  it('escapes Markdown syntax typed into records', () => {
    const model = syntheticModel(1);
    const [item] = model.items;
    if (item?.detail !== 'full' || !item.decision) throw new Error('fixture changed');
    item.decision.rationale = 'See [this](http://x) <b>now</b> | *urgent*';
    const md = minutesMarkdown(model, stamp).toString('utf8');
    expect(md.split('\n')[0]).toBe(`**RESTRICTED** · ${stamp.line}`);
    expect(md).toContain('See \\[this\\](http://x) \\<b\\>now\\</b\\> \\| \\*urgent\\*');
  });

  it('writes the action list CSV with a BOM, every field quoted, CRLF and neutralised formulas', () => {
    const model = syntheticModel(2);
    const [item] = model.items;
    if (item?.detail !== 'full') throw new Error('fixture changed');
    item.actions.push(action(77, { description: '=HYPERLINK("http://x")', assignee: null }));
    const csv = actionsCsv(model, stamp);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    for (const line of lines) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2 * 2 + 1 + 1);
    expect(rows.find((r) => r.Description?.includes('HYPERLINK'))?.Description).toBe('\'=HYPERLINK("http://x")');
    expect(rows.every((r) => r['Exported for'] === stamp.line)).toBe(true);
    const agencies = rows.map((r) => r.Agency);
    expect(agencies).toEqual([...agencies].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'en-NZ')));
  });

  it('lists only the agency’s own actions in its action list', async () => {
    const model = syntheticModel(4, { agency: { id: 'h', code: 'HOUSING', name: 'Kāinga Ora' } });
    const text = await pdfText(await actionsPdf(model, stamp));
    expect(text).toContain('Kāinga Ora');
    expect(text).not.toContain('New Zealand Police');
    expect(text).not.toContain('Oranga Tamariki');
  });
});

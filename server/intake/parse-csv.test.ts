import { describe, expect, it } from 'vitest';
import { importFixture } from '../../tests/fixtures/import/index.js';
import { IMPORT_COLUMNS, ImportFormatError } from './import-row.js';
import { parseCsv } from './parse-csv.js';

const HEADER = IMPORT_COLUMNS.join(',');

describe('parseCsv', () => {
  it('reads the good file', () => {
    const { rows, errors } = parseCsv(importFixture('good.csv'));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.row.policeRef])).toEqual([[2, 'GD-0001'], [3, 'GD-0002'], [4, 'GD-0003'], [5, 'GD-0004']]);
    expect(rows[0]?.row).toMatchObject({
      summary: 'A neighbour called Police about shouting, and a door being slammed.',
      personAtRisk: { givenName: 'Mere', familyName: 'Kōhatu-Ngata', dob: '1991-05-02', policePersonRef: 'PPRX-1001' },
      personUsingViolence: { givenName: 'Rāwiri', familyName: "O'Connell" },
      children: 2, safvr: 0.42, dyra: 'MEDIUM',
    });
    expect(rows[3]?.row.occurredAt.toISOString()).toBe('2025-03-14T03:30:00.000Z');
  });

  it('reads a file with a BOM and CRLF line ends', () => {
    const text = importFixture('bom-crlf.csv');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    const { rows, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[0]?.row).toMatchObject({ policeRef: 'BC-0001', strangulation: false, dyra: 'MEDIUM' });
    expect(rows[1]?.row).toMatchObject({ summary: 'A second row, also CRLF.', weapons: true, dyra: null });
  });

  it('keeps quoted commas, quotes and line breaks, and numbers rows by the line they start on', () => {
    const { rows, errors } = parseCsv(importFixture('quoted.csv'));
    expect(rows.map((r) => [r.line, r.row.policeRef])).toEqual([[2, 'QT-0001'], [3, 'QT-0002'], [7, 'QT-0004']]);
    expect(rows[0]?.row.summary).toBe('Caller said: "he took the keys, the phone, and the car". Police attended.');
    expect(rows[1]?.row.summary).toBe('First line, with a comma\nSecond line: "quoted"\nThird line, last');
    expect(errors).toEqual([
      { line: 6, field: 'source', message: 'must be one of POLICE_FAMILY_HARM, CORRECTIONS_RELEASE, AGENCY_REFERRAL' },
      { line: 9, field: 'safvr', message: 'must be a probability from 0 to 1' },
    ]);
  });

  it('counts line numbers the same with CRLF inside quoted cells', () => {
    const { rows, errors } = parseCsv(importFixture('quoted.csv').replace(/\n/g, '\r\n'));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 7]);
    expect(errors.map((e) => e.line)).toEqual([6, 9]);
    expect(rows[1]?.row.summary).not.toContain('\r');
  });

  it('keeps the good rows of a mixed file and names each bad field', () => {
    const { rows, errors } = parseCsv(importFixture('mixed.csv'));
    expect(rows.map((r) => r.line)).toEqual([2, 4, 7]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'occurredAt'], [5, 'safvr'], [5, 'dyra'], [6, 'source'], [6, 'personAtRisk.familyName'],
      [8, 'personAtRisk.dob'], [9, 'children'], [9, 'strangulation'],
    ]);
  });

  it('skips blank lines and rows of bare commas without shifting line numbers', () => {
    const good = importFixture('good.csv').split('\n');
    const text = [good[0], good[1], '', ',,,,,,,,,,,,,,,,,,', good[3], ''].join('\n');
    expect(parseCsv(text).rows.map((r) => [r.line, r.row.policeRef])).toEqual([[2, 'GD-0001'], [5, 'GD-0003']]);
  });

  it('reports a row with the wrong number of cells', () => {
    expect(parseCsv(`${HEADER}\nA-1,2026-01-01 10:00\n`).errors).toEqual([{ line: 2, field: null, message: 'has 2 cells; the header has 19' }]);
  });

  it('refuses a header that is not the import columns', () => {
    const wrong = HEADER.replace('personAtRisk.dob', 'personAtRisk.DOB').replace(',dyra', ',dyra,notes');
    expect(() => parseCsv(`${wrong}\n`)).toThrow(/missing personAtRisk\.dob; unknown personAtRisk\.DOB, notes/);
    expect(() => parseCsv('')).toThrow(ImportFormatError);
  });

  it('refuses broken quoting with its line', () => {
    const err = (() => {
      try {
        parseCsv(`${HEADER}\nA-1,"unclosed\n`);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as ImportFormatError).message).toMatch(/not valid CSV/);
  });
});

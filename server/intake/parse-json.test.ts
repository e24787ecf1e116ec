import { describe, expect, it } from 'vitest';
import { importFixture } from '../../tests/fixtures/import/index.js';
import { ImportFormatError } from './import-row.js';
import { parseJson } from './parse-json.js';

describe('parseJson', () => {
  it('reads the JSON form, numbering rows from 1', () => {
    const { rows, errors } = parseJson(JSON.parse(importFixture('good.json')));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.row.policeRef])).toEqual([[1, 'JS-0001'], [2, 'JS-0002'], [3, 'JS-0003']]);
    expect(rows[1]?.row).toMatchObject({ children: 0, safvr: null, personUsingViolence: { familyName: "O'Hara", dob: null } });
    expect(rows[1]?.row.occurredAt.toISOString()).toBe('2025-08-01T11:30:00.000Z');
  });

  it('reports a bad element by its index + 1 and keeps the rest', () => {
    const good = JSON.parse(importFixture('good.json')) as Record<string, unknown>[];
    const { rows, errors } = parseJson([good[0], { ...good[1], safvr: 2 }, 'not an object']);
    expect(rows.map((r) => r.line)).toEqual([1]);
    expect(errors).toEqual([
      { line: 2, field: 'safvr', message: 'must be from 0 to 1' },
      { line: 3, field: null, message: 'Invalid input: expected object, received string' },
    ]);
  });

  it('wants an array', () => {
    expect(() => parseJson({ rows: [] })).toThrow(ImportFormatError);
  });
});

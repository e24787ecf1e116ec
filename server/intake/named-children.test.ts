import { describe, expect, it } from 'vitest';
import { importFixture } from '../../tests/fixtures/import/index.js';
import { parseCsv } from './parse-csv.js';
import { parseJson } from './parse-json.js';

const CHILD_COLUMNS = ['children.1.givenName', 'children.1.familyName', 'children.1.dob', 'children.2.givenName', 'children.2.familyName', 'children.2.dob'];

/** good.csv with two children's columns, each row given its own cells for them. */
function withChildren(cells: string[][]): string {
  const [header, ...rows] = importFixture('good.csv').trimEnd().split('\n');
  return [[header, ...CHILD_COLUMNS].join(','), ...rows.map((row, i) => [row, ...(cells[i]?.length ? cells[i] : ['', '', '', '', '', ''])].join(','))].join('\n');
}

describe('named children in the import', () => {
  it('reads children from CSV columns, in order, leaving out empty trailing ones', () => {
    const { rows, errors } = parseCsv(withChildren([
      ['Hīria', 'Kōhatu-Ngata', '2016-04-09', "Te Rangi", "O'Connell", ''],
      ['Hīria', 'Kōhatu-Ngata', '2016-04-09', '', '', ''],
    ]));
    expect(errors).toEqual([]);
    expect(rows[0]?.row).toMatchObject({
      children: 2,
      childDetails: [
        { givenName: 'Hīria', familyName: 'Kōhatu-Ngata', dob: '2016-04-09' },
        { givenName: 'Te Rangi', familyName: "O'Connell", dob: null },
      ],
    });
    // The count (2) stands when it is more than the children named.
    expect(rows[1]?.row).toMatchObject({ children: 2, childDetails: [{ givenName: 'Hīria' }] });
    expect(rows[2]?.row).toMatchObject({ children: 0, childDetails: [] });
  });

  it('names a bad child cell by line and column, and keeps the other rows', () => {
    const { rows, errors } = parseCsv(withChildren([
      ['Hīria', '', '2016-04-09', '', '', ''],
      ['', '', '', 'Te Rangi', 'Whāiti', '2099-01-01'],
      ['Ana', 'Pōmare', '2015-02-30', '', '', ''],
    ]));
    expect(errors).toEqual([
      { line: 2, field: 'children.1.familyName', message: 'required' },
      { line: 3, field: 'children.1.givenName', message: 'required' },
      { line: 3, field: 'children.1.familyName', message: 'required' },
      { line: 3, field: 'children.2.dob', message: 'is in the future' },
      { line: 4, field: 'children.1.dob', message: expect.stringMatching(/date/) },
    ]);
    expect(rows.map((r) => r.line)).toEqual([5]);
  });

  it('refuses a count lower than the children named', () => {
    const csv = withChildren([[], [], ['Ana', 'Pōmare', '2015-02-03', 'Piripi', 'Pōmare', '2017-06-01']]);
    // GD-0003 counts 0 children: the named ones are the count. Give it 1 instead.
    const { errors } = parseCsv(csv.replace('Ngaio,Pōmare,1979-08-09,,Jack,McKenzie-Hōne,1975-01-30,,0,', 'Ngaio,Pōmare,1979-08-09,,Jack,McKenzie-Hōne,1975-01-30,,1,'));
    expect(errors).toEqual([{ line: 4, field: 'children', message: 'is 1 but the row names 2 children' }]);
  });

  it('takes a JSON children array as the children and their count, and keeps a plain count working', () => {
    const good = JSON.parse(importFixture('good.json')) as Record<string, unknown>[];
    const { rows, errors } = parseJson([
      { ...good[0], children: [{ givenName: 'Mīria', familyName: 'Ngāwhika', dob: '2019-03-03' }, { givenName: 'Tai', familyName: 'Ngāwhika' }] },
      good[1],
      { ...good[2], children: [{ givenName: 'Mīria', familyName: 'Ngāwhika', dob: 'soon' }, { familyName: 'Ngāwhika', nickname: 'x' }] },
    ]);
    expect(rows[0]?.row).toMatchObject({
      children: 2,
      childDetails: [{ givenName: 'Mīria', familyName: 'Ngāwhika', dob: '2019-03-03' }, { givenName: 'Tai', familyName: 'Ngāwhika', dob: null }],
    });
    expect(rows[1]?.row).toMatchObject({ children: 0, childDetails: [] });
    expect(new Set(errors.map((e) => `${e.line} ${e.field}`))).toEqual(new Set(['3 children.1.dob', '3 children.2', '3 children.2.givenName']));
  });
});

import { describe, expect, it } from 'vitest';
import { columnNeeds, fitColumns } from './column-widths.js';
import type { Table } from './minutes-content.js';

// One unit per character, two more for bold: easy to reason about, and the same arithmetic as fonts.
const measure = (text: string, bold: boolean) => text.length + (bold ? 2 : 0);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('column widths', () => {
  const table: Table = {
    columns: [{ header: 'Owner' }, { header: 'Due', oneLine: true }, { header: 'Action' }],
    rows: [
      ['Wiremu Te Rangihaeata-Whakarongotai', 'Thu 5 Jun 2025', 'GP follow-up: ring the whānau'],
      ['Unassigned', 'Fri 6 Jun 2025', 'Safety plan'],
    ],
  };

  it('measures the widest unbreakable piece, with the whitespace after it, and the widest line', () => {
    const [owner, due, action] = columnNeeds([table], measure, 1);
    // "Whakarongotai" (13): "Rangihaeata-" may end a line, as it would in print.
    expect(owner).toEqual({ piece: 13 + 1, line: 35 + 1 });
    // A one-line column's piece is its whole value.
    expect(due).toEqual({ piece: 14 + 1, line: 14 + 1 });
    // Its bold header is wider than any piece of its cells ("follow-up: " may break after "follow-").
    expect(action).toEqual({ piece: 'Action'.length + 2 + 1, line: 29 + 1 });
  });

  it('gives every column its widest piece, then room for whole lines, the short ones first', () => {
    const needs = [{ piece: 10, line: 40 }, { piece: 15, line: 15 }, { piece: 10, line: 100 }, { piece: 8, line: 12 }];
    const widths = fitColumns(needs, 100);
    expect(sum(widths)).toBeCloseTo(100);
    widths.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(needs[i]!.piece));
    // 57 to share: the 4 the last column lacks is well within an even share, so it gets all of it.
    expect(widths[3]).toBeCloseTo(12);
    // The rest goes in proportion to what each still lacks (30 and 90).
    expect(widths[0]).toBeCloseTo(10 + 53 * (30 / 120));
    expect(widths[2]).toBeCloseTo(10 + 53 * (90 / 120));
  });

  it('spreads what is left once every line fits', () => {
    const widths = fitColumns([{ piece: 5, line: 20 }, { piece: 5, line: 30 }], 100);
    expect(widths).toEqual([40, 60]);
  });

  it('lets a piece wider than a third of the table (a pasted link) break, without starving the other columns', () => {
    const widths = fitColumns([{ piece: 10, line: 30 }, { piece: 200, line: 200 }, { piece: 20, line: 30 }], 150);
    // Pieces 10, 50 and 20 leave 70: the link's column lacks 150, the others 20 and 10, so they get all they lack.
    expect(widths).toEqual([30, 90, 30]);
  });

  it('narrows only the columns with the widest pieces when even those cannot fit', () => {
    const widths = fitColumns([{ piece: 10, line: 10 }, { piece: 40, line: 40 }, { piece: 40, line: 50 }, { piece: 40, line: 40 }], 100);
    expect(widths).toEqual([10, 30, 30, 30]);
  });
});

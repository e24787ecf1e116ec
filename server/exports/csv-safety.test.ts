import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './csv-safety.js';

describe('neutraliseCell', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('prefixes %j with an apostrophe', (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it.each(['Safety plan', '', 'Ārani said "=1"', "'quoted", '2025-06-05'])('leaves %j as it is', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });
});

import type { Table } from './minutes-content.js';
import type { MeasureText } from './text-measure.js';

// Table columns sized to what they hold, the way a browser sizes an automatic table: no column is
// narrower than its longest word, so "Priority", "Unassigned", an agency's name or a long Māori
// name never breaks mid-word, and the space left goes to the columns whose text would wrap most.
// A hyphenated name may still break after its hyphen, as typesetters do: reserving room for the
// whole of it would starve the other columns and does not keep it whole after other words anyway.

/** What one column needs, padding included. */
export interface ColumnNeeds {
  /**
   * The widest piece no line break can split: a word, or the part of one up to a hyphen
   * ("Awekōtuku-"); in a column whose values stay on one line, the widest value.
   */
  piece: number;
  /** The widest line of its body cells unwrapped (a header may wrap between its words). */
  line: number;
}

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

// Line breakers (pdfkit's, LibreOffice's, Word's) may break after a hyphen before a letter,
// not before a digit ("W-0001" stays together).
const pieces = (word: string) => word.split(/(?<=-)(?=\p{L})/u);

/**
 * The needs of the columns of tables that share one set of columns (e.g. every agency's action
 * table), so that they can share one set of widths. A word is measured with the whitespace after
 * it, as pdfkit's line wrapper measures it (where a newline is as wide as a missing glyph).
 */
export function columnNeeds(tables: readonly Table[], measure: MeasureText, padding: number): ColumnNeeds[] {
  const columns = tables[0]?.columns ?? [];
  return columns.map((column, i) => {
    const needs = { piece: 0, line: 0 };
    const take = (text: string, header: boolean) => {
      for (const word of text.match(/\S+\s*/g) ?? []) {
        for (const piece of pieces(word)) needs.piece = Math.max(needs.piece, measure(piece, header));
      }
      if (header) return;
      for (const line of text.split('\n')) {
        const width = measure(line.trim(), false);
        needs.line = Math.max(needs.line, width);
        if (column.oneLine) needs.piece = Math.max(needs.piece, width);
      }
    };
    take(column.header, true);
    for (const table of tables) for (const row of table.rows) take(row[i] ?? '', false);
    return { piece: needs.piece + padding, line: Math.max(needs.line, needs.piece) + padding };
  });
}

/** No piece claims more than this share of the table: wider (a pasted link) it breaks anyway. */
const WIDEST_PIECE = 1 / 3;

/**
 * Widths for columns with these needs that sum to `available`: first every piece whole, then
 * every line unwrapped as far as the space allows; what is left over widens all columns in
 * proportion. Only when even the pieces cannot fit are the columns holding the widest ones
 * narrowed, and those alone break.
 */
export function fitColumns(needs: readonly ColumnNeeds[], available: number): number[] {
  if (needs.length === 0) return [];
  const floor = needs.map((n) => Math.min(n.piece, available * WIDEST_PIECE));
  if (sum(floor) >= available) return squeeze(floor, available);
  const lines = fillTowards(floor, needs.map((n) => n.line), available);
  const scale = available / sum(lines);
  return lines.map((w) => w * scale);
}

/** Caps the widest columns at one width so that all fit; the narrower ones keep theirs. */
function squeeze(widths: readonly number[], available: number): number[] {
  const ascending = [...widths].sort((a, b) => a - b);
  let rest = available;
  for (const [i, width] of ascending.entries()) {
    const cap = rest / (ascending.length - i);
    if (width > cap) return widths.map((w) => Math.min(w, cap));
    rest -= width;
  }
  return [...widths];
}

/**
 * Widens columns towards `target` within `available`. A column lacking no more than an even share
 * of the space left gets all it lacks (a short name stays on one line); the others share the rest in
 * proportion to what they lack, so the longest text gets the most room.
 */
function fillTowards(widths: readonly number[], target: readonly number[], available: number): number[] {
  const out = [...widths];
  const lack = target.map((t, i) => Math.max(0, t - (widths[i] ?? 0)));
  let spare = available - sum(widths);
  const open = new Set(lack.flatMap((l, i) => (l > 0 ? [i] : [])));
  for (let settled = true; settled && open.size > 0;) {
    settled = false;
    for (const i of open) {
      const need = lack[i] ?? 0;
      if (need <= spare / open.size) {
        out[i] = (out[i] ?? 0) + need;
        spare -= need;
        open.delete(i);
        settled = true;
      }
    }
  }
  const wanted = sum([...open].map((i) => lack[i] ?? 0));
  for (const i of open) out[i] = (out[i] ?? 0) + spare * ((lack[i] ?? 0) / wanted);
  return out;
}

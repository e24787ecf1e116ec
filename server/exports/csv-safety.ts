// A spreadsheet treats a cell starting with = + - @ (or a tab or carriage return before one) as a
// formula, so text typed in a meeting could run as one when an agency opens its action list
// (CSV/formula injection, OWASP). A leading apostrophe makes Excel and LibreOffice show the text
// as typed and never evaluate it.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { invalidTextReason } from '../../shared/valid-text.js';
import {
  childColumn, CsvRow, IMPORT_COLUMNS, ImportFormatError, MAX_IMPORT_ROWS, NAMED_CHILDREN_KEY, OPTIONAL_IMPORT_COLUMNS, parseRow, type ParsedRows,
} from './import-row.js';

// csv-parse's types do not describe its `info: true` output; this does, and checks it.
const ParsedRecords = z.array(z.object({ record: z.array(z.string()), info: z.object({ lines: z.number().int() }) }));

/**
 * Places a record's cells under their columns, nesting the dotted ones as the JSON form does. A
 * named child's cells (children.<n>.<field>) go into the list of named children, in order; a child
 * whose cells are all empty, after the last one named, is not named (a file may have columns for more
 * children than a row has). Positions are kept, so an error names the column the row has.
 */
function nest(header: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const out: Record<string, Record<string, string> | string | Record<string, string>[]> = {};
  const children = new Map<number, Record<string, string>>();
  header.forEach((column, i) => {
    const value = cells[i] ?? '';
    const child = childColumn(column);
    if (child) {
      const [position, field] = child;
      children.set(position, { ...(children.get(position) ?? { givenName: '', familyName: '', dob: '' }), [field]: value });
      return;
    }
    const [head = '', tail] = column.split('.', 2);
    if (tail === undefined) out[head] = value;
    else {
      const inner = out[head];
      out[head] = { ...(typeof inner === 'object' && !Array.isArray(inner) ? inner : {}), [tail]: value };
    }
  });
  const named = [...children.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  while (named.length && Object.values(named[named.length - 1]!).every((v) => v.trim() === '')) named.pop();
  out[NAMED_CHILDREN_KEY] = named;
  return out;
}

function checkHeader(header: readonly string[]): void {
  const known = new Set<string>([...IMPORT_COLUMNS, ...OPTIONAL_IMPORT_COLUMNS]);
  const unknown = header.filter((c) => !known.has(c) && !childColumn(c));
  const missing = IMPORT_COLUMNS.filter((c) => !header.includes(c));
  const repeated = header.filter((c, i) => header.indexOf(c) !== i);
  const problems = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    // A misspelt optional column would otherwise be dropped without a word.
    unknown.length ? `unknown ${unknown.join(', ')}` : '',
    repeated.length ? `repeated ${repeated.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) throw new ImportFormatError(`The header row must name the import columns: ${problems.join('; ')}`, 1);
}

/** Invalid text (NUL, control characters) means a corrupt or binary file: the whole file is refused. */
function checkText(cell: string, line: number, field: string): void {
  const reason = invalidTextReason(cell);
  if (reason) throw new ImportFormatError(`Invalid text on line ${line} in ${field}: ${reason}. Nothing was imported.`, line, field);
}

/**
 * Reads an import CSV (UTF-8, header row, optional BOM, CRLF or LF). Each row is reported by the
 * file line its record starts on, counting the header as line 1, so a quoted multi-line summary
 * does not shift the numbers of the rows after it.
 */
export function parseCsv(text: string): ParsedRows {
  // csv-parse miscounts lines inside quoted CRLF fields, so line ends become LF first.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: z.infer<typeof ParsedRecords>;
  try {
    records = ParsedRecords.parse(parse(normalised, {
      info: true, relax_column_count: true,
      // Spreadsheets leave blank lines and rows of bare commas at the end; neither is a row.
      skip_empty_lines: true, skip_records_with_empty_values: true,
    }));
  } catch (err) {
    if (err instanceof CsvError) {
      throw new ImportFormatError(`The file is not valid CSV: ${err.message}`, typeof err.lines === 'number' ? err.lines : null);
    }
    throw err;
  }
  const [first, ...body] = records;
  if (!first) throw new ImportFormatError('The file is empty: it needs a header row and one row per episode', null);
  first.record.forEach((cell, i) => checkText(cell, 1, `column ${i + 1}`));
  const header = first.record.map((c) => c.trim());
  checkHeader(header);
  if (body.length > MAX_IMPORT_ROWS) throw new ImportFormatError(`The file has ${body.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once`);

  const result: ParsedRows = { rows: [], errors: [] };
  for (const { record, info } of body) {
    // info.lines is the line the record ends on; the line breaks inside its cells lead back to its start.
    const breaks = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - breaks;
    record.forEach((cell, i) => checkText(cell, line, header[i] ?? `column ${i + 1}`));
    if (record.length !== header.length) {
      result.errors.push({ line, field: null, message: `has ${record.length} cell${record.length === 1 ? '' : 's'}; the header has ${header.length}` });
      continue;
    }
    const parsed = parseRow(CsvRow, line, nest(header, record));
    if (Array.isArray(parsed)) result.errors.push(...parsed);
    else result.rows.push(parsed);
  }
  return result;
}

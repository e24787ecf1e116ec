import { ImportFormatError, JsonRow, MAX_IMPORT_ROWS, parseRow, type ParsedRows } from './import-row.js';

/** Reads the JSON form: an array of §5 rows; each is reported by its index + 1. */
export function parseJson(body: unknown): ParsedRows {
  if (!Array.isArray(body)) throw new ImportFormatError('The JSON body must be an array of episodes');
  if (body.length > MAX_IMPORT_ROWS) throw new ImportFormatError(`The file has ${body.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once`);
  const result: ParsedRows = { rows: [], errors: [] };
  body.forEach((value: unknown, i) => {
    const parsed = parseRow(JsonRow, i + 1, value);
    if (Array.isArray(parsed)) result.errors.push(...parsed);
    else result.rows.push(parsed);
  });
  return result;
}

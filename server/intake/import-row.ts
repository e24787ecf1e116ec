import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ImportRowError } from '../../shared/api/intake.js';
import { EpisodeSource, IsoDate, NZ_TIME_ZONE, ProtectionOrder, RiskLevel } from '../../shared/domain.js';
import { ETHNIC_GROUPS, ethnicGroupOf, type EthnicGroup } from '../../shared/ethnicity.js';
import { LIMITS } from '../../shared/meeting-doc/index.js';
import { foldName } from '../../shared/names.js';
import { todayInNz } from '../../shared/nz-time.js';

// One episode row of the import (docs/architecture.md, Episode import). CSV cells are all text and JSON values are typed, so
// each field has two parsers that end in the same typed value; everything else is shared.

/** The §5 columns: a CSV header must have these (any order); JSON nests the dotted ones. */
export const IMPORT_COLUMNS = [
  'policeRef', 'occurredAt', 'area', 'source', 'summary',
  'personAtRisk.givenName', 'personAtRisk.familyName', 'personAtRisk.dob', 'personAtRisk.policePersonRef',
  'personUsingViolence.givenName', 'personUsingViolence.familyName', 'personUsingViolence.dob', 'personUsingViolence.policePersonRef',
  'children', 'protectionOrder', 'strangulation', 'weapons', 'safvr', 'dyra',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns a file may leave out: who the people are, when it is recorded. */
export const OPTIONAL_IMPORT_COLUMNS = [
  'personAtRisk.ethnicity', 'personAtRisk.iwi', 'personUsingViolence.ethnicity', 'personUsingViolence.iwi',
] as const;

/** Children a row may name: CSV columns children.1.givenName … children.10.dob; a JSON `children` array. */
export const MAX_NAMED_CHILDREN = 10;
export const CHILD_FIELDS = ['givenName', 'familyName', 'dob'] as const;
/** A CSV column naming a child's detail, e.g. children.2.dob: [position, field], or null. */
export function childColumn(column: string): [number, (typeof CHILD_FIELDS)[number]] | null {
  const match = /^children\.(\d{1,2})\.(givenName|familyName|dob)$/.exec(column);
  if (!match) return null;
  const position = Number(match[1]);
  const field = CHILD_FIELDS.find((f) => f === match[2]);
  return field && position >= 1 && position <= MAX_NAMED_CHILDREN ? [position, field] : null;
}

/** Where parsed rows keep the named children until they become ImportRow.childDetails. */
export const NAMED_CHILDREN_KEY = 'childDetails';

export interface ImportChild {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD. */
  dob: string | null;
}

export interface ImportPerson {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD. */
  dob: string | null;
  policePersonRef: string | null;
  /** Null when the row does not say. */
  ethnicity: EthnicGroup | null;
  /** Iwi affiliations; empty when the row names none. */
  iwi: string[];
}

export interface ImportRow {
  policeRef: string;
  occurredAt: Date;
  area: string;
  source: EpisodeSource;
  summary: string;
  personAtRisk: ImportPerson;
  personUsingViolence: ImportPerson;
  /** How many children were present; at least as many as are named. */
  children: number;
  /** The children the row names, in its order. */
  childDetails: ImportChild[];
  protectionOrder: ProtectionOrder;
  strangulation: boolean;
  weapons: boolean;
  safvr: number | null;
  dyra: RiskLevel | null;
}

export interface NumberedRow {
  line: number;
  row: ImportRow;
}

/** Far above a day's list (about 40), low enough that one transaction stays quick. */
export const MAX_IMPORT_ROWS = 5_000;

/** A file read into rows: the good ones to import and the bad ones to report. */
export interface ParsedRows {
  rows: NumberedRow[];
  errors: ImportRowError[];
}

/** The file as a whole could not be read (bad header, broken quoting, not an array, invalid text). */
export class ImportFormatError extends Error {
  constructor(message: string, readonly line: number | null = null, readonly field: string | null = null) {
    super(message);
  }
}

const required = (what: string) => ({ error: (iss: { input: unknown }) => (iss.input === undefined || iss.input === null ? 'required' : `must be ${what}`) });

// Names keep their macrons; NFC so "ā" typed as a + combining macron displays and compares as one letter.
const text = (max: number) =>
  z.string(required('text')).trim().min(1, 'required').max(max, `at most ${max} characters`).transform((s) => s.normalize('NFC'));

const POLICE_REF = /^[A-Za-z0-9][A-Za-z0-9./-]*$/;
const ref = z.string(required('text')).trim().min(1, 'required').max(LIMITS.policeRef, `at most ${LIMITS.policeRef} characters`)
  .regex(POLICE_REF, 'letters, digits, and . / - only');

const dob = IsoDate.refine((d) => d <= todayInNz(), 'is in the future');

// A person's full name must fit the meeting document's snapshot (LIMITS.personName for "given family").
const NAME_MAX = Math.floor((LIMITS.personName - 1) / 2);

/** ISO 8601 date and time; a space may stand for the T; no offset means Pacific/Auckland. */
const OCCURRED_AT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
// Police export times to the minute; a little slack covers clocks that disagree.
const FUTURE_SLACK_MS = 5 * 60_000;

export function parseOccurredAt(value: string): Date | null {
  if (!OCCURRED_AT.test(value)) return null;
  const dt = DateTime.fromISO(value.replace(' ', 'T'), { zone: NZ_TIME_ZONE });
  return dt.isValid ? dt.toJSDate() : null;
}

const occurredAt = z.string(required('text')).trim().transform((s, ctx) => {
  const date = parseOccurredAt(s);
  if (!date) {
    ctx.issues.push({ code: 'custom', input: s, message: 'must be an ISO 8601 date and time, e.g. 2026-03-01T21:40 or 2026-03-01 21:40+13:00' });
    return z.NEVER;
  }
  if (date.getTime() > Date.now() + FUTURE_SLACK_MS) {
    ctx.issues.push({ code: 'custom', input: s, message: 'is in the future' });
    return z.NEVER;
  }
  return date;
});

const count = z.number(required('a whole number')).int('must be a whole number').min(0, 'cannot be negative').max(99, 'at most 99');
const probability = z.number(required('a probability from 0 to 1')).min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');
const enumOf = <T extends string>(options: readonly T[]) => z.enum(options, { error: `must be one of ${options.join(', ')}` });

// Stats NZ level 1, written in any case, with or without macrons ("maori" is Māori).
const ethnicity = z.string().trim().transform((s, ctx) => {
  const group = ethnicGroupOf(s);
  if (!group) ctx.issues.push({ code: 'custom', input: s, message: `must be one of ${ETHNIC_GROUPS.join(', ')}` });
  return group ?? z.NEVER;
});

const MAX_IWI = 10;
const IWI_NAME_MAX = 100;
const IWI_NAME = /^\p{L}[\p{L}\p{M} '’()-]*$/u;
const iwiName = z.string().trim().min(1, { message: 'has an empty iwi name', abort: true }).max(IWI_NAME_MAX, `has an iwi name over ${IWI_NAME_MAX} characters`)
  .regex(IWI_NAME, 'iwi names are letters, spaces, hyphens and apostrophes').transform((s) => s.normalize('NFC'));
// Semicolon-separated; a trailing semicolon is forgiven, an empty name between two is not.
const iwiNames = z.array(iwiName).max(MAX_IWI, `at most ${MAX_IWI} iwi`)
  .refine((names) => new Set(names.map((n) => foldName(n))).size === names.length, 'names an iwi twice');
const iwiList = z.string().trim().transform((s) => (s === '' ? [] : s.replace(/;\s*$/, '').split(';'))).pipe(iwiNames);

interface FieldSchemas {
  ref: z.ZodType<string>;
  optionalRef: z.ZodType<string | null>;
  dob: z.ZodType<string | null>;
  count: z.ZodType<number>;
  flag: z.ZodType<boolean>;
  probability: z.ZodType<number | null>;
  source: z.ZodType<EpisodeSource>;
  protectionOrder: z.ZodType<ProtectionOrder>;
  dyra: z.ZodType<RiskLevel | null>;
  ethnicity: z.ZodType<EthnicGroup | null>;
  iwi: z.ZodType<string[]>;
}

function rowSchema(f: FieldSchemas, strict: boolean): z.ZodType<ImportRow> {
  const object = strict ? z.strictObject : z.object;
  const person = object({
    givenName: text(NAME_MAX),
    familyName: text(NAME_MAX),
    dob: f.dob,
    policePersonRef: f.optionalRef,
    ethnicity: f.ethnicity,
    iwi: f.iwi,
  });
  const child = object({ givenName: text(NAME_MAX), familyName: text(NAME_MAX), dob: f.dob });
  return object({
    policeRef: f.ref,
    occurredAt,
    area: text(LIMITS.area),
    source: f.source,
    // Summaries keep their line breaks, as one CRLF-free form.
    summary: text(LIMITS.episodeSummary).transform((s) => s.replace(/\r\n?/g, '\n')),
    personAtRisk: person,
    personUsingViolence: person,
    children: f.count,
    protectionOrder: f.protectionOrder,
    strangulation: f.flag,
    weapons: f.flag,
    safvr: f.probability,
    dyra: f.dyra,
    [NAMED_CHILDREN_KEY]: z.array(child).max(MAX_NAMED_CHILDREN, `at most ${MAX_NAMED_CHILDREN} children can be named`).default([]),
  }).superRefine(({ children, [NAMED_CHILDREN_KEY]: named }, ctx) => {
    // An empty count (0) with named children means "these children"; a count below them contradicts them.
    if (children > 0 && children < named.length) {
      ctx.addIssue({ code: 'custom', path: ['children'], message: `is ${children} but the row names ${named.length} children` });
    }
  }).superRefine(({ personAtRisk: a, personUsingViolence: b }, ctx) => {
    // Matching would make them one Person, and an episode needs two.
    if (a.policePersonRef !== null && a.policePersonRef === b.policePersonRef) {
      ctx.addIssue({ code: 'custom', path: ['personUsingViolence', 'policePersonRef'], message: 'is the same person as the person at risk' });
    } else if (
      (a.policePersonRef === null || b.policePersonRef === null) && a.dob !== null && a.dob === b.dob
      && foldName(a.givenName, a.familyName) === foldName(b.givenName, b.familyName)
    ) {
      ctx.addIssue({ code: 'custom', path: ['personUsingViolence'], message: 'has the same name and date of birth as the person at risk' });
    }
  }).transform(({ [NAMED_CHILDREN_KEY]: childDetails, ...row }) => ({ ...row, children: Math.max(row.children, childDetails.length), childDetails }));
}

// CSV: every cell is text; an empty cell means "not given".
const cell = z.string().trim();
const emptyAs = <T>(fallback: T) => (s: string) => (s === '' ? fallback : s);

/** One CSV record, with its cells already placed under their (nested) column names. */
export const CsvRow = rowSchema({
  ref,
  optionalRef: cell.transform(emptyAs(null)).pipe(ref.nullable()),
  dob: cell.transform(emptyAs(null)).pipe(dob.nullable()),
  count: cell.regex(/^\d*$/, 'must be a whole number').transform((s) => (s === '' ? 0 : Number(s))).pipe(count),
  // Spreadsheets write TRUE/FALSE; an empty cell is false, like the column's default.
  flag: cell.toLowerCase().pipe(z.enum(['', 'true', 'false'], { error: 'must be true or false' })).transform((s) => s === 'true'),
  probability: cell.transform((s) => (s === '' ? null : Number(s))).pipe(probability.nullable()),
  source: cell.toUpperCase().pipe(enumOf(EpisodeSource.options)),
  protectionOrder: cell.toUpperCase().transform(emptyAs('NONE')).pipe(enumOf(ProtectionOrder.options)),
  dyra: cell.toUpperCase().transform(emptyAs(null)).pipe(enumOf(RiskLevel.options).nullable()),
  // A file without the column has no cell: the same as an empty one.
  ethnicity: cell.optional().transform((s) => s || null).pipe(ethnicity.nullable()),
  iwi: cell.optional().transform((s) => s ?? '').pipe(iwiList),
}, false);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One JSON array element: typed values; absent or null optional fields take their defaults.
 * `children` is a count, or the children themselves (the count is then how many it names).
 */
export const JsonRow = z.preprocess((v) => (isRecord(v) && Array.isArray(v.children) ? { ...v, children: null, [NAMED_CHILDREN_KEY]: v.children } : v), rowSchema({
  ref,
  optionalRef: ref.nullish().transform((v) => v ?? null),
  dob: dob.nullish().transform((v) => v ?? null),
  count: count.nullish().transform((v) => v ?? 0),
  flag: z.boolean({ error: 'must be true or false' }).nullish().transform((v) => v ?? false),
  probability: probability.nullish().transform((v) => v ?? null),
  source: enumOf(EpisodeSource.options),
  protectionOrder: enumOf(ProtectionOrder.options).nullish().transform((v) => v ?? 'NONE'),
  dyra: enumOf(RiskLevel.options).nullish().transform((v) => v ?? null),
  ethnicity: ethnicity.nullish().transform((v) => v ?? null),
  // A semicolon-separated string as in the CSV, or an array of names.
  iwi: z.union([iwiList, iwiNames], { error: 'must be text or a list of iwi names' })
    .nullish().transform((v) => v ?? []),
}, true));

/** An issue's path as the file names the field: a named child by its 1-based place, as in the CSV columns. */
function fieldName(path: readonly PropertyKey[]): string | null {
  if (!path.length) return null;
  const [head, position, ...rest] = path;
  if (head === NAMED_CHILDREN_KEY) return ['children', ...(typeof position === 'number' ? [position + 1] : []), ...rest].map(String).join('.');
  return path.map(String).join('.');
}

/** Parses one row; a failure becomes one error per bad field, named as in the §5 column list. */
export function parseRow(schema: z.ZodType<ImportRow>, line: number, value: unknown): NumberedRow | ImportRowError[] {
  const result = schema.safeParse(value);
  if (result.success) return { line, row: result.data };
  return result.error.issues.map((issue) => ({ line, field: fieldName(issue.path), message: issue.message }));
}

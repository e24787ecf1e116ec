import { readFile } from 'node:fs/promises';
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { ConfigError } from '../config.js';

// How long each kind of record is kept, after which event, and what happens then. An organisation
// sets these from its approved disposal schedule (RETENTION_RULES_FILE); the defaults below are
// examples it must confirm, as the README says.

/** An ISO 8601 duration such as P7Y or P90D. */
const KeepFor = z.string().refine((v) => Duration.fromISO(v).isValid && Duration.fromISO(v).toMillis() > 0, 'an ISO 8601 duration such as P7Y or P90D');

const rule = <A extends z.ZodType, T extends [string, ...string[]]>(after: A, then: T) =>
  z.strictObject({ after, keepFor: KeepFor, then: z.enum(then) });

export const RetentionRules = z.strictObject({
  /**
   * A closed case: its people, episodes, decisions, actions, disclosures and the documents and
   * minutes that show them are anonymised. Deleting the rows would take other families' minutes
   * and the meeting's attendance with them, so anonymising is the one action.
   */
  closedCase: rule(z.literal('caseClosed'), ['anonymise']),
  /** A meeting's shared document and its update log; the records keep what was decided. */
  meetingDocuments: rule(z.literal('meetingClosed'), ['delete']),
  /** Each agency's private preparation for a meeting. */
  prepDocuments: rule(z.literal('meetingClosed'), ['delete']),
  /** Stored minutes versions: deleted, or first written to the transfer folder for an archive. */
  minutesVersions: rule(z.literal('meetingClosed'), ['delete', 'transfer-then-delete']),
  /**
   * The audit trail is kept: its rows are a hash chain that verifies from its start, and a
   * disposal certificate lives in it. `keepFor` states the period for the schedule.
   */
  auditEvents: rule(z.literal('recorded'), ['keep']),
});
export type RetentionRules = z.infer<typeof RetentionRules>;
export type RecordKind = keyof RetentionRules;

export const DEFAULT_RETENTION_RULES: RetentionRules = {
  closedCase: { after: 'caseClosed', keepFor: 'P7Y', then: 'anonymise' },
  meetingDocuments: { after: 'meetingClosed', keepFor: 'P2Y', then: 'delete' },
  prepDocuments: { after: 'meetingClosed', keepFor: 'P90D', then: 'delete' },
  minutesVersions: { after: 'meetingClosed', keepFor: 'P7Y', then: 'transfer-then-delete' },
  auditEvents: { after: 'recorded', keepFor: 'P10Y', then: 'keep' },
};

/** The rules from a JSON file, or the defaults; a bad file stops start-up naming the file and field. */
export async function loadRetentionRules(file: string | undefined): Promise<RetentionRules> {
  if (!file) return DEFAULT_RETENTION_RULES;
  const text = await readFile(file, 'utf8').catch((err: unknown) => {
    throw new ConfigError(`RETENTION_RULES_FILE: cannot read ${file}: ${(err as Error).message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`RETENTION_RULES_FILE: ${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = RetentionRules.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new ConfigError(`RETENTION_RULES_FILE: ${file} is not a valid retention schedule:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The moment before which the rule's event must have happened for a record to be due. */
export const cutoff = (keepFor: string, now: Date): Date => DateTime.fromJSDate(now).minus(Duration.fromISO(keepFor)).toJSDate();

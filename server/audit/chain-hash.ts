import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../shared/canonical-json.js';

/** The previous hash of the very first row. */
export const CHAIN_START = '0'.repeat(64);

/**
 * The row where the keyed chain begins. Rows before it were written by older versions with a
 * plain sha256 chain anyone could recompute; from it on every row's hash is an HMAC.
 */
export const KEYED_START_ACTION = 'audit.keyed_chain_start';

/** What the keyed start row records: which key the chain is written with. */
export const KeyedStartDetails = z.object({ keyFingerprint: z.string(), legacyRows: z.number().int() });
export type KeyedStartDetails = z.infer<typeof KeyedStartDetails>;

export interface ChainedRow {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  meetingId: string | null;
  details: unknown;
  prevHash: string;
}

function canonicalRow(row: ChainedRow): string {
  return canonicalJson([
    row.prevHash, row.at.toISOString(), row.actorId, row.actorLabel, row.action,
    row.subjectType, row.subjectId, row.meetingId, row.details,
  ]);
}

/** The keyed hash: without the key nobody can produce a row, or recompute the rows after one they changed. */
export function keyedRowHash(key: string, row: ChainedRow): string {
  return createHmac('sha256', key).update(canonicalRow(row)).digest('hex');
}

/** The unkeyed hash rows before the keyed chain's start were written with. */
export function legacyRowHash(row: ChainedRow): string {
  return createHash('sha256').update(canonicalRow(row)).digest('hex');
}

/** Names the key without revealing it, so a process started with another key is refused. */
export function keyFingerprint(key: string): string {
  return createHmac('sha256', key).update('SAM Room audit key fingerprint').digest('hex').slice(0, 16);
}

/** The HMAC that makes a checkpoint line unforgeable. */
export function checkpointMac(key: string, seq: string, headHash: string, at: string): string {
  return createHmac('sha256', key).update(canonicalJson(['checkpoint', seq, headHash, at])).digest('hex');
}

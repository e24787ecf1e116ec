import type { Db } from '../db/client.js';
import { CHAIN_START, KEYED_START_ACTION, KeyedStartDetails, keyFingerprint, keyedRowHash, legacyRowHash } from './chain-hash.js';
import type { Checkpoint, CheckpointRead } from './checkpoint-file.js';

interface Counts {
  /** Rows verified (before the break, when broken). */
  rows: number;
  /** Of those, rows from before the keyed chain began: only sha256-chained. */
  legacyRows: number;
  /** Checkpoints the rows were compared with. */
  checkpoints: number;
}

export type TrailVerdict =
  | ({ ok: true } & Counts)
  | ({ ok: false; brokenAt: bigint | null; reason: string } & Counts);

/**
 * Walks the whole trail in order: every row must link to the one before and carry its hash (an
 * HMAC from the keyed start on), and every checkpoint's row must still be there with the hash the
 * checkpoint recorded. Returns the first thing that is wrong.
 */
export async function verifyTrail(db: Db, key: string, file: CheckpointRead): Promise<TrailVerdict> {
  const counts: Counts = { rows: 0, legacyRows: 0, checkpoints: 0 };
  const broken = (brokenAt: bigint | null, reason: string): TrailVerdict => ({ ok: false, ...counts, brokenAt, reason });
  const start = await db.auditEvent.findFirst({ where: { action: KEYED_START_ACTION }, orderBy: { seq: 'asc' }, select: { seq: true, details: true } });
  if (start) {
    const recorded = KeyedStartDetails.safeParse(start.details);
    const ours = keyFingerprint(key);
    if (recorded.success && recorded.data.keyFingerprint !== ours) {
      return broken(null, `this is not the key the trail was written with (the trail's key fingerprint is ${recorded.data.keyFingerprint}, this key's is ${ours}): use the server's AUDIT_KEY or DATA_DIR`);
    }
  }
  if (file.bad) return broken(null, `checkpoint file line ${file.bad.line}: ${file.bad.reason}`);

  const pending: Checkpoint[] = [...file.checkpoints].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : a.line - b.line));
  let next = 0;
  let prevHash = CHAIN_START;
  let cursor: bigint | undefined;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: 1000,
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      const skipped = pending[next];
      if (skipped && skipped.seq < row.seq) {
        return broken(skipped.seq, `row seq=${skipped.seq} is missing, but the checkpoint of ${skipped.at} recorded it as the head: rows were deleted`);
      }
      if (row.prevHash !== prevHash) {
        return broken(row.seq, 'previous-hash link broken (a row before it was removed or changed)');
      }
      const keyed = start !== null && row.seq >= start.seq;
      if (keyed && keyedRowHash(key, row) !== row.hash) {
        return broken(row.seq, 'content does not match its keyed hash (changed, or written without the audit key)');
      }
      if (!keyed && legacyRowHash(row) !== row.hash) return broken(row.seq, 'content does not match its hash');
      for (; pending[next]?.seq === row.seq; next++) {
        const checkpoint = pending[next]!;
        if (checkpoint.headHash !== row.hash) {
          return broken(row.seq, `row seq=${row.seq} differs from the checkpoint of ${checkpoint.at}: the trail was rewritten up to here`);
        }
        counts.checkpoints += 1;
      }
      prevHash = row.hash;
      counts.rows += 1;
      if (!keyed) counts.legacyRows += 1;
      cursor = row.seq;
    }
  }
  const beyond = pending.at(-1);
  if (beyond && next < pending.length) {
    const end = cursor === undefined ? 'the trail is empty' : `the trail ends at seq=${cursor}`;
    return broken(beyond.seq, `${end}, but the checkpoint of ${beyond.at} recorded seq=${beyond.seq} as the head: the newest rows were deleted`);
  }
  if (!start && counts.rows > 0) {
    return broken(null, `no keyed chain: all ${counts.rows} rows are unkeyed and could have been rewritten by anyone with database access (a server start begins the keyed chain)`);
  }
  return { ok: true, ...counts };
}

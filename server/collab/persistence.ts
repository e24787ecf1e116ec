import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { z } from 'zod';
import type { Sql, SqlQuery } from '../db/sql.js';
import type { Logger } from '../logger.js';

/**
 * Who wrote a stored update: on a meeting its participant, on a family's plan (opened as staff, not
 * as a meeting's participant) the staff account; neither for the server's own edits.
 */
export interface DocWriter {
  participantId: string | null;
  userId: string | null;
}

export const SERVER_WRITER: DocWriter = { participantId: null, userId: null };

interface Pending {
  doc: string;
  bytes: Uint8Array;
  writer: DocWriter;
  stored: () => void;
}

/**
 * How long updates wait to share one write. Nobody waits on it to see an edit: other processes get
 * each update on receipt, before it is stored (`SharedDoc`), so fewer, larger writes save CPU per
 * edit, all the more with the embedded database, whose thread shares this process's cores.
 * (Clients resend whatever a crash lost in between; a peer stores what it heard and never saw
 * confirmed, unstored-updates.ts.)
 */
export function flushDelayFor(db: 'postgres' | 'pglite'): number {
  return db === 'pglite' ? 100 : 50;
}
const BATCH_ROWS = 500;

// seq is a bigint: read as text, compared in SQL.
const SnapshotRow = z.object({ state: z.instanceof(Uint8Array), upToSeq: z.string() });
const UpdateRow = z.object({ seq: z.string(), bytes: z.instanceof(Uint8Array) });

/** The stored snapshot of a document and the updates after it, in order. */
async function readStored(query: SqlQuery, doc: string) {
  const [snapshotRow] = await query('SELECT state, "upToSeq"::text AS "upToSeq" FROM "DocSnapshot" WHERE doc = $1', [doc]);
  const snapshot = snapshotRow ? SnapshotRow.parse(snapshotRow) : null;
  const rows = await query(
    'SELECT seq::text AS seq, bytes FROM "DocUpdate" WHERE doc = $1 AND seq > $2::bigint ORDER BY seq',
    [doc, snapshot?.upToSeq ?? '0'],
  );
  return { snapshot, updates: rows.map((row) => UpdateRow.parse(row)) };
}

/**
 * The document store: every applied update is appended to DocUpdate with who sent it (batched,
 * written within 15–100 ms of receipt) and merged into DocSnapshot by compaction. Loading reads the
 * snapshot plus the updates after it. Updates are never deleted: they are each field's history.
 * It speaks plain SQL (see db/sql.ts): these are the busiest statements the server runs.
 */
export class DocPersistence {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly sinceCompaction = new Map<string, number>();
  private readonly batchListeners: ((seconds: number, rows: number) => void)[] = [];

  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
    private readonly flushDelayMs: number = flushDelayFor('postgres'),
    // Compaction merges the whole document in this thread: rarely enough not to stall a busy room,
    // often enough that a load merges at most this many updates.
    private readonly compactEvery = 2000,
  ) {}

  /** The stored state of a document as one update, or null when nothing is stored. */
  async load(doc: string): Promise<Uint8Array | null> {
    const parts = await this.loadParts(doc);
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
  }

  /** The stored snapshot and the updates after it, in order (none when nothing is stored), unmerged. */
  async loadParts(doc: string): Promise<Uint8Array[]> {
    // No transaction needed: updates are never deleted, so a snapshot read first never skips one.
    const { snapshot, updates } = await readStored(this.sql.query, doc);
    const parts = [...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.bytes)];
    if (parts.length > 0) this.sinceCompaction.set(doc, updates.length);
    return parts;
  }

  /** Queues an update; resolves once it is stored (a failed write is retried until it is). */
  append(doc: string, bytes: Uint8Array, writer: DocWriter): Promise<void> {
    return new Promise((stored) => {
      this.pending.push({ doc, bytes, writer, stored });
      if (this.pending.length >= BATCH_ROWS) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
    });
  }

  /** Hears how long each stored batch's statement took (the operator's metrics). */
  onBatchStored(listener: (seconds: number, rows: number) => void): void {
    this.batchListeners.push(listener);
  }

  /** Whether some of this document's updates are not stored yet. */
  hasPending(doc: string): boolean {
    return this.pending.some((p) => p.doc === doc);
  }

  /** Resolves when everything appended so far is stored (or has failed and been re-queued). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  /**
   * Shutdown: stores everything queued, retrying a failed write a few times rather than leaving
   * it to a retry timer the exiting process would never run. Resolves false if some edits could
   * still not be stored (clients resend them when they reconnect).
   */
  async drain(attempts = 5, retryMs = 500): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      await this.flush();
      if (this.pending.length === 0) return true;
      if (attempt === attempts) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.log.error({ rows: this.pending.length }, 'document updates not stored at shutdown');
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs * attempt));
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const started = performance.now();
    try {
      const params: unknown[] = [[...new Set(batch.map((p) => `doc:${p.doc}`))]];
      // A document's name and a writer's id are sent once per batch, however many of its rows
      // share them (a busy room's batch is one document, its writers often the same few), and an
      // absent writer is a NULL in the statement: the driver encodes fewer parameters per edit.
      const numbered = new Map<string, number>();
      const param = (value: string) => {
        let n = numbered.get(value);
        if (n === undefined) numbered.set(value, (n = params.push(value)));
        return `$${n}::text`;
      };
      // A writer deleted meanwhile (a training site's reset takes its participants) leaves the
      // edit stored without a name: a dangling reference would fail the whole batch, every retry.
      const writer = (table: string, id: string | null) => (id === null ? 'NULL' : `(SELECT id FROM "${table}" WHERE id = ${param(id)})`);
      const rows = batch.map((p) => {
        const bytes = params.push(p.bytes);
        return `(${param(p.doc)}, $${bytes}::bytea, ${writer('Participant', p.writer.participantId)}, ${writer('User', p.writer.userId)})`;
      });
      // One statement, so one round trip per batch. Shared per-document locks: writers never wait
      // for each other, but compaction (exclusive) waits until every write that already drew a seq
      // has committed — else a snapshot could cover seq 11 while seq 10 is still uncommitted, and a
      // later load would skip 10. The locks are the statement's one-time filter, which PostgreSQL
      // evaluates before the first row is inserted, so before any seq is drawn; they are held until
      // the statement's own transaction commits.
      await this.sql.query(
        `INSERT INTO "DocUpdate" (doc, bytes, "participantId", "userId")
         SELECT * FROM (VALUES ${rows.join(', ')}) AS batch
         WHERE (SELECT count(pg_advisory_xact_lock_shared(hashtext(k))) FROM unnest($1::text[]) AS k) >= 0`,
        params,
      );
    } catch (err) {
      // Keep the edits: they go out again with the next flush.
      this.log.error({ err, rows: batch.length }, 'storing document updates failed; will retry');
      this.pending = [...batch, ...this.pending];
      this.timer ??= setTimeout(() => void this.flush(), 1000);
      return;
    }
    const seconds = (performance.now() - started) / 1000;
    for (const listener of this.batchListeners) listener(seconds, batch.length);
    for (const p of batch) p.stored();
    const touched = new Map<string, number>();
    for (const p of batch) touched.set(p.doc, (touched.get(p.doc) ?? 0) + 1);
    for (const [doc, n] of touched) {
      const count = (this.sinceCompaction.get(doc) ?? 0) + n;
      this.sinceCompaction.set(doc, count);
      if (count >= this.compactEvery) void this.compact(doc);
    }
  }

  /**
   * Merges the snapshot and the updates after it into a new snapshot, from the database alone,
   * so updates written by other processes are never skipped. One compactor per document at a time.
   */
  async compact(doc: string): Promise<void> {
    this.sinceCompaction.set(doc, 0);
    try {
      await this.sql.transaction(async (query) => {
        await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`doc:${doc}`]);
        const { snapshot, updates } = await readStored(query, doc);
        const last = updates.at(-1);
        if (!last) return;
        const state = Y.mergeUpdates([...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.bytes)]);
        await query(
          `INSERT INTO "DocSnapshot" (doc, state, "upToSeq", "updatedAt") VALUES ($1, $2, $3::bigint, now())
           ON CONFLICT (doc) DO UPDATE SET state = EXCLUDED.state, "upToSeq" = EXCLUDED."upToSeq", "updatedAt" = now()`,
          [doc, state, last.seq],
        );
      });
    } catch (err) {
      this.log.error({ err, doc }, 'compacting document failed');
    }
  }
}

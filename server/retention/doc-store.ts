import * as Y from 'yjs';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';
import type { Sql } from '../db/sql.js';

// Disposal works on the document store beneath the content plane: a document's update log is its
// history, and that history holds every name ever typed. Both functions take the same exclusive
// per-document lock as compaction (collab/persistence.ts), so no write that drew a sequence number
// is half-seen.

const lockDoc = 'SELECT pg_advisory_xact_lock(hashtext($1))';
const Row = z.object({ state: z.instanceof(Uint8Array), upToSeq: z.string() });
const UpdateRow = z.object({ seq: z.string(), bytes: z.instanceof(Uint8Array) });

/**
 * Replaces a document's stored snapshot and update log with one snapshot of its current state.
 * Loading into a Y.Doc garbage-collects deleted content, so text and values that were replaced
 * are gone from the new snapshot, and the log that held them is deleted.
 */
export async function squashDoc(sql: Sql, doc: string): Promise<void> {
  await sql.transaction(async (query) => {
    await query(lockDoc, [`doc:${doc}`]);
    const [row] = await query('SELECT state, "upToSeq"::text AS "upToSeq" FROM "DocSnapshot" WHERE doc = $1', [doc]);
    const snapshot = row ? Row.parse(row) : null;
    const updates = (await query(
      'SELECT seq::text AS seq, bytes FROM "DocUpdate" WHERE doc = $1 AND seq > $2::bigint ORDER BY seq',
      [doc, snapshot?.upToSeq ?? '0'],
    )).map((u) => UpdateRow.parse(u));
    const ydoc = new Y.Doc({ gc: true });
    if (snapshot) Y.applyUpdate(ydoc, snapshot.state);
    for (const u of updates) Y.applyUpdate(ydoc, u.bytes);
    const upToSeq = updates.at(-1)?.seq ?? snapshot?.upToSeq ?? '0';
    await query(
      `INSERT INTO "DocSnapshot" (doc, state, "upToSeq", "updatedAt") VALUES ($1, $2, $3::bigint, now())
       ON CONFLICT (doc) DO UPDATE SET state = EXCLUDED.state, "upToSeq" = EXCLUDED."upToSeq", "updatedAt" = now()`,
      [doc, Y.encodeStateAsUpdate(ydoc), upToSeq],
    );
    await query('DELETE FROM "DocUpdate" WHERE doc = $1', [doc]);
    ydoc.destroy();
  });
}

/** Deletes a document's snapshot and update log; returns whether anything was stored. */
export async function deleteStoredDoc(sql: Sql, doc: string): Promise<boolean> {
  return sql.transaction(async (query) => {
    await query(lockDoc, [`doc:${doc}`]);
    const updates = await query('DELETE FROM "DocUpdate" WHERE doc = $1 RETURNING seq', [doc]);
    const snapshots = await query('DELETE FROM "DocSnapshot" WHERE doc = $1 RETURNING doc', [doc]);
    return updates.length + snapshots.length > 0;
  });
}

/** Stored prep documents (`prep:<meetingId>:<agency>`) of these meetings, by meeting. */
export async function storedPrepDocs(db: Db | Prisma.TransactionClient, meetingIds: string[]): Promise<Map<string, string[]>> {
  const where = { OR: meetingIds.map((id) => ({ doc: { startsWith: `prep:${id}:` } })) };
  const names = new Set([
    ...(await db.docSnapshot.findMany({ where, select: { doc: true } })).map((d) => d.doc),
    ...(await db.docUpdate.groupBy({ by: ['doc'], where })).map((d) => d.doc),
  ]);
  const byMeeting = new Map<string, string[]>();
  for (const name of [...names].sort()) {
    const meetingId = name.split(':')[1]!; // matched `prep:<id>:` above
    byMeeting.set(meetingId, [...(byMeeting.get(meetingId) ?? []), name]);
  }
  return byMeeting;
}

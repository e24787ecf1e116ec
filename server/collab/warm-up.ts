import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { listItems, meetingDocName, validateDocShape, validateItem, type Author } from '../../shared/meeting-doc/index.js';
import type { LiveAccess } from '../access/live-access.js';
import type { Principal } from '../auth/principal.js';
import type { SessionStore } from '../auth/sessions.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { resolveDocAccess } from './access.js';
import type { ContentPlane } from './content-plane.js';
import { openOverLoopback } from './loopback-open.js';

/** Whom the warm-up's client writes as: a role and agency every open of a meeting may have. */
const WARM_UP_AUTHOR: Author = { agency: 'POLICE', role: 'REP' };
/** Longer than a 300-item open on a loaded machine; a start does not wait past it. */
const SYNC_TIMEOUT_MS = 10_000;
/**
 * Meetings opened: the second open meets code the first left optimized for one document's shapes
 * and closures (compaction's string lookup is a closure per document), and V8 deoptimizes it; one
 * open left ~22 functions to compile during the first real open, two left ~12.
 */
const RUNS = 2;
/**
 * Someone nobody knows, who reaches every site: asking whether they may open a meeting runs the
 * access check's queries, finds no participant row, and is refused without writing anything.
 */
function stranger(): Principal {
  return {
    kind: 'staff', sessionId: 'warm-up', sessionExpiresAt: new Date(0), userId: randomUUID(), email: 'warm-up@invalid', displayName: 'warm-up',
    role: 'REP', agency: { id: 'warm-up', code: 'warm-up', name: 'warm-up', kind: 'OTHER' }, siteId: 'warm-up', national: true, trainingSite: false, secondFactor: 'none',
  };
}

/**
 * Before the first person opens a meeting, an open is run on the meetings not closed with the most
 * items, as the first real one will run it: the session lookup and the access check (with a
 * token and a person that do not exist), then the document loaded by a registry built as the
 * content plane's is (its extensions: agenda sync, authority, compaction) and synced to a client
 * over a real websocket on a loopback port, through the plane's own connection handling. Prisma
 * plans each query on first use and V8 compiles lazily, on the closures and shapes it meets; a
 * warm-up on copies of the path left the first open paying most of it again. The scratch registry
 * reads the store but never writes, publishes or audits, and is closed after, so nothing is stored,
 * loaded or audited. Best effort: a failure only leaves the first open as slow as before.
 */
export async function warmOpenPaths(db: Db, sessions: SessionStore, docs: ContentPlane, liveAccess: LiveAccess, log: Logger): Promise<void> {
  const started = performance.now();
  try {
    // The largest list still open: one pass over a few items leaves Yjs's decoding and the
    // records' mapping half-compiled, and the first open after a start was still 2-3 times a warm one.
    const meetings = await db.meeting.findMany({
      where: { status: { not: 'CLOSED' } }, orderBy: [{ agendaItems: { _count: 'desc' } }, { date: 'desc' }], select: { id: true }, take: RUNS,
    });
    const first = meetings[0];
    if (!first) return;
    await Promise.all([sessions.resolve(`warm-up-${randomUUID()}`), resolveDocAccess(db, stranger(), meetingDocName(first.id))]);
    for (const { id } of meetings) {
      const registry = docs.scratchRegistry();
      try {
        const lease = await registry.lease({ kind: 'meeting', meetingId: id });
        try {
          const replyBytes = await openOverLoopback(lease, liveAccess, WARM_UP_AUTHOR, SYNC_TIMEOUT_MS);
          // What the authority runs on a client's first edits.
          validateDocShape(lease.shared.doc, 'meeting');
          const items = listItems(lease.shared.doc);
          for (const item of items) validateItem(item);
          log.info({ items: items.length, replyBytes, ms: Math.round(performance.now() - started) }, 'open paths warmed');
        } finally {
          lease.release();
        }
      } finally {
        await registry.close();
      }
    }
  } catch (err) {
    log.warn({ err }, 'warming the open paths failed; the first open will be slower');
  }
}

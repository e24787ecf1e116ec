import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { getItem, listItems, meetingDocName, validateDocShape, validateItem } from '../../shared/meeting-doc/index.js';
import type { Principal } from '../auth/principal.js';
import type { SessionStore } from '../auth/sessions.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { agendaItemInits } from '../records/agenda-snapshot.js';
import { resolveDocAccess } from './access.js';
import { seedItems } from './item-seed.js';
import type { DocPersistence } from './persistence.js';
import { ServerOrigin } from './origins.js';
import { decodeClientMessage, encodeSyncStep1, encodeSyncStep2 } from './protocol.js';
import { SharedDoc } from './shared-doc.js';

const WARM_UP = new ServerOrigin('warm-up');

/** Stores and tells nobody: the scratch document's edits go nowhere. */
const NOWHERE = { persist: () => Promise.resolve(), publish: () => {}, onEmpty: () => {} };

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
 * Before the first person opens a meeting, everything an open runs is run once on the meeting
 * not closed with the most items, read-only: the session lookup and the access check (with a token and
 * a person that do not exist), the stored document's and the agenda's reads, building the document
 * in a scratch `SharedDoc` whose edits go nowhere, the authority's checks, and the sync reply's
 * encoding. Prisma plans each query on first use and V8 compiles lazily; that was most of what the
 * first open after a start paid over later ones. Nothing is stored, loaded or audited. Best effort:
 * a failure only leaves the first open as slow as before.
 */
export async function warmOpenPaths(db: Db, sessions: SessionStore, persistence: DocPersistence, log: Logger): Promise<void> {
  const started = performance.now();
  try {
    // The largest list still open: one pass over a few items leaves Yjs's decoding and the
    // records' mapping half-compiled, and the first open after a start was still 2-3 times a warm one.
    const meeting = await db.meeting.findFirst({
      where: { status: { not: 'CLOSED' } }, orderBy: [{ agendaItems: { _count: 'desc' } }, { date: 'desc' }], select: { id: true },
    });
    if (!meeting) return;
    const name = meetingDocName(meeting.id);
    const [, , inits, parts] = await Promise.all([
      sessions.resolve(`warm-up-${randomUUID()}`),
      resolveDocAccess(db, stranger(), name),
      agendaItemInits(db, meeting.id),
      persistence.loadParts(name),
    ]);
    const scratch = new SharedDoc(name, { kind: 'meeting', meetingId: meeting.id }, NOWHERE, Number.MAX_SAFE_INTEGER, log);
    try {
      scratch.loadStored(parts);
      seedItems(scratch.doc, inits.filter((init) => !getItem(scratch.doc, init.id)), WARM_UP);
      validateDocShape(scratch.doc, 'meeting');
      for (const item of listItems(scratch.doc)) validateItem(item);
      const request = decodeClientMessage(encodeSyncStep1(new Y.Doc()));
      if (request.type !== 'sync-step-1') return;
      const reply = encodeSyncStep2(scratch.doc, request.stateVector);
      // A stored document loads through the same path: the reply's update, as one stored part.
      const reloaded = new SharedDoc(name, { kind: 'meeting', meetingId: meeting.id }, NOWHERE, Number.MAX_SAFE_INTEGER, log);
      reloaded.loadStored([Y.encodeStateAsUpdate(scratch.doc)]);
      reloaded.destroy();
      log.info({ items: inits.length, storedParts: parts.length, replyBytes: reply.length, ms: Math.round(performance.now() - started) }, 'open paths warmed');
    } finally {
      scratch.destroy();
    }
  } catch (err) {
    log.warn({ err }, 'warming the open paths failed; the first open will be slower');
  }
}

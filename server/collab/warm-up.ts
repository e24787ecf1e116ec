import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { listItems, validateDocShape, validateItem } from '../../shared/meeting-doc/index.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { agendaItemInits } from '../records/agenda-snapshot.js';
import { seedItems } from './item-seed.js';
import type { DocPersistence } from './persistence.js';
import { ServerOrigin } from './origins.js';

const WARM_UP = new ServerOrigin('warm-up');

/**
 * Before the first person opens a meeting: the agenda's queries are planned (Prisma compiles each
 * query's plan on first use), the document store's reads run once, and building, checking and
 * encoding a meeting document is compiled by V8, on the latest meeting's records, in a scratch
 * document nobody sees and nothing stores. That
 * was most of what the first open after a start paid over later ones. Best effort: a failure only
 * leaves the first open as slow as before.
 */
export async function warmDocumentPaths(db: Db, persistence: DocPersistence, log: Logger): Promise<void> {
  const started = performance.now();
  try {
    const meeting = await db.meeting.findFirst({ orderBy: { date: 'desc' }, select: { id: true } });
    if (!meeting) return;
    const [inits] = await Promise.all([agendaItemInits(db, meeting.id), persistence.load('meeting:warm-up')]);
    const scratch = new Y.Doc();
    seedItems(scratch, inits, WARM_UP);
    validateDocShape(scratch, 'meeting');
    for (const item of listItems(scratch)) validateItem(item);
    Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(scratch));
    scratch.destroy();
    log.info({ items: inits.length, ms: Math.round(performance.now() - started) }, 'document paths warmed');
  } catch (err) {
    log.warn({ err }, 'warming the document paths failed; the first open will be slower');
  }
}

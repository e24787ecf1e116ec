import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logger.js';
import type { AgendaSync } from './agenda-sync.js';
import type { BackgroundWork } from './background-work.js';
import type { DocRegistry } from './doc-registry.js';

/**
 * After a bus outage, updates other processes stored meanwhile never arrived here: every update's
 * stored copy is published only once it is stored (its early copy may come first, see
 * unstored-updates.ts), so reading the store again brings each document up to date. Items
 * imported meanwhile came with the stored updates; their records are read again too.
 */
export function resyncAfterBusOutage(bus: Bus, registry: DocRegistry, agenda: AgendaSync, background: BackgroundWork, log: Logger): void {
  bus.onReconnect(() => {
    background.run('resynchronising after a bus outage', () => registry.forEachLoaded(async ({ name, parsed, shared }) => {
      try {
        const stored = await registry.persistence.load(name);
        if (stored) shared.applyRemote('update', stored);
        if (parsed.kind === 'meeting') await agenda.reread(parsed.meetingId);
      } catch (err) {
        log.error({ err, doc: name }, 'resynchronising a document failed');
      }
    }));
  });
}

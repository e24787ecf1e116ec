import { performance } from 'node:perf_hooks';
import { episodeRows } from '../episodes.js';
import { HttpSession } from '../http-session.js';

// Scenario 6: importing a day's police export of 1,000 episodes through the REST endpoint, as the
// coordinator's upload does (JSON form; CSV goes through the same importer after parsing).

export interface ImportTiming {
  rows: number;
  ms: number;
  imported: number;
  itemsCreated: number;
}

export async function importEpisodesOverRest(httpBase: string, token: string, meetingId: string, rows: number, families: number): Promise<ImportTiming> {
  const coordinator = HttpSession.withToken(httpBase, token);
  const body = JSON.stringify(episodeRows('IMP', rows, families));
  const t0 = performance.now();
  const result = await coordinator.json<{ imported: number; items: { created: number } }>('POST', `/api/meetings/${meetingId}/episodes/import`, body);
  const ms = performance.now() - t0;
  if (result.imported !== rows) throw new Error(`import took ${result.imported} of ${rows} rows`);
  return { rows, ms, imported: result.imported, itemsCreated: result.items.created };
}

import type { RunContext } from '../run-context.js';
import { laps } from '../phase-timer.js';
import { startServerUnderTest } from '../run-context.js';
import { coldOpen, type OpenTiming } from './cold-open.js';
import type { FirstPaint } from './first-paint.js';
import { importEpisodesOverRest, type ImportTiming } from './import.js';
import { minutesInProcess, minutesOverRest, type MinutesInProcess } from './minutes.js';

// Scenarios 4–6 on one fresh copy of the database: the minutes in-process first (PGlite allows
// one process at a time), then a fresh server for opening, the browser, the REST export and the import.

export interface RecordsRun {
  open: OpenTiming[];
  firstPaint: FirstPaint | null;
  minutes: { inProcess: MinutesInProcess; rest: { firstMs: number; medianMs: number } };
  import: ImportTiming;
}

export async function runRecords(ctx: RunContext, withBrowser: boolean): Promise<RecordsRun> {
  const lap = laps(ctx.log);
  const db = await ctx.template.clone();
  const inProcess = await minutesInProcess(db, ctx.prepared.decided, ctx.config.records.minutesRepeats);
  lap('database copy, minutes in-process');
  // Playwright's modules (about 0.7 s of CPU) load on the core the server's start leaves free, and
  // have loaded before anything is timed.
  const browserModule = withBrowser ? import('./first-paint.js') : null;
  // Should the start fail, its error is the one reported.
  browserModule?.catch(() => undefined);
  // At info the server logs each document load with its phases; the opening measurement reads them.
  const sut = await startServerUnderTest('samroom', ctx, db, { LOG_LEVEL: 'info' });
  try {
    const firstPaint = (await browserModule)?.firstPaint;
    lap('server started');
    const base = sut.server.url;
    const open = await coldOpen(base, ctx.prepared, sut.server);
    lap('meetings opened');
    const paint = firstPaint
      ? await firstPaint(base, ctx.prepared.password, ctx.prepared.fresh[2]!, ctx.config.records.openItems)
      : null;
    if (firstPaint) lap('first paint in Chromium');
    const rest = await minutesOverRest(base, ctx.prepared.chairToken, ctx.prepared.decided, ctx.config.records.minutesRepeats);
    lap('minutes over REST');
    const imported = await importEpisodesOverRest(base, ctx.prepared.tokens[1]!, ctx.prepared.importTarget, ctx.config.records.importRows, ctx.config.records.importFamilies);
    lap('import');
    return { open, firstPaint: paint, minutes: { inProcess, rest }, import: imported };
  } finally {
    await sut.dispose();
  }
}

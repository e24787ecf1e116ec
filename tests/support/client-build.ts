import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// Browser tests and the benchmark need the client as built from the current sources (the server
// serves dist/client); they rebuild it only when it is stale.

export const projectRoot = path.resolve(import.meta.dirname, '../..');
const clientIndex = path.join(projectRoot, 'dist/client/index.html');
export const viteBin = path.join(projectRoot, 'node_modules/.bin/vite');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** True when any client or shared source is newer than the built client (or there is none). */
export function clientIsStale(): boolean {
  const sources = Math.max(
    newestMtime(path.join(projectRoot, 'client')), newestMtime(path.join(projectRoot, 'shared')),
    statSync(path.join(projectRoot, 'vite.config.ts')).mtimeMs,
  );
  return !existsSync(clientIndex) || statSync(clientIndex).mtimeMs <= sources;
}

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './measured-server.js';

// The browser measurement needs the client as built from the current sources (the server serves
// dist/client). Built only when stale, like the browser tests do.

const clientIndex = path.join(projectRoot, 'dist/client/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the client if any client or shared source is newer than the build; null when it is ready, else why not. */
export async function ensureClientBuilt(): Promise<string | null> {
  const sources = Math.max(newestMtime(path.join(projectRoot, 'client')), newestMtime(path.join(projectRoot, 'shared')), statSync(path.join(projectRoot, 'vite.config.ts')).mtimeMs);
  if (existsSync(clientIndex) && statSync(clientIndex).mtimeMs > sources) return null;
  try {
    await promisify(execFile)(path.join(projectRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: projectRoot });
    return null;
  } catch (err) {
    return `the client does not build: ${((err as { stderr?: string }).stderr ?? (err as Error).message).split('\n').slice(0, 3).join(' ')}`;
  }
}

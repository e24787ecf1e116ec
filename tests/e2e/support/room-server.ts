import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServerProcess, type ServerProcess } from '../../support/server-process.js';

// One real server per spec file: its own empty data dir (embedded PostgreSQL, freshly seeded demo
// day) on a free port, serving the client as built from the current sources.

const root = path.resolve(import.meta.dirname, '../../..');
const clientIndex = path.join(root, 'dist/client/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the client unless dist/client is newer than every client and shared source. */
export function buildClientIfStale(): void {
  const sources = Math.max(newestMtime(path.join(root, 'client')), newestMtime(path.join(root, 'shared')), statSync(path.join(root, 'vite.config.ts')).mtimeMs);
  if (existsSync(clientIndex) && statSync(clientIndex).mtimeMs > sources) return;
  execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

export interface RoomServer extends ServerProcess {
  stopAndClean(): Promise<void>;
}

export async function startRoomServer(): Promise<RoomServer> {
  buildClientIfStale();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-e2e-'));
  const server = await startServerProcess({ port: await freePort(), dataDir });
  return {
    ...server,
    stopAndClean: async () => {
      await server.stop('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { clientIsStale, projectRoot, viteBin } from '../../support/client-build.js';
import { freePort, startServerProcess, type ServerProcess } from '../../support/server-process.js';

// One real server per spec file: its own empty data dir (embedded PostgreSQL, freshly seeded demo
// day) on a free port, serving the client as built from the current sources.

/** Builds the client unless dist/client is newer than every client and shared source. */
export function buildClientIfStale(): void {
  if (clientIsStale()) execFileSync(viteBin, ['build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: 'inherit' });
}

export interface RoomServer extends ServerProcess {
  stopAndClean(): Promise<void>;
}

export async function startRoomServer(env: Record<string, string> = {}): Promise<RoomServer> {
  buildClientIfStale();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-e2e-'));
  const server = await startServerProcess({ port: await freePort(), dataDir, env });
  return {
    ...server,
    stopAndClean: async () => {
      await server.stop('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import { clientIsStale, projectRoot, viteBin } from '../../support/client-build.js';
import { freePort, startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { signIn, type Person } from './room-page.js';

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

/**
 * A room server of the spec file's own with one person signed in, for all its tests: started before
 * them (then `setup`, e.g. opening the room), stopped after. Read `person()` inside a test.
 */
export function onePersonRoom(email: string, setup?: (person: Person) => Promise<void>): { person: () => Person; server: () => RoomServer } {
  let server: RoomServer | undefined;
  let person: Person | undefined;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    server = await startRoomServer();
    person = await signIn(browser, server.url, email);
    await setup?.(person);
  });
  test.afterAll(async () => {
    await person?.context.close();
    await server?.stopAndClean();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the room server has not started: call this inside a test');
    return value;
  };
  return { person: () => started(person), server: () => started(server) };
}

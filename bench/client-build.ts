import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { clientIsStale, projectRoot, viteBin } from '../tests/support/client-build.js';

/** Builds the client if it is stale; null when it is ready, else why not. */
export async function ensureClientBuilt(): Promise<string | null> {
  if (!clientIsStale()) return null;
  try {
    await promisify(execFile)(viteBin, ['build', '--logLevel', 'error'], { cwd: projectRoot });
    return null;
  } catch (err) {
    return `the client does not build: ${((err as { stderr?: string }).stderr ?? (err as Error).message).split('\n').slice(0, 3).join(' ')}`;
  }
}

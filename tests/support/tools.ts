import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inCi } from './services.js';

const run = promisify(execFile);

const onPath = (command: string) => run('sh', ['-c', 'command -v "$1"', 'sh', command]).then(() => true, () => false);

/**
 * For tests that run command-line tools (pdftotext, libreoffice, redis-server): resolves true when
 * all are installed. Outside CI a missing tool resolves false with the reason printed, and the
 * caller marks its tests skipped (`ctx.skip()`, `describe.skipIf`); in CI it is a failure.
 */
export async function requireCommands(...commands: string[]): Promise<boolean> {
  const found = await Promise.all(commands.map(onPath));
  const missing = commands.filter((_, i) => !found[i]);
  if (missing.length === 0) return true;
  const message = `${missing.join(' and ')} not installed`;
  if (inCi) throw new Error(`${message} — CI needs it (see .ci/run)`);
  console.warn(`SKIPPED: ${message}; tests that need it are skipped (install it, or run in CI).`);
  return false;
}

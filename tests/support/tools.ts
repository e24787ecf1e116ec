import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inCi } from './services.js';

const run = promisify(execFile);

const onPath = (command: string) => run('sh', ['-c', 'command -v "$1"', 'sh', command]).then(() => true, () => false);

/**
 * For tests that run command-line tools (pdftotext, libreoffice): resolves true when all are
 * installed. Outside CI a missing tool skips the tests with the reason printed; in CI it is a failure.
 */
export async function requireCommands(...commands: string[]): Promise<boolean> {
  const found = await Promise.all(commands.map(onPath));
  const missing = commands.filter((_, i) => !found[i]);
  if (missing.length === 0) return true;
  const message = `${missing.join(' and ')} not installed`;
  if (inCi) throw new Error(`${message} — CI needs it (.ci/run installs it)`);
  console.warn(`SKIPPED: ${message}; tests that need it are skipped (install poppler-utils and libreoffice-writer-nogui, or run in CI).`);
  return false;
}

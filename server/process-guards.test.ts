import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

// In a process of its own, as main.ts installs them: a forgotten rejection is logged and the
// process goes on; an uncaught exception is logged and the process exits 1.
const CHILD = `
  const { createLogger } = await import('./server/logger.ts');
  const { installProcessGuards } = await import('./server/process-guards.ts');
  installProcessGuards(createLogger('info'));
  void Promise.reject(new Error('a rejection nobody awaited'));
  setTimeout(() => {
    console.log(JSON.stringify({ msg: 'still serving' }));
    setTimeout(() => { throw new Error('a bug nobody caught'); }, 10);
  }, 50);
`;

it('logs an unhandled rejection and carries on; logs an uncaught exception and exits non-zero', { timeout: 30_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; level?: number; err?: { message?: string } });
  expect(lines.map((l) => l.msg), stderr).toEqual(['unhandled promise rejection', 'still serving', 'uncaught exception: exiting']);
  expect(lines[0]!.err?.message).toBe('a rejection nobody awaited');
  expect(lines[2]).toMatchObject({ level: 60, err: { message: 'a bug nobody caught' } });
  expect(code).toBe(1);
});

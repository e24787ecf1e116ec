import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** `npm run admin:create -- …` as an operator runs it, against a test database and DATA_DIR. */
export function adminCreate(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/admin-create.ts', ...args], {
      cwd: root,
      env: { ...process.env, AUDIT_KEY: '', SESSION_SECRET: '', AUDIT_CHECKPOINT_FILE: '', PUBLIC_URL: '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

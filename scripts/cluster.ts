// `npm run start:cluster -- --processes 3`: several identical server processes on consecutive ports
// (PORT, PORT+1, …) sharing DATABASE_URL and REDIS_URL. Put any load balancer in front (README).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { processes: { type: 'string', default: '3' } } });
const count = Number(values.processes);
if (!Number.isInteger(count) || count < 1 || count > 32) {
  console.error('--processes must be a whole number from 1 to 32');
  process.exit(2);
}
if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  console.error('A cluster needs DATABASE_URL (PostgreSQL) and REDIS_URL: the embedded database and the in-process bus serve one process only.');
  process.exit(2);
}
const base = Number(process.env.PORT ?? 3000);
// Every process must accept every other's session cookies.
const env = { ...process.env, SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64url') };

const children: ChildProcess[] = [];
for (let i = 0; i < count; i++) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit', env: { ...env, PORT: String(base + i) } });
  child.on('exit', (code, signal) => console.error(`process on port ${base + i} exited (${signal ?? code})`));
  children.push(child);
}
const stop = (signal: NodeJS.Signals) => children.forEach((c) => c.kill(signal));
process.on('SIGINT', () => stop('SIGTERM'));
process.on('SIGTERM', () => stop('SIGTERM'));

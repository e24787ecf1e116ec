// Runs `prisma generate` at install. Prisma's CLI wants its native schema engine on disk even
// though generating needs none; where that binary could not be downloaded, any executable will do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync('/bin/false') ? '/bin/false' : process.execPath;
const result = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env, shell: process.platform === 'win32' });
process.exit(result.status ?? 1);

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

// Every setting comes from the environment and is checked once at start-up, so a typo stops the
// server with a message naming the variable instead of failing later mid-meeting.
const optionalUrl = (protocols: string[]) =>
  z
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), `must start with ${protocols.join(': or ')}:`)
    .optional();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Extra origins allowed to open websockets and send requests (the dev client on :5173). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /** Set when behind a TLS-terminating proxy so cookies get `Secure` and client IPs are right. */
  TRUST_PROXY: z
    .enum(['true', 'false', ''])
    .default('')
    .transform((v) => v === 'true'),
  /** A meeting or prep document refuses further growth past this many bytes. */
  MAX_DOC_BYTES: z.coerce.number().int().min(64 * 1024).default(32 * 1024 * 1024),
  /** How long an unused document stays in memory after its last client left. */
  DOC_UNLOAD_DELAY_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * How long after a meeting closes an admitted remote invitee may still download their own
   * agency's minutes and action list. Bounded: invitees have no account, so this is all the
   * access they keep, and it must stay short.
   */
  INVITEE_PACK_HOURS: z.coerce.number().min(0).max(168, 'must be at most 168 (a week)').default(24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed demo data into an empty database on start. */
  SEED_DEMO: z
    .enum(['true', 'false', ''])
    .default('true')
    .transform((v) => v !== 'false'),
});

export type Config = Omit<z.infer<typeof EnvSchema>, 'SESSION_SECRET'> & { SESSION_SECRET: string; pgliteDir: string };

export class ConfigError extends Error {}

export function parseEnv(env: NodeJS.ProcessEnv): z.infer<typeof EnvSchema> {
  // An empty variable (`DATABASE_URL=`) means unset, as in most tools.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = EnvSchema.safeParse(set);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Reads the environment; an unset SESSION_SECRET is generated once and kept in DATA_DIR. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const parsed = parseEnv(env);
  const dataDir = path.resolve(parsed.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  return {
    ...parsed,
    DATA_DIR: dataDir,
    SESSION_SECRET: parsed.SESSION_SECRET ?? (await storedSecret(path.join(dataDir, 'session-secret'))),
    pgliteDir: path.join(dataDir, 'pglite'),
  };
}

async function storedSecret(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

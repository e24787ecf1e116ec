import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readOidcProviders, type OidcProvider } from './auth/oidc-providers.js';

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
  /** Key of the audit trail's HMAC chain; kept out of the database so its rows can't be re-signed there. */
  AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where the audit trail's signed checkpoints (sequence, head hash, time) are appended. */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
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
  /** The address people reach the app at (https://samroom.example.govt.nz): links and the single sign-on redirect use it. */
  PUBLIC_URL: z.url().transform((v) => v.replace(/\/+$/, '')).optional(),
  /** Sign-in with a local password; turn off once everyone signs in through their organisation. */
  LOCAL_SIGN_IN: z
    .enum(['true', 'false', ''])
    .default('true')
    .transform((v) => v !== 'false'),
  /** Where reminder emails go out (smtp:// or smtps://); without it reminders are in the app only. */
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  SMTP_FROM: z.string().min(3).default('SAM Room <no-reply@samroom.invalid>'),
  /** How often each process makes due reminders and sends waiting emails (server/reminders). */
  REMINDER_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** From when, in each site's timezone, the day's digest goes out ("HH:mm"). */
  REMINDER_DIGEST_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm').default('07:00'),
  /** Sends tried before an email is marked failed for an administrator to see. */
  REMINDER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** The first retry's delay; each further retry waits twice as long (at most six hours). */
  REMINDER_RETRY_BASE_MS: z.coerce.number().int().min(10).default(60_000),
  /** How often each process checks that every site's next daily SAM exists (server/calendar). */
  CALENDAR_INTERVAL_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
  /** The retention schedule (JSON, server/retention/retention-rules.ts); unset for the README's example defaults. */
  RETENTION_RULES_FILE: z.string().min(1).optional(),
  /** How often a process looks for records due for disposal (one process at a time; nothing is disposed unapproved). */
  RETENTION_CHECK_INTERVAL_MS: z.coerce.number().int().min(1000).default(24 * 60 * 60 * 1000),
  /** Where `transfer-then-delete` writes records before deleting them: the archive's pick-up folder. */
  RETENTION_TRANSFER_DIR: z.string().min(1).optional(),
  /** Bearer token that opens GET /metrics (Prometheus); unset, there is no /metrics at all. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed demo data into an empty database on start. */
  SEED_DEMO: z
    .enum(['true', 'false', ''])
    .default('true')
    .transform((v) => v !== 'false'),
});

export type Config = Omit<z.infer<typeof EnvSchema>, 'SESSION_SECRET' | 'AUDIT_KEY' | 'AUDIT_CHECKPOINT_FILE'> & {
  SESSION_SECRET: string;
  AUDIT_KEY: string;
  AUDIT_CHECKPOINT_FILE: string;
  pgliteDir: string;
  /** Single sign-on providers (OIDC_ISSUER…, or OIDC_PROVIDERS). */
  oidcProviders: OidcProvider[];
};

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

/** Reads the environment; an unset SESSION_SECRET or AUDIT_KEY is generated once and kept in DATA_DIR. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const parsed = parseEnv(env);
  const oidcProviders = readOidcProviders(env);
  if (oidcProviders.length > 0 && !parsed.PUBLIC_URL) throw new Error('PUBLIC_URL: required for single sign-on (the redirect address is PUBLIC_URL/api/auth/oidc/callback)');
  const dataDir = path.resolve(parsed.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  return {
    ...parsed,
    DATA_DIR: dataDir,
    SESSION_SECRET: parsed.SESSION_SECRET ?? (await storedSecret(path.join(dataDir, 'session-secret'))),
    AUDIT_KEY: parsed.AUDIT_KEY ?? (await storedSecret(path.join(dataDir, 'audit-key'))),
    AUDIT_CHECKPOINT_FILE: path.resolve(parsed.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.jsonl')),
    pgliteDir: path.join(dataDir, 'pglite'),
    oidcProviders,
  };
}

/**
 * Processes sharing DATA_DIR may start at once: the secret is written to a file of its own and
 * linked into place, so exactly one is kept and nobody reads a half-written one.
 */
async function storedSecret(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').then((v) => v.trim(), () => null);
  if (existing !== null && existing.length >= 32) return existing;
  const secret = randomBytes(32).toString('base64url');
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, secret, { mode: 0o600 });
  try {
    // A file too short to be a secret (an older, interrupted write) is replaced.
    if (existing !== null) await rename(draft, file);
    else await link(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readFile(file, 'utf8')).trim();
  } finally {
    await rm(draft, { force: true });
  }
  return secret;
}

import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BenchConfig } from './config.js';
import { admin, createTemplate, keptTemplate, type DbChoice, type DbTemplate } from './database.js';
import { projectRoot } from './measured-server.js';
import type { Prepared } from './template.js';

// Preparing the database (migrations, demo seed, meetings made over REST) was the quick run's
// largest phase. The prepared template is kept between runs, keyed by everything that decides
// its contents: the migrations, the server and shared code that seeds and writes the records and
// the stored document, the bench's preparation code, and the sizes the configuration asks for.
// Any change to those prepares afresh. Sessions last 12 h (server/auth/sessions.ts), so a kept
// template is used for a few hours only: its tokens must outlive the longest run.

const MAX_AGE_MS = 4 * 60 * 60 * 1000;
/** Kept templates per worktree (a quick and a full one, on each database); older ones are dropped. */
const KEEP = 4;
const cacheDir = path.join(projectRoot, 'node_modules/.cache/samroom-bench');
const SOURCES = ['prisma/migrations', 'server', 'shared', 'config', 'bench/template.ts', 'bench/episodes.ts', 'bench/http-session.ts', 'bench/collab-connect.ts'];

const Entry = z.object({
  key: z.string(),
  kind: z.enum(['postgres', 'pglite']),
  /** The PostgreSQL database's name, or PGlite's directory. */
  name: z.string(),
  createdAt: z.number(),
  // Prepared is the bench's own output, written by this file: checked for shape at its top level only.
  prepared: z.custom<Prepared>((v) => typeof v === 'object' && v !== null && 'tokens' in v && 'live' in v),
});
type Entry = z.infer<typeof Entry>;

async function sourceFiles(entry: string): Promise<string[]> {
  const full = path.join(projectRoot, entry);
  if (!(await stat(full)).isDirectory()) return [entry];
  const names = await readdir(full, { recursive: true, withFileTypes: true });
  return names
    .filter((d) => d.isFile() && !d.name.endsWith('.test.ts'))
    .map((d) => path.relative(projectRoot, path.join(d.parentPath, d.name)))
    .sort();
}

/** What the prepared database's contents depend on, as one hash. */
export async function templateKey(config: BenchConfig): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({
    db: config.db, cacheDir,
    live: Math.max(config.many.meetings, config.ramp.meetings), liveItems: config.many.itemsPerMeeting,
    bigItems: config.one.itemsPerMeeting, openItems: config.records.openItems,
  }));
  for (const entry of SOURCES) {
    for (const file of await sourceFiles(entry)) {
      hash.update(file);
      hash.update(await readFile(path.join(projectRoot, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function databaseExists(name: string): Promise<boolean> {
  return (await admin('SELECT 1 FROM pg_database WHERE datname = $1', [name])) > 0;
}

async function present(entry: Entry): Promise<boolean> {
  if (entry.kind === 'postgres') return databaseExists(entry.name);
  return stat(entry.name).then((s) => s.isDirectory(), () => false);
}

async function drop(entry: Pick<Entry, 'kind' | 'name'>): Promise<void> {
  if (entry.kind === 'postgres') await admin(`DROP DATABASE IF EXISTS ${entry.name} WITH (FORCE)`);
  else await rm(entry.name, { recursive: true, force: true });
}

async function readEntry(file: string): Promise<Entry | null> {
  try {
    return Entry.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Drops kept templates beyond the newest KEEP used, and any past their age. */
async function prune(): Promise<void> {
  const files = (await readdir(cacheDir)).filter((f) => f.endsWith('.json')).map((f) => path.join(cacheDir, f));
  const dated = await Promise.all(files.map(async (file) => ({ file, used: (await stat(file)).mtimeMs, entry: await readEntry(file) })));
  dated.sort((a, b) => b.used - a.used);
  for (const [i, { file, entry }] of dated.entries()) {
    if (i < KEEP && entry && Date.now() - entry.createdAt < MAX_AGE_MS) continue;
    if (entry) await drop(entry).catch(() => undefined);
    await rm(file, { force: true });
  }
}

/** Moves a just-prepared template to where the next run finds it; false if it could not be kept. */
async function keep(kind: DbChoice, template: DbTemplate & { name: string }, entry: Entry): Promise<boolean> {
  const file = path.join(cacheDir, `${entry.key}.json`);
  // Another run of the same code kept one meanwhile and may be copying it: leave it be.
  const kept = await readEntry(file);
  if (kept && Date.now() - kept.createdAt < MAX_AGE_MS && (await present(kept))) return false;
  try {
    await drop(entry);
    if (kind === 'postgres') await admin(`ALTER DATABASE ${template.name} RENAME TO ${entry.name}`);
    else await cp(template.name, entry.name, { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(entry));
    await rename(`${file}.tmp`, file);
    await template.dispose();
    return true;
  } catch {
    return false;
  }
}

export interface KeptOrPrepared {
  template: DbTemplate;
  prepared: Prepared;
  /** Whether an earlier run's template was used (nothing prepared in this run). */
  reused: boolean;
}

/** The kept template for this configuration and code, or a fresh one prepared by `prepare` and kept. */
export async function keptOrPrepared(
  config: BenchConfig, workDir: string, prepare: (template: DbTemplate) => Promise<Prepared>, log: (line: string) => void,
): Promise<KeptOrPrepared> {
  await mkdir(cacheDir, { recursive: true });
  const key = await templateKey(config);
  const file = path.join(cacheDir, `${key}.json`);
  const found = await readEntry(file);
  if (found && found.kind === config.db && Date.now() - found.createdAt < MAX_AGE_MS && (await present(found))) {
    const now = new Date();
    await utimes(file, now, now);
    return { template: keptTemplate(found.kind, found.name, workDir), prepared: found.prepared, reused: true };
  }
  const fresh = await createTemplate(config.db, workDir);
  let prepared: Prepared;
  try {
    prepared = await prepare(fresh);
  } catch (err) {
    await fresh.dispose().catch(() => undefined);
    throw err;
  }
  const name = config.db === 'postgres' ? `samroom_bench_kept_${key}` : path.join(cacheDir, `${key}-pglite`);
  const entry: Entry = { key, kind: config.db, name, createdAt: Date.now(), prepared };
  if (!(await keep(config.db, fresh, entry))) {
    log('    (the prepared database was not kept for the next run: another run kept one, or keeping failed)');
    return { template: fresh, prepared, reused: false };
  }
  await prune().catch(() => undefined);
  return { template: keptTemplate(entry.kind, entry.name, workDir), prepared, reused: false };
}

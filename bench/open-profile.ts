import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchConfig } from './config.js';
import { createTemplate, type DbChoice } from './database.js';
import { startMeasuredServer } from './measured-server.js';
import { samRoomEnv, type RunContext } from './run-context.js';
import { coldOpen } from './scenarios/cold-open.js';
import { firstPaint } from './scenarios/first-paint.js';
import { prepareTemplate, type Prepared } from './template.js';

// Profiling aid for the opening (scenario 4) alone: `prepare` builds a small prepared database
// once and keeps it; `open` starts a server on a copy of it, opens as cold-open.ts does, and
// prints each open's timings with the server's CPU over them (the steadier figure on a busy
// machine), `--runs=N` times; `paint` then also times the browser's first visit and revisit as
// the bench does (scenarios/first-paint.ts). With BENCH_PROFILE_DIR set each server writes a CPU profile.
// `npx tsx bench/open-profile.ts prepare|open|paint --db=postgres|pglite --dir=/tmp/x [--runs=3] [--phases]`

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const db = (arg('db') ?? 'postgres') as DbChoice;
const dir = path.resolve(arg('dir') ?? '/tmp/open-profile');
const saved = path.join(dir, `${db}.json`);

if (args[0] === 'prepare') {
  await mkdir(dir, { recursive: true });
  const config = benchConfig([`--db=${db}`], db);
  // Just enough meetings for the opening: one 30-item meeting to warm on, the 300-item ones.
  config.many.meetings = 1;
  config.ramp.meetings = 1;
  const template = await createTemplate(db, dir);
  const prepared = await prepareTemplate(template, config, (line) => console.log(line));
  await writeFile(saved, JSON.stringify({ env: template.env, prepared }));
  console.log(`prepared: ${saved}`);
} else {
  const { env, prepared } = JSON.parse(await readFile(saved, 'utf8')) as { env: { DATA_DIR: string; DATABASE_URL: string }; prepared: Prepared };
  const runs = Number(arg('runs') ?? 1);
  for (let run = 0; run < runs; run++) {
    const copy = await cloneOf(db, env, dir);
    const ctx = { prepared } as RunContext;
    const server = await startMeasuredServer('samroom', samRoomEnv(ctx, copy.db, { LOG_LEVEL: 'info' }));
    try {
      await server.probe();
      const mark = server.outputMark();
      const timings = await coldOpen(server.url, prepared, server);
      // The server's own log of each load's read and build phases.
      if (args.includes('--phases')) console.log(server.outputSince(mark).split('\n').filter((l) => l.includes('document loaded')).join('\n'));
      const cpu = await server.probe();
      for (const t of timings) {
        console.log(`${t.case.padEnd(60)} open ${t.openMs.toFixed(0).padStart(5)}  synced ${t.syncedMs.toFixed(0).padStart(5)}  client apply ${t.clientApplyMs.toFixed(0).padStart(4)}  load ${String(t.loadMs).padStart(5)}`);
      }
      console.log(`server CPU over the opens: ${(cpu.cpuUserMs + cpu.cpuSystemMs).toFixed(0)} ms`);
      if (args[0] === 'paint') {
        const paint = await firstPaint(server.url, prepared.password, prepared.fresh[2]!, benchConfig([`--db=${db}`], db).records.openItems);
        console.log(paint.ok ? `first paint in Chromium: first visit ${paint.firstVisitMs.toFixed(0)} ms, revisit ${paint.revisitMs.toFixed(0)} ms` : `first paint: ${paint.reason}`);
      }
    } finally {
      await server.stop();
      await copy.dispose();
    }
  }
}

async function cloneOf(kind: DbChoice, env: { DATA_DIR: string; DATABASE_URL: string }, workDir: string) {
  const { cp, mkdtemp, rm } = await import('node:fs/promises');
  const pg = (await import('pg')).default;
  if (kind === 'pglite') {
    const copy = await mkdtemp(path.join(workDir, 'data-'));
    await cp(env.DATA_DIR, copy, { recursive: true });
    return { db: { kind, env: { DATA_DIR: copy, DATABASE_URL: '' }, dispose: () => Promise.resolve() }, dispose: () => rm(copy, { recursive: true, force: true }) };
  }
  const source = new URL(env.DATABASE_URL).pathname.slice(1);
  const name = `${source}_c${Date.now()}`;
  const adminUrl = new URL(env.DATABASE_URL);
  adminUrl.pathname = '/postgres';
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(path.join(workDir, 'data-'));
  return {
    db: { kind, env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() }, dispose: () => Promise.resolve() },
    dispose: async () => { await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await rm(dataDir, { recursive: true, force: true }); },
  };
}
process.exit(0);

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../../shared/domain.js';
import { todayInNz } from '../../shared/nz-time.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { seedVolume, VOLUME_SITES } from '../../server/seed/volume.js';
import { startServer } from '../../server/server.js';
import type { BenchConfig } from '../config.js';
import { benchWorkDir, createTemplate } from '../database.js';
import { machineInfo } from '../machine.js';
import { projectRoot } from '../measured-server.js';
import { spread } from '../stats.js';

// The reports target: a year's report for one site answers in under a second on two years of
// volume (about 40,000 episodes at two sites). A server of its own on a fresh database: the demo,
// then the volume generator, then the report over HTTP as the page asks for it — once cold, then
// warm — with the national report and the de-identified extract for the same year beside it.

const PASSWORD = 'bench-reports-kōwhai-42';
const GOAL_MS = 1_000;

export interface ReportsRun {
  date: string;
  commit: string;
  database: BenchConfig['db'];
  machine: ReturnType<typeof machineInfo>;
  volume: Record<string, number>;
  seedS: number;
  range: { from: string; to: string };
  episodesInRange: number;
  /** Milliseconds from request to the whole answer. */
  site: { coldMs: number; warmMs: number[]; medianMs: number };
  national: { medianMs: number };
  extract: { ms: number; rows: number };
}

async function timed(fetchIt: () => Promise<Response>): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const res = await fetchIt();
  const body = await res.text();
  if (!res.ok) throw new Error(`report request failed: ${res.status} ${body}`);
  return { ms: performance.now() - start, body };
}

export async function runReports(config: BenchConfig, commit: string, log: (line: string) => void): Promise<string> {
  const workDir = await benchWorkDir();
  const db = await createTemplate(config.db, workDir);
  const server = await startServer(
    await loadConfig({ PORT: '0', HOST: '127.0.0.1', DEMO_PASSWORD: PASSWORD, DATA_DIR: db.env.DATA_DIR, ...(db.env.DATABASE_URL && { DATABASE_URL: db.env.DATABASE_URL }) }),
    createLogger('warn'),
  );
  try {
    const yesterday = DateTime.fromISO(todayInNz(), { zone: NZ_TIME_ZONE }).minus({ days: 1 });
    log('reports: generating two years of volume…');
    const seedStart = performance.now();
    const volume = await seedVolume(server.ctx.db, { end: yesterday.toISODate()! });
    const seedS = (performance.now() - seedStart) / 1000;
    log(`reports: ${JSON.stringify(volume.counts)} in ${seedS.toFixed(0)} s`);

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'samroom' },
      body: JSON.stringify({ email: 'national.auditor@demo.test', password: PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const get = (url: string) => () => fetch(`${server.url}${url}`, { headers: { cookie } });
    const site = await server.ctx.db.site.findUniqueOrThrow({ where: { code: VOLUME_SITES[0].code } });
    const range = { from: yesterday.minus({ years: 1 }).plus({ days: 1 }).toISODate()!, to: yesterday.toISODate()! };
    const query = `from=${range.from}&to=${range.to}`;

    const cold = await timed(get(`/api/reports/site?siteId=${site.id}&${query}`));
    const warm: number[] = [];
    for (let i = 0; i < (config.quick ? 3 : 9); i++) warm.push((await timed(get(`/api/reports/site?siteId=${site.id}&${query}`))).ms);
    const national: number[] = [];
    for (let i = 0; i < 3; i++) national.push((await timed(get(`/api/reports/national?${query}`))).ms);
    const extract = await timed(get(`/api/reports/extract.csv?siteId=${site.id}&${query}`));
    const episodesInRange = (JSON.parse(cold.body) as { figures: { episodes: number } }).figures.episodes;

    const run: ReportsRun = {
      date: new Date().toISOString(), commit, database: config.db, machine: machineInfo(), volume: volume.counts, seedS: Math.round(seedS), range, episodesInRange,
      site: { coldMs: Math.round(cold.ms), warmMs: warm.map(Math.round), medianMs: Math.round(spread(warm).median) },
      national: { medianMs: Math.round(spread(national).median) },
      extract: { ms: Math.round(extract.ms), rows: extract.body.split('\r\n').length - 2 },
    };
    return await writeResults(run);
  } finally {
    await server.close();
    await db.dispose();
  }
}

async function writeResults(run: ReportsRun): Promise<string> {
  const base = path.join(projectRoot, 'bench/results', `${run.date.slice(0, 10)}-${run.commit}-reports${run.database === 'pglite' ? '-pglite' : ''}`);
  const met = (ms: number) => (ms <= GOAL_MS ? 'met' : '**missed**');
  const markdown = [
    `# Reports at volume — ${run.date.slice(0, 10)}, ${run.commit}`,
    '',
    `${run.machine.cpus} vCPUs (${run.machine.cpuModel}), Node ${run.machine.node}, ${run.database === 'postgres' ? 'a PostgreSQL server' : 'embedded PGlite'}.`,
    `Volume: ${Object.entries(run.volume).map(([k, v]) => `${v.toLocaleString('en-NZ')} ${k}`).join(', ')}, generated in ${run.seedS} s.`,
    `A year at one site (${run.range.from} to ${run.range.to}): ${run.episodesInRange.toLocaleString('en-NZ')} episodes.`,
    '',
    '| Measure | goal | result | |',
    '|---|---|---|---|',
    `| Site report for a year, over HTTP: first request | ≤ ${GOAL_MS} ms | ${run.site.coldMs} ms | ${met(run.site.coldMs)} |`,
    `| Site report for a year, over HTTP: median of ${run.site.warmMs.length} more | ≤ ${GOAL_MS} ms | ${run.site.medianMs} ms (${spread(run.site.warmMs).min}–${spread(run.site.warmMs).max}) | ${met(run.site.medianMs)} |`,
    `| National report for the year (each site and all together), median of 3 | — | ${run.national.medianMs} ms | |`,
    `| De-identified extract for the year (${run.extract.rows.toLocaleString('en-NZ')} rows) | — | ${run.extract.ms} ms | |`,
    '',
  ].join('\n');
  await writeFile(`${base}.json`, `${JSON.stringify(run, null, 2)}\n`);
  await writeFile(`${base}.md`, markdown);
  return `${base}.md`;
}

import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureClientBuilt } from './client-build.js';
import { benchConfig } from './config.js';
import { benchWorkDir, postgresReachable, redisReachable, type DbTemplate } from './database.js';
import { loadAverage, machineInfo, waitForQuiet } from './machine.js';
import { PhaseTimer } from './phase-timer.js';
import { precompile } from './precompiled.js';
import { projectRoot, type ServerKind } from './measured-server.js';
import { writeReport } from './report.js';
import type { BenchMeta, BenchRuns } from './results-types.js';
import { startServerUnderTest, type RunContext } from './run-context.js';
import { runLiveLoad, type LiveRun } from './scenarios/live-load.js';
import { runRamp, type RampRun } from './scenarios/ramp.js';
import { runRecords } from './scenarios/records.js';
import { runTwoProcess } from './scenarios/two-process.js';
import { sharedServer, type SharedServer } from './shared-server.js';
import type { Prepared } from './template.js';
import { keptOrPrepared } from './template-cache.js';

// `npm run bench [-- --quick] [-- --db=postgres|pglite] [-- --no-browser] [-- --only=many,one,spread,two,ramp,records,chair,reports]`
// Prepares one database, then runs each scenario against SAM Room and its two peers (the plain
// y-websocket baseline and Hocuspocus) in rotating order, repeated, each run on a fresh server
// process and database copy.
// `-- --report=bench/results/partial.tmp` writes the report again from what a run kept.
// Preparing the database, the chair and the reports load SAM Room's server modules (seconds of CPU
// through tsx at every start): they are imported when a run needs them.

const args = process.argv.slice(2);
// The deployed shape (docs/architecture.md) stores to a PostgreSQL server; `--db=pglite` measures the
// embedded database `npm start` uses on a laptop.
const config = benchConfig(args, (await postgresReachable()) ? 'postgres' : 'pglite');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (scenario: string) => !only || only.includes(scenario);
// The chair at a human pace and the reports at volume take minutes by their nature: a quick run
// leaves them out unless named.
const slow = new Set(['chair', 'reports', 'spread']);
const wantedHere = (scenario: string) => (config.quick && slow.has(scenario) ? only?.includes(scenario) === true : wanted(scenario));
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
/** SAM Room's process shared by several scenarios (config.shareSamRoom), while it runs. */
let shared: SharedServer | undefined;
const phases = new PhaseTimer(log, () => [shared?.pid()].filter((pid) => pid != null));
/** Cores other processes may take during a measurement before it counts as disturbed. */
const DISTURBED_CORES = 0.5;
// Everything measured so far is kept here after each run, so a failure while reporting loses nothing.
const partialFile = path.join(projectRoot, 'bench/results/partial.tmp');

function git(...cmd: string[]): string {
  try {
    return execFileSync('git', cmd, { cwd: projectRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function describe(prepared: Prepared, prepareS: number, reused: boolean, loadStart: number[]): BenchMeta {
  return {
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain').length > 0,
    machine: machineInfo(),
    database: config.db === 'postgres'
      ? 'PostgreSQL (a fresh database per run, cloned from a prepared template)'
      : 'embedded PGlite (what `npm start` uses), a fresh copy per run',
    loadAverage: { start: loadStart, end: loadAverage() },
    durationS: Math.round((performance.now() - started) / 1000),
    phases: phases.phases,
    config,
    prepared: {
      liveMeetings: prepared.live.length,
      itemsPerLiveMeeting: prepared.live[0]?.items.length ?? 0,
      bigMeetingItems: prepared.big.items.length,
      openItems: config.records.openItems,
      prepareS: Math.round(prepareS),
      reused,
    },
  };
}

/** The phases summed by kind (every quiet wait together, each scenario over its servers). */
function phaseTotals(): string {
  const totals = new Map<string, { wallS: number; cpuS: number }>();
  for (const p of phases.phases) {
    const kind = p.name.split(' ')[0] === 'wait' ? 'quiet waits' : p.name.split(' ')[0]!;
    const t = totals.get(kind) ?? { wallS: 0, cpuS: 0 };
    totals.set(kind, { wallS: t.wallS + p.wallS, cpuS: t.cpuS + p.cpuS });
  }
  return [...totals].map(([kind, t]) => `${kind} ${t.wallS.toFixed(0)} s (CPU ${t.cpuS.toFixed(0)} s)`).join(', ');
}

async function measure(): Promise<number> {
  const loadStart = loadAverage();
  log(`SAM Room benchmark${config.quick ? ' (quick)' : ''}: ${config.repetitions} repetition(s), database ${config.db}; load average ${loadStart.join(' ')}`);
  const workDir = await benchWorkDir();
  await phases.time('compile the measured processes', () => precompile(path.join(workDir, 'compiled')));
  let template: DbTemplate | null = null;
  const none = () => ({ samroom: [], baseline: [], hocuspocus: [] });
  const runs: BenchRuns = { many: none(), one: none(), oneSpread: none(), ramp: none(), two: [], records: [], chair: [], failures: [] };
  // Several processes share a document through PostgreSQL and Redis; the embedded database is one process's.
  const twoBlocked = config.db !== 'postgres' ? 'it needs PostgreSQL (the embedded database serves one process)'
    : !(await redisReachable()) ? 'Redis is not reachable' : null;
  if (twoBlocked && wanted('two')) runs.twoSkipped = twoBlocked;
  // Hocuspocus stores to PostgreSQL whichever database SAM Room is measured on.
  const hocuspocusBlocked = (await postgresReachable()) ? null : 'it stores to PostgreSQL, which is not reachable';
  if (hocuspocusBlocked) runs.hocuspocusSkipped = hocuspocusBlocked;
  const kinds: ServerKind[] = hocuspocusBlocked ? ['samroom', 'baseline'] : ['samroom', 'baseline', 'hocuspocus'];
  try {
    // A stale client is built for the browser's first paint while the database is prepared: the
    // build is one process's work, preparing mostly waits on the database.
    const clientBuild = wanted('records') && config.records.browser ? ensureClientBuilt() : Promise.resolve(null);
    const prepareStart = performance.now();
    const kept = await phases.time('prepare', () => keptOrPrepared(config, workDir, async (empty) => {
      log('preparing the database (demo seed, meetings, imports, decisions)…');
      const { prepareTemplate } = await import('./template.js');
      return prepareTemplate(empty, config, log);
    }, log));
    template = kept.template;
    const { prepared, reused } = kept;
    const prepareS = (performance.now() - prepareStart) / 1000;
    const notBuilt = await phases.time('client build, after preparing', () => clientBuild);
    if (notBuilt) log(`    ${notBuilt}`);
    log(`${reused ? 'reused the database an earlier run prepared from the same code' : `prepared in ${prepareS.toFixed(0)} s`}: ${prepared.live.length} meetings of ${prepared.live[0]?.items.length} items, one of ${prepared.big.items.length}, four of ${config.records.openItems}`);
    const own: RunContext = { config, template, prepared, workDir, log };
    shared = config.shareSamRoom ? sharedServer(() => startServerUnderTest('samroom', own)) : undefined;
    const ctx: RunContext = { ...own, sharedSamRoom: shared };

    /**
     * One run, repeated (up to config.attempts) while other processes on the machine took more than
     * half a core during its measurement; the least disturbed one is kept.
     */
    const attempt = async <T>(scenario: string, server: ServerKind, repetition: number, run: () => Promise<T>, into: T[], disturbance: (result: T) => number = () => 0) => {
      let kept: { result: T; other: number } | null = null;
      for (let n = 0; n < config.attempts && (kept === null || kept.other > DISTURBED_CORES); n++) {
        if (kept) log(`    ${server}: other processes took ${kept.other} cores during the measurement; running it again`);
        const quiet = await phases.time('wait for a quiet machine', () => waitForQuiet(config.quietWaitMs, config.quietCalmMs));
        if (quiet.busyCores > 0.3) log(`    (the machine is busy with other work: ${quiet.busyCores} cores; going ahead)`);
        try {
          const result = await phases.time(`${scenario} ${server}`, run);
          const other = disturbance(result);
          if (kept === null || other < kept.other) kept = { result, other };
        } catch (err) {
          const error = (err as Error).message.split('\n').slice(0, 6).join(' ');
          log(`    FAILED: ${error}`);
          runs.failures.push({ scenario, server, repetition, error });
          return;
        }
      }
      if (kept) into.push(kept.result);
      await writeFile(partialFile, JSON.stringify({ meta: describe(prepared, prepareS, reused, loadStart), runs }));
    };
    const liveOther = (r: LiveRun) => r.machine.other;
    const rampOther = (r: RampRun) => Math.max(0, ...r.steps.map((s) => s.machine.other));

    for (let rep = 0; rep < config.repetitions; rep++) {
      // Rotating which server goes first spreads any drift of the shared machine over all of them.
      const order = kinds.map((_, i) => kinds[(i + rep) % kinds.length]!);
      const label = `repetition ${rep + 1}/${config.repetitions}`;
      if (wanted('many')) {
        log(`${label}: scenario 1, ${config.many.meetings} meetings × ${config.many.perMeeting} participants at ${config.many.editsPerSec} edit/s`);
        const compared = order.filter((kind) => kind === 'samroom' || config.manyPeers.includes(kind));
        for (const kind of compared) await attempt('many', kind, rep, () => runLiveLoad(kind, config.many, prepared.live.slice(0, config.many.meetings), ctx), runs.many[kind], liveOther);
      }
      if (wanted('one')) {
        log(`${label}: scenario 2, one meeting of ${config.one.perMeeting} participants at ${config.one.editsPerSec} edits/s`);
        for (const kind of order) await attempt('one', kind, rep, () => runLiveLoad(kind, config.one, [prepared.big], ctx), runs.one[kind], liveOther);
      }
      if (wantedHere('spread')) {
        log(`${label}: scenario 2 with its participants spread over ${config.generatorProcesses} load generator processes`);
        for (const kind of order) await attempt('spread', kind, rep, () => runLiveLoad(kind, config.one, [prepared.big], ctx, true), runs.oneSpread![kind], liveOther);
      }
      if (wanted('two') && !twoBlocked) {
        log(`${label}: two processes over Redis, one meeting of ${config.two.perMeeting} participants at ${config.two.editsPerSec} edits/s`);
        await attempt('two', 'samroom', rep, () => runTwoProcess(config.two, [prepared.big], ctx), runs.two!);
      }
      if (wanted('ramp')) {
        log(`${label}: scenario 3, ramp through ${config.ramp.steps.join(', ')} participants over ${config.ramp.meetings} meetings`);
        const ramped = config.ramp.withBaseline ? order : order.filter((kind) => kind === 'samroom');
        for (const kind of ramped) await attempt('ramp', kind, rep, () => runRamp(kind, config.ramp, ctx), runs.ramp[kind], rampOther);
      }
      // The shared process has served its scenarios: stopped before the records' own server starts.
      if (shared?.started()) await phases.time('shutdown of the shared SAM Room', () => shared!.dispose());
      if (wanted('records')) {
        log(`${label}: scenarios 4–6, opening a 300-item meeting, the minutes PDF, importing 1,000 episodes`);
        // The browser measurement varies least and costs most: once is enough.
        await attempt('records', 'samroom', rep, () => runRecords(ctx, config.records.browser && rep === 0), runs.records);
      }
    }

    if (wanted('chair') && !wantedHere('chair')) runs.chairSkipped = 'a quick run (`--only=chair` runs it)';
    else if (wanted('chair') && !config.records.browser) runs.chairSkipped = '`--no-browser`';
    else if (wanted('chair')) {
      // A whole list at a human pace takes minutes: once per bench, like the other browser measurement.
      log('the chair: the demo day\'s list triaged by keyboard in Chromium, at a human pace');
      // Its own process, as in the full run: the shared one is for the live scenarios.
      const { runChair } = await import('./scenarios/chair-run.js');
      await attempt('chair', 'samroom', 0, () => runChair({ ...ctx, sharedSamRoom: undefined }), runs.chair!);
    }

    const { json, markdown, table } = await phases.time('report', () => writeReport(describe(prepared, prepareS, reused, loadStart), runs));
    await rm(partialFile, { force: true });
    console.log(`\n${table}\n`);
    log(`wrote ${json} and ${markdown}`);
    log(`phases: ${phaseTotals()}`);
    return runs.failures.length > 0 ? 1 : 0;
  } finally {
    await shared?.dispose().catch(() => undefined);
    await template?.dispose().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}

async function reportAgain(file: string): Promise<number> {
  const saved = JSON.parse(await readFile(file, 'utf8')) as { meta: BenchMeta; runs: BenchRuns };
  const { json, markdown, table } = await writeReport(saved.meta, saved.runs);
  console.log(`${table}\n\nwrote ${json} and ${markdown}`);
  return 0;
}

/** Reports at volume: a database and a server of their own, so it writes a results file of its own. */
async function measureReports(): Promise<number> {
  log(`reports at volume, database ${config.db}`);
  const { runReports } = await import('./scenarios/reports.js');
  log(`wrote ${await runReports(config, git('rev-parse', '--short', 'HEAD') || 'unknown', log)}`);
  return 0;
}

const reportFrom = args.find((a) => a.startsWith('--report='))?.slice('--report='.length);
const reportsOnly = only?.length === 1 && only[0] === 'reports';
const code = reportFrom ? await reportAgain(reportFrom)
  : reportsOnly ? await measureReports()
  : Math.max(await measure(), wantedHere('reports') ? await measureReports() : 0);
// Handles that the prepared server's libraries leave behind would otherwise keep the process alive.
process.exit(code);

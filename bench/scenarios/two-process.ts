import type { LiveLoad } from '../config.js';
import { REDIS_URL } from '../database.js';
import type { WindowResult } from '../generator-protocol.js';
import { startGenerator } from '../generator-pool.js';
import { startMeasuredServer, type MeasuredServer } from '../measured-server.js';
import type { ProbeReport } from '../probe-protocol.js';
import { samRoomEnv, sleep, type RunContext } from '../run-context.js';
import type { BenchMeeting } from '../template.js';
import { generatorMeetings } from './live-load.js';

// Two processes over Redis (docs/architecture.md, Targets): SAM Room twice on one PostgreSQL database and one Redis,
// the participants of one meeting spread over both, so about half of every edit's receivers are on
// the other process (its update crosses PostgreSQL and Redis first). SAM Room only: the baseline
// has no way to share a document between processes.

export interface TwoProcessRun {
  processes: number;
  participants: number;
  window: WindowResult;
  servers: ProbeReport[];
  /** Both processes' CPU (user + system) per edit sent, in ms. */
  cpuPerEditMs: number;
}

const CONNECT_CONCURRENCY = 25;
const PROCESSES = 2;

export async function runTwoProcess(load: LiveLoad, meetings: BenchMeeting[], ctx: RunContext): Promise<TwoProcessRun> {
  const db = await ctx.template.clone();
  const servers: MeasuredServer[] = [];
  const generator = startGenerator();
  try {
    // Started together: the copy is of a database already migrated and seeded while it was prepared,
    // so neither has anything to apply.
    const started = await Promise.allSettled(Array.from({ length: PROCESSES }, () => startMeasuredServer('samroom', samRoomEnv(ctx, db, { REDIS_URL }))));
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    await generator.configure(servers.map((s) => s.url), ctx.prepared.tokens, 'y-websocket', generatorMeetings('samroom', meetings));
    const connect = await generator.connect(meetings.map(() => load.perMeeting), CONNECT_CONCURRENCY);
    if (connect.failed > 0) throw new Error(`${connect.failed} clients failed to connect: ${connect.firstError}`);
    ctx.log(`    ${PROCESSES} processes: ${connect.connected} clients ready in ${(connect.wallMs / 1000).toFixed(1)} s`);

    await generator.call({ type: 'start-load', rates: load });
    await sleep(load.warmupMs);
    await Promise.all(servers.map((s) => s.probe()));
    await generator.call({ type: 'window-start' });
    await sleep(load.durationMs);
    const reports = await Promise.all(servers.map((s) => s.probe()));
    const window = await generator.endWindow(ctx.config.drainMs);
    await generator.call({ type: 'stop-load' });
    const cpuMs = reports.reduce((sum, r) => sum + r.cpuUserMs + r.cpuSystemMs, 0);
    return { processes: PROCESSES, participants: connect.connected, window, servers: reports, cpuPerEditMs: cpuMs / Math.max(1, window.sent) };
  } finally {
    await generator.call({ type: 'disconnect' }).catch(() => undefined);
    // Nothing is measured any more: the generators and both servers end together, then their database.
    await Promise.all([generator.stop(), ...servers.map((s) => s.stop())]);
    await db.dispose();
  }
}

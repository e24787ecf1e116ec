import { performance } from 'node:perf_hooks';
import type { LiveLoad } from '../config.js';
import type { ConnectResult, GeneratorMeeting, WindowResult } from '../generator-protocol.js';
import { startGenerator } from '../generator-pool.js';
import { cpuWindow, type CpuShare } from '../machine.js';
import type { ServerKind } from '../measured-server.js';
import type { ProbeReport } from '../probe-protocol.js';
import { sleep, startServerUnderTest, type RunContext } from '../run-context.js';
import type { BenchMeeting } from '../template.js';

// Scenarios 1 and 2: a fixed number of meetings and participants, everyone typing at a steady
// rate, measured over one window after a warm-up; memory is read as meetings open and as the
// rest of the participants join.

export interface MemoryFigures {
  idleRss: number;
  meetingsOpenRss: number;
  connectedRss: number;
  /** KiB per open meeting (with its first participant) and per further participant, after a GC. */
  rssPerMeetingKb: number;
  rssPerParticipantKb: number;
  /** KiB of RSS above the idle process per participant, everything connected: what holding them costs. */
  rssAboveIdlePerParticipantKb: number;
  /** The same for the JS heap, which does not keep what a collection freed as RSS can. */
  heapAboveIdlePerParticipantKb: number;
  heapPerMeetingKb: number;
  heapPerParticipantKb: number;
}

export interface LiveRun {
  server: ServerKind;
  /** Load generator processes the participants were on (absent from earlier results: one per meeting, up to the pool). */
  generatorProcesses?: number;
  meetings: number;
  participants: number;
  connect: ConnectResult;
  window: WindowResult;
  serverWindow: ProbeReport;
  /** Server CPU (user + system) per edit sent, in ms. */
  cpuPerEditMs: number;
  memory: MemoryFigures;
  machine: CpuShare;
}

export function generatorMeetings(kind: ServerKind, meetings: BenchMeeting[]): GeneratorMeeting[] {
  return meetings.map((m) => ({ docName: m.docName, seed: kind === 'samroom' ? null : m.items, expectedItems: m.items.length }));
}

const CONNECT_CONCURRENCY = 25;
const kb = (bytes: number) => Math.round(bytes / 1024);

/** `spread`: every meeting's participants shared out over all the generator processes. */
export async function runLiveLoad(kind: ServerKind, load: LiveLoad, meetings: BenchMeeting[], ctx: RunContext, spread = false): Promise<LiveRun> {
  const generatorProcesses = spread ? ctx.config.generatorProcesses : Math.min(ctx.config.generatorProcesses, meetings.length);
  // The generators start while the server does.
  const generator = startGenerator(generatorProcesses);
  const startedAt = performance.now();
  const sut = await startServerUnderTest(kind, ctx).catch(async (err: unknown) => {
    await generator.stop();
    throw err;
  });
  const upS = (performance.now() - startedAt) / 1000;
  try {
    const { server } = sut;
    await generator.configure([server.url], sut.tokens, sut.protocol, generatorMeetings(kind, meetings), spread);
    // Memory a process freed at start (SAM Room's warm-up) can stay in its RSS for a while after a
    // collection: collect, let it settle, and read the idle figure from a second collection.
    await server.probe({ gc: true });
    await sleep(ctx.config.idleSettleMs);
    const idle = await server.probe({ gc: true });
    const first = await generator.connect(meetings.map(() => 1), CONNECT_CONCURRENCY);
    const open = await server.probe({ gc: true });
    const rest = await generator.connect(meetings.map(() => load.perMeeting - 1), CONNECT_CONCURRENCY);
    const connected = await server.probe({ gc: true });
    const connect: ConnectResult = {
      connected: first.connected + rest.connected,
      failed: first.failed + rest.failed,
      readyMs: rest.readyMs,
      wallMs: first.wallMs + rest.wallMs,
      firstError: first.firstError ?? rest.firstError,
    };
    if (connect.failed > 0) throw new Error(`${kind}: ${connect.failed} clients failed to connect: ${connect.firstError}`);
    ctx.log(`    ${kind}: up in ${upS.toFixed(1)} s, ${connect.connected} clients ready in ${(connect.wallMs / 1000).toFixed(1)} s`);

    await generator.call({ type: 'start-load', rates: load });
    await sleep(load.warmupMs);
    await server.probe();
    const machine = cpuWindow(server.pid, generator.pids);
    await generator.call({ type: 'window-start' });
    await sleep(load.durationMs);
    const serverWindow = await server.probe();
    const share = machine();
    const window = await generator.endWindow(ctx.config.drainMs);
    await generator.call({ type: 'stop-load' });

    const participants = meetings.length * load.perMeeting;
    const extra = participants - meetings.length;
    return {
      server: kind,
      generatorProcesses,
      meetings: meetings.length,
      participants,
      connect,
      window,
      serverWindow,
      cpuPerEditMs: (serverWindow.cpuUserMs + serverWindow.cpuSystemMs) / Math.max(1, window.sent),
      memory: {
        idleRss: idle.rss,
        meetingsOpenRss: open.rss,
        connectedRss: connected.rss,
        rssPerMeetingKb: kb((open.rss - idle.rss) / meetings.length),
        rssPerParticipantKb: extra > 0 ? kb((connected.rss - open.rss) / extra) : 0,
        rssAboveIdlePerParticipantKb: kb((connected.rss - idle.rss) / participants),
        heapAboveIdlePerParticipantKb: kb((connected.heapUsed - idle.heapUsed) / participants),
        heapPerMeetingKb: kb((open.heapUsed - idle.heapUsed) / meetings.length),
        heapPerParticipantKb: extra > 0 ? kb((connected.heapUsed - open.heapUsed) / extra) : 0,
      },
      machine: share,
    };
  } finally {
    await generator.call({ type: 'disconnect' }).catch(() => undefined);
    // Nothing is measured any more: the generators and the server (with its database copy) end together.
    await Promise.all([generator.stop(), sut.dispose()]);
  }
}

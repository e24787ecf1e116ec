import os from 'node:os';
import type { BenchConfig } from '../config.js';
import { startGenerator } from '../generator-pool.js';
import type { Percentiles } from '../latency.js';
import { cpuWindow, type CpuShare } from '../machine.js';
import type { ServerKind } from '../measured-server.js';
import { sleep, startServerUnderTest, type RunContext } from '../run-context.js';
import { generatorMeetings } from './live-load.js';

// Scenario 3: participants join in steps across many meetings, all of them active at a meeting's
// pace (a few typing, presence moving), until the server's event-loop delay p99 passes the limit,
// a client fails or an edit is lost — or the ceiling is reached. The participants are light ones
// (bench/sim-client.ts) but the first of each meeting: the same traffic for the server, without
// the generator applying every edit once per participant, which filled the machine at ~2,000.

export interface RampStep {
  participants: number;
  eventLoopDelay: { p50: number; p99: number; max: number };
  eventLoopUtilization: number;
  serverCores: number;
  machine: CpuShare;
  rss: number;
  heapUsed: number;
  latency: Percentiles;
  edits: number;
  lost: number;
  duplicates: number;
  /** Clients dropped during this step. */
  disconnects: number;
  connectFailures: number;
  /** Connect → synced for the clients of this step, p99 in ms. */
  joinP99Ms: number;
  generatorDelayP99: number;
  /** Share of the window the load generator's event loop was busy. */
  generatorUtilization: number;
}

export interface RampRun {
  server: ServerKind;
  meetings: number;
  /** The most participants held within the limits; the ceiling when nothing was reached. */
  held: number;
  reachedCeiling: boolean;
  /** The ramp stopped because the load generator could not keep up: `held` is a lower bound. */
  generatorLimited: boolean;
  /** That step, not counted as the server's. */
  generatorSaturatedStep: RampStep | null;
  stopReason: string;
  steps: RampStep[];
  /** Light participants, one stock one per meeting (absent from earlier results: stock ones only). */
  lightClients?: boolean;
  /** Slopes of RSS and of the JS heap against participants across the steps (KiB per participant). */
  rssPerParticipantKb: number;
  heapPerParticipantKb: number;
}

/** One Node process can use about one core; near it, the generator's timers and receipts run late. */
const GENERATOR_SATURATED_CORES = 0.85;
/** With every core busy, the server and the generators wait for each other's turns. */
const MACHINE_SATURATED = 0.9 * os.cpus().length;

/** Least-squares slope of y against x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  // One step (the quick ramp) has no slope: reported as n/a, not as zero.
  if (n < 2) return Number.NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const num = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

function distribute(total: number, meetings: number, offset: number): number[] {
  return Array.from({ length: meetings }, (_, i) => Math.floor(total / meetings) + ((i - offset + meetings) % meetings < total % meetings ? 1 : 0));
}

export async function runRamp(kind: ServerKind, config: BenchConfig['ramp'], ctx: RunContext): Promise<RampRun> {
  const meetings = ctx.prepared.live.slice(0, config.meetings);
  const sut = await startServerUnderTest(kind, ctx);
  const generator = startGenerator(ctx.config.generatorProcesses);
  const steps: RampStep[] = [];
  const ceiling = config.steps.at(-1) ?? 0;
  let stopReason = `reached the ceiling of ${ceiling}`;
  let generatorLimited = false;
  /** The step at which the generator saturated, kept apart from the server's steps. */
  let excluded: RampStep | null = null;
  try {
    const { server } = sut;
    await generator.configure([server.url], sut.tokens, sut.protocol, generatorMeetings(kind, meetings), false, config.lightClients);
    await generator.call({ type: 'start-load', rates: config });
    let participants = 0;
    // The generator counts drops since the start; each step reports its own.
    let droppedBefore = 0;
    for (const target of config.steps) {
      const step = target - participants;
      const joined = await generator.connect(distribute(step, meetings.length, participants % meetings.length), 25);
      participants = target;
      await sleep(config.settleMs);
      const measure = async () => {
        const before = await server.probe({ gc: true });
        // After the generators' full collection at the window's start, which is not the load's cost.
        await generator.call({ type: 'window-start' });
        const machine = cpuWindow(server.pid, generator.pids);
        await sleep(config.holdMs);
        const probe = await server.probe();
        return { before, probe, share: machine(), window: await generator.endWindow(2_000) };
      };
      let m = await measure();
      // Someone else's work on the shared machine can push the delay over by itself: measure again once.
      if (m.probe.eventLoopDelay.p99 > config.delayLimitMs && m.share.other > 0.5) {
        ctx.log(`    ${kind}: ${participants} participants measured while the machine was busy (${m.share.other} other cores); measuring again`);
        m = await measure();
      }
      const { before, probe, share, window } = m;
      steps.push({
        participants,
        eventLoopDelay: { p50: probe.eventLoopDelay.p50, p99: probe.eventLoopDelay.p99, max: probe.eventLoopDelay.max },
        eventLoopUtilization: probe.eventLoopUtilization,
        serverCores: (probe.cpuUserMs + probe.cpuSystemMs) / probe.windowMs,
        machine: share,
        rss: before.rss,
        heapUsed: before.heapUsed,
        latency: window.latency,
        edits: window.sent,
        lost: window.lost,
        duplicates: window.duplicates,
        disconnects: window.disconnects - droppedBefore,
        connectFailures: joined.failed,
        joinP99Ms: joined.readyMs.p99,
        generatorDelayP99: window.generator.eventLoopDelayP99,
        generatorUtilization: window.generator.eventLoopUtilization,
      });
      const last = steps.at(-1)!;
      droppedBefore = window.disconnects;
      ctx.log(`    ${kind}: ${participants} participants, event-loop delay p99 ${last.eventLoopDelay.p99.toFixed(1)} ms, edit p99 ${last.latency.p99} ms, server ${last.serverCores.toFixed(2)} cores, generators ${last.machine.generator.toFixed(2)} cores`);
      // A saturated generator sends in bursts and sees everything late: what the server does then is
      // not the load being asked for, so the ramp ends there without blaming the server.
      if (last.machine.busiestGenerator >= GENERATOR_SATURATED_CORES || last.machine.machine >= MACHINE_SATURATED) {
        const busy = last.machine.busiestGenerator >= GENERATOR_SATURATED_CORES
          ? `a generator process at ${last.machine.busiestGenerator} cores` : `the machine at ${last.machine.machine} of ${os.cpus().length} cores`;
        stopReason = `the load generator saturated at ${participants} (${busy}; server event-loop delay p99 there ${last.eventLoopDelay.p99.toFixed(1)} ms)`;
        generatorLimited = true;
        steps.pop();
        excluded = last;
        break;
      }
      if (joined.failed > 0) { stopReason = `${joined.failed} clients failed to join (${joined.firstError})`; break; }
      if (last.disconnects > 0) { stopReason = `${last.disconnects} clients were disconnected`; break; }
      if (last.lost > 0) { stopReason = `${last.lost} edit receipts still missing 2 s after the window`; break; }
      if (last.eventLoopDelay.p99 > config.delayLimitMs) { stopReason = `event-loop delay p99 ${last.eventLoopDelay.p99.toFixed(1)} ms > ${config.delayLimitMs} ms at ${participants}`; break; }
    }
    await generator.call({ type: 'stop-load' });
  } finally {
    await generator.call({ type: 'disconnect' }).catch(() => undefined);
    // Nothing is measured any more: the generators and the server (with its database copy) end together.
    await Promise.all([generator.stop(), sut.dispose()]);
  }
  const passing = steps.filter((s) => s.eventLoopDelay.p99 <= config.delayLimitMs && s.connectFailures === 0 && s.disconnects === 0 && s.lost === 0);
  // Held = the last step before the first failing one.
  const firstFail = steps.findIndex((s) => !passing.includes(s));
  const held = firstFail === -1 ? (steps.at(-1)?.participants ?? 0) : (steps[firstFail - 1]?.participants ?? 0);
  return {
    server: kind,
    meetings: meetings.length,
    held,
    reachedCeiling: firstFail === -1 && !generatorLimited,
    generatorLimited: firstFail === -1 && generatorLimited,
    generatorSaturatedStep: excluded,
    stopReason,
    steps,
    lightClients: config.lightClients,
    rssPerParticipantKb: Math.round(slope(steps.map((s) => s.participants), steps.map((s) => s.rss)) / 1024),
    heapPerParticipantKb: Math.round(slope(steps.map((s) => s.participants), steps.map((s) => s.heapUsed)) / 1024),
  };
}

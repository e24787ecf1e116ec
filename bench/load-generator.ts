import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { EditLedger, type ForeignEdit } from './edit-ledger.js';
import { nowUs, setClockOrigin } from './edit-marks.js';
import {
  isGeneratorRequest, type ConnectResult, type GeneratorCommand, type GeneratorReply, type GeneratorResponse, type WindowResult,
} from './generator-protocol.js';
import { LatencyRecorder } from './latency.js';
import type { ClientProtocol } from './peer-provider.js';
import { SimClient, type Rates, type SimMeeting } from './sim-client.js';

// The load generator: its own process (started by bench/run.ts with an IPC channel), holding the
// simulated participants of a run (or its share of them: generator-pool.ts), so the server under test never shares a CPU core's event
// loop with the load it is measured under.

// Every y-websocket provider registers an exit handler; thousands of them are expected here.
process.setMaxListeners(0);

const READY_TIMEOUT_MS = 120_000;

let httpBases: string[] = [];
let tokens: string[] | null = null;
let protocol: ClientProtocol = 'y-websocket';
/** Light participants (sim-client.ts) but the first of each meeting, which applies every edit as a check. */
let light = false;
let meetings: SimMeeting[] = [];
let generator = { index: 0, count: 1 };
const clients: SimClient[] = [];
const ledger = new EditLedger();
let rates: Rates | null = null;

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let cpuMark = process.cpuUsage();
let eluMark = performance.eventLoopUtilization();
let windowStart = 0;

async function connect(perMeeting: number[], concurrency: number): Promise<ConnectResult> {
  const started = performance.now();
  const ready = new LatencyRecorder();
  let failed = 0;
  let firstError: string | null = null;
  // First clients of meetings that have none go first (on the peers they seed the document).
  const firsts: SimMeeting[] = [];
  const rest: SimMeeting[] = [];
  perMeeting.forEach((n, i) => {
    const meeting = meetings[i]!;
    for (let k = 0; k < n; k++) (meeting.clients.length === 0 && k === 0 ? firsts : rest).push(meeting);
  });
  const connectOne = async (meeting: SimMeeting) => {
    const id = clients.length * generator.count + generator.index;
    const token = tokens ? tokens[id % tokens.length]! : null;
    const position = meeting.clients.length * generator.count + generator.index;
    const client = new SimClient(id, meeting, httpBases[id % httpBases.length]!, token, ledger, protocol, light && position !== 0);
    clients.push(client);
    meeting.clients.push(client);
    const t0 = performance.now();
    try {
      await client.ready(position, READY_TIMEOUT_MS);
      ready.recordUs((performance.now() - t0) * 1000);
      if (rates) client.start(rates);
    } catch (err) {
      failed += 1;
      firstError ??= (err as Error).message;
    }
  };
  for (const queue of [firsts, rest]) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      while (next < queue.length) await connectOne(queue[next++]!);
    }));
  }
  const total = perMeeting.reduce((a, b) => a + b, 0);
  return { connected: total - failed, failed, readyMs: ready.summary(), wallMs: performance.now() - started, firstError, readyHistogram: ready.encode() };
}

/** The window as closed: its length and the generator's own load over it. */
let closed: Pick<WindowResult, 'windowMs' | 'generator'> | null = null;

function closeWindow(): void {
  ledger.close();
  const cpu = process.cpuUsage(cpuMark);
  const elu = performance.eventLoopUtilization(eluMark);
  closed = {
    windowMs: performance.now() - windowStart,
    generator: {
      cpuMs: (cpu.user + cpu.system) / 1000,
      eventLoopDelayP99: Math.max(0, loopDelay.percentile(99) / 1e6 - 10),
      eventLoopDelayMax: Math.max(0, loopDelay.max / 1e6 - 10),
      eventLoopUtilization: elu.utilization,
    },
  };
}

/** This process's clients in a meeting who had synced by `sentUs` (not the sender: it is elsewhere). */
const syncedBy = (meeting: number, sentUs: number) => meetings[meeting]!.clients.filter((c) => c.syncedAtUs <= sentUs).length;

async function endWindow(drainMs: number, foreign: ForeignEdit[]): Promise<WindowResult> {
  if (!closed) throw new Error('window-end before window-close');
  const { windowMs, generator: load } = closed;
  closed = null;
  ledger.adoptForeign(foreign, syncedBy);
  const drainStart = performance.now();
  while (ledger.outstanding() > 0 && performance.now() - drainStart < drainMs) await new Promise((r) => setTimeout(r, 20));
  return {
    ...ledger.result(),
    histograms: ledger.histograms(),
    windowMs,
    clients: clients.filter((c) => c.syncedAtUs !== Number.POSITIVE_INFINITY).length,
    disconnects: clients.reduce((n, c) => n + c.disconnects, 0),
    drainWaitMs: performance.now() - drainStart,
    generator: load,
  };
}

async function handle(command: GeneratorCommand): Promise<GeneratorReply> {
  switch (command.type) {
    case 'configure':
      httpBases = command.httpBases;
      ledger.processes = httpBases.length;
      generator = command.generator;
      ledger.generators = generator.count;
      ledger.generatorIndex = generator.index;
      setClockOrigin(command.clockOriginMs);
      tokens = command.tokens;
      protocol = command.protocol;
      light = command.light;
      meetings = command.meetings.map((m, index) => ({ index, docName: m.docName, seed: m.seed, expectedItems: m.expectedItems, clients: [] }));
      return { type: 'ok' };
    case 'connect':
      return { type: 'connected', result: await connect(command.perMeeting, command.concurrency) };
    case 'start-load':
      rates = command.rates;
      for (const c of clients) if (c.syncedAtUs !== Number.POSITIVE_INFINITY) c.start(command.rates);
      return { type: 'ok' };
    case 'stop-load':
      rates = null;
      for (const c of clients) c.stop();
      return { type: 'ok' };
    case 'window-start':
      // A full collection now, not a long pause in the window: the generator's pauses delay the
      // receipts it times, whichever server it measures.
      globalThis.gc?.();
      ledger.start(nowUs());
      loopDelay.reset();
      cpuMark = process.cpuUsage();
      eluMark = performance.eventLoopUtilization();
      windowStart = performance.now();
      return { type: 'ok' };
    case 'window-close':
      closeWindow();
      return { type: 'closed', edits: command.listEdits ? ledger.ownEdits() : [] };
    case 'window-end':
      return { type: 'window', result: await endWindow(command.drainMs, command.foreign) };
    case 'disconnect':
      for (const c of clients) c.destroy();
      clients.length = 0;
      for (const m of meetings) m.clients.length = 0;
      return { type: 'ok' };
  }
}

process.on('message', (message: unknown) => {
  if (!isGeneratorRequest(message)) return;
  handle(message.command).then(
    (reply) => process.send?.({ id: message.id, reply } satisfies GeneratorResponse),
    (err: unknown) => process.send?.({ id: message.id, reply: { type: 'error', message: (err as Error).stack ?? String(err) } } satisfies GeneratorResponse),
  );
});
process.on('disconnect', () => process.exit(0));
// A CPU profile (BENCH_PROFILE_DIR) is written only on a normal exit.
process.once('SIGTERM', () => process.exit(0));

import { clockNowMs } from './edit-marks.js';
import type { ConnectResult, GeneratorCommand, GeneratorMeeting, WindowResult } from './generator-protocol.js';
import { startGeneratorProcess, type GeneratorProcess } from './generator-process.js';
import { LatencyRecorder, type Percentiles } from './latency.js';
import type { ClientProtocol } from './peer-provider.js';

// One Node process of stock clients saturates near one core (about 2,000 participants here), and a
// busy generator sees every edit late, whichever server it measures. A pool spreads the meetings
// over several generator processes, each meeting in one; or, `spread`, every meeting's clients
// over all of them (one busy meeting), each process counting its own clients' receipts of every
// edit once the others have listed theirs (edit-ledger.ts); all read the same clock (edit-marks.ts).
// Replies are merged as one: counts added, latency histograms merged, the generators' own delays
// and loads as the worst of them.

export interface Generator {
  pids: number[];
  /** `light`: light participants (sim-client.ts) but the first of each meeting. */
  configure(httpBases: string[], tokens: string[] | null, protocol: ClientProtocol, meetings: GeneratorMeeting[], spread?: boolean, light?: boolean): Promise<void>;
  /** Commands that every process answers with ok. */
  call(command: Extract<GeneratorCommand, { type: 'start-load' | 'stop-load' | 'window-start' | 'disconnect' }>): Promise<void>;
  /** Spread: each meeting's new clients shared out, the first ones (who seed the peers' documents) in process 0. */
  connect(perMeeting: number[], concurrency: number): Promise<ConnectResult>;
  endWindow(drainMs: number): Promise<WindowResult>;
  stop(): Promise<void>;
}

function merged(parts: string[]): Percentiles {
  const recorder = new LatencyRecorder();
  for (const part of parts) recorder.add(part);
  return recorder.summary();
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function mergeConnects(parts: ConnectResult[]): ConnectResult {
  return {
    connected: sum(parts.map((p) => p.connected)),
    failed: sum(parts.map((p) => p.failed)),
    readyMs: merged(parts.map((p) => p.readyHistogram!)),
    wallMs: Math.max(...parts.map((p) => p.wallMs)),
    firstError: parts.find((p) => p.firstError)?.firstError ?? null,
  };
}

function mergeWindows(parts: WindowResult[]): WindowResult {
  const total = (key: 'sent' | 'textEdits' | 'valueEdits' | 'expectedReceipts' | 'receipts' | 'lost' | 'duplicates' | 'awarenessSent' | 'clients' | 'disconnects') => sum(parts.map((p) => p[key]));
  const cross = parts.map((p) => p.histograms!.crossProcess);
  return {
    sent: total('sent'),
    textEdits: total('textEdits'),
    valueEdits: total('valueEdits'),
    expectedReceipts: total('expectedReceipts'),
    receipts: total('receipts'),
    lost: total('lost'),
    duplicates: total('duplicates'),
    latency: merged(parts.map((p) => p.histograms!.latency)),
    awarenessSent: total('awarenessSent'),
    awarenessLatency: merged(parts.map((p) => p.histograms!.awareness)),
    crossProcessLatency: cross.every((c) => c !== null) ? merged(cross) : null,
    windowMs: Math.max(...parts.map((p) => p.windowMs)),
    clients: total('clients'),
    disconnects: total('disconnects'),
    drainWaitMs: Math.max(...parts.map((p) => p.drainWaitMs)),
    generator: {
      cpuMs: sum(parts.map((p) => p.generator.cpuMs)),
      eventLoopDelayP99: Math.max(...parts.map((p) => p.generator.eventLoopDelayP99)),
      eventLoopDelayMax: Math.max(...parts.map((p) => p.generator.eventLoopDelayMax)),
      eventLoopUtilization: Math.max(...parts.map((p) => p.generator.eventLoopUtilization)),
    },
  };
}

export function startGenerator(processes = 1): Generator {
  const pool: GeneratorProcess[] = Array.from({ length: processes }, () => startGeneratorProcess());
  /** Per process, the indexes of the meetings it holds (meeting i is in process i % processes). */
  let held: number[][] = pool.map(() => []);
  let spreading = false;
  const all = <T>(run: (g: GeneratorProcess, k: number) => Promise<T>) => Promise.all(pool.map(run));
  /** Process k's share of n new clients of a meeting. */
  const share = (n: number, k: number) => (spreading ? Math.floor(n / processes) + (k < n % processes ? 1 : 0) : n);
  return {
    pids: pool.map((g) => g.pid),
    configure: async (httpBases, tokens, protocol, meetings, spread = false, light = false) => {
      spreading = spread && processes > 1;
      held = pool.map((_, k) => meetings.flatMap((_m, i) => (spreading || i % processes === k ? [i] : [])));
      const clockOriginMs = clockNowMs();
      await all((g, k) => g.call({
        type: 'configure', httpBases, tokens, protocol, meetings: held[k]!.map((i) => meetings[i]!),
        // Apart, each process numbers its clients from 0 as one process would.
        generator: spreading ? { index: k, count: processes } : { index: 0, count: 1 }, clockOriginMs, light,
      }));
    },
    call: async (command) => {
      await all((g) => g.call(command));
    },
    connect: async (perMeeting, concurrency) => {
      const parts = await all((g, k) => g.connect(held[k]!.map((i) => share(perMeeting[i] ?? 0, k)), Math.ceil(concurrency / processes)));
      return mergeConnects(parts.filter((p) => p.connected + p.failed > 0));
    },
    endWindow: async (drainMs) => {
      const own = await all((g) => g.closeWindow(spreading));
      // Held meetings are the same in every process when spread: local indexes are global ones.
      return mergeWindows(await all((g, k) => g.endWindow(drainMs, own.flatMap((edits, j) => (j === k ? [] : edits)))));
    },
    stop: async () => {
      await all((g) => g.stop());
    },
  };
}

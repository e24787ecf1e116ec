import type { ConnectResult, GeneratorCommand, GeneratorMeeting, WindowResult } from './generator-protocol.js';
import { startGeneratorProcess, type GeneratorProcess } from './generator-process.js';
import { LatencyRecorder, type Percentiles } from './latency.js';
import type { ClientProtocol } from './peer-provider.js';

// One Node process of stock clients saturates near one core (about 2,000 participants here), and a
// busy generator sees every edit late, whichever server it measures. A pool spreads the meetings
// over several generator processes; each meeting stays in one, so its senders and receivers share a
// clock. Replies are merged as one: counts added, latency histograms merged, the generators' own
// delays and loads as the worst of them.

export interface Generator {
  pids: number[];
  configure(httpBases: string[], tokens: string[] | null, protocol: ClientProtocol, meetings: GeneratorMeeting[]): Promise<void>;
  /** Commands that every process answers with ok. */
  call(command: Extract<GeneratorCommand, { type: 'start-load' | 'stop-load' | 'window-start' | 'disconnect' }>): Promise<void>;
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
  const all = <T>(run: (g: GeneratorProcess, k: number) => Promise<T>) => Promise.all(pool.map(run));
  return {
    pids: pool.map((g) => g.pid),
    configure: async (httpBases, tokens, protocol, meetings) => {
      held = pool.map((_, k) => meetings.flatMap((_m, i) => (i % processes === k ? [i] : [])));
      await all((g, k) => g.call({ type: 'configure', httpBases, tokens, protocol, meetings: held[k]!.map((i) => meetings[i]!) }));
    },
    call: async (command) => {
      await all((g) => g.call(command));
    },
    connect: async (perMeeting, concurrency) =>
      mergeConnects(await all((g, k) => g.connect(held[k]!.map((i) => perMeeting[i] ?? 0), Math.ceil(concurrency / processes)))),
    endWindow: async (drainMs) => mergeWindows(await all((g) => g.endWindow(drainMs))),
    stop: async () => {
      await all((g) => g.stop());
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { freePort } from '../tests/support/free-port.js';
import { nodeArgs } from './precompiled.js';
import { isProbeReport, type ProbeReport, type ProbeRequest } from './probe-protocol.js';

export const projectRoot = path.resolve(import.meta.dirname, '..');

/** SAM Room, and the two peers it is compared with: plain y-websocket and Hocuspocus. */
export type ServerKind = 'samroom' | 'baseline' | 'hocuspocus';

export const PEERS = ['baseline', 'hocuspocus'] as const;

const ENTRY: Record<ServerKind, string> = { samroom: 'server/main.ts', baseline: 'bench/baseline-server.ts', hocuspocus: 'bench/hocuspocus-server.ts' };

/** Writing a heap snapshot of a server holding hundreds of connections takes a while on a busy machine. */
const PROBE_TIMEOUT_MS = process.env.BENCH_HEAP_SNAPSHOT_DIR ? 600_000 : 30_000;

export interface MeasuredServer {
  kind: ServerKind;
  url: string;
  pid: number;
  /** Ends the current measurement window and starts the next; see probe.ts. */
  probe(opts?: { gc?: boolean }): Promise<ProbeReport>;
  output(): string;
  /** How much the server has printed so far, and what it printed after such a mark (as far as kept). */
  outputMark(): number;
  outputSince(mark: number): string;
  stop(): Promise<void>;
}


/**
 * Starts SAM Room (as `npm start` runs it, minus the client build) or a peer in a process
 * of its own with the probe preloaded, and waits until it answers HTTP. `entry` replaces the
 * kind's own entry (the probe's tests run a server of their own).
 */
export async function startMeasuredServer(kind: ServerKind, env: Record<string, string>, entry = ENTRY[kind]): Promise<MeasuredServer> {
  const port = await freePort();
  const threadTag = path.join(projectRoot, 'bench/probe-thread.cjs');
  // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of every measured server, to see where time goes.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--expose-gc', '--require', threadTag, ...nodeArgs(entry, ['bench/probe.ts'])], {
    cwd: projectRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  let printed = 0;
  const keep = (d: Buffer) => {
    const text = d.toString();
    printed += text.length;
    output = (output + text).slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let nextId = 1;
  const waiting = new Map<number, (report: ProbeReport) => void>();
  child.on('message', (message: unknown) => {
    if (!isProbeReport(message)) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited during start:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${kind} server not answering within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    kind,
    url,
    pid: child.pid!,
    output: () => output,
    outputMark: () => printed,
    outputSince: (mark) => output.slice(Math.max(0, output.length - (printed - mark))),
    probe: ({ gc = false } = {}) =>
      new Promise<ProbeReport>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${kind} server did not answer the probe`));
        }, PROBE_TIMEOUT_MS);
        waiting.set(id, (report) => {
          clearTimeout(timer);
          resolve(report);
        });
        const request: ProbeRequest = { type: 'probe', id, gc };
        child.send(request);
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { ForeignEdit } from './edit-ledger.js';
import {
  isGeneratorResponse, type ConnectResult, type GeneratorCommand, type GeneratorReply, type GeneratorRequest, type WindowResult,
} from './generator-protocol.js';
import { projectRoot } from './measured-server.js';
import { nodeArgs } from './precompiled.js';

/** A load generator process, driven by request and reply over IPC (several make a pool: generator-pool.ts). */
export interface GeneratorProcess {
  pid: number;
  call(command: GeneratorCommand): Promise<GeneratorReply>;
  connect(perMeeting: number[], concurrency: number): Promise<ConnectResult>;
  /** Closes the window: this process's edits in it, when asked to list them. */
  closeWindow(listEdits: boolean): Promise<ForeignEdit[]>;
  /** Then drains it, other processes' edits included. */
  endWindow(drainMs: number, foreign: ForeignEdit[]): Promise<WindowResult>;
  stop(): Promise<void>;
}

export function startGeneratorProcess(): GeneratorProcess {
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--max-old-space-size=8192', '--heap-growing-percent=400', '--expose-gc', ...nodeArgs('bench/load-generator.ts')], {
    cwd: projectRoot,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (reply: GeneratorReply) => void; reject: (err: Error) => void }>();
  child.on('message', (message: unknown) => {
    if (!isGeneratorResponse(message)) return;
    waiting.get(message.id)?.resolve(message.reply);
    waiting.delete(message.id);
  });
  child.on('exit', (code, signal) => {
    for (const w of waiting.values()) w.reject(new Error(`load generator exited (${code ?? signal})`));
    waiting.clear();
  });

  const call = (command: GeneratorCommand) =>
    new Promise<GeneratorReply>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, command } satisfies GeneratorRequest);
    }).then((reply) => {
      if (reply.type === 'error') throw new Error(`load generator: ${reply.message}`);
      return reply;
    });

  return {
    pid: child.pid!,
    call,
    connect: async (perMeeting, concurrency) => {
      const reply = await call({ type: 'connect', perMeeting, concurrency });
      if (reply.type !== 'connected') throw new Error(`unexpected reply ${reply.type}`);
      return reply.result;
    },
    closeWindow: async (listEdits) => {
      const reply = await call({ type: 'window-close', listEdits });
      if (reply.type !== 'closed') throw new Error(`unexpected reply ${reply.type}`);
      return reply.edits;
    },
    endWindow: async (drainMs, foreign) => {
      const reply = await call({ type: 'window-end', drainMs, foreign });
      if (reply.type !== 'window') throw new Error(`unexpected reply ${reply.type}`);
      return reply.result;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

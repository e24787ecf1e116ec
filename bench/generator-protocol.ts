import type { ItemInit } from '../shared/meeting-doc/index.js';
import type { EditCounts, ForeignEdit, WindowHistograms } from './edit-ledger.js';
import type { Percentiles } from './latency.js';
import type { ClientProtocol } from './peer-provider.js';
import type { Rates } from './sim-client.js';

// Requests the orchestrator sends the load generator over IPC, each answered by one reply with
// the same id.

export interface GeneratorMeeting {
  docName: string;
  /** The peers' documents start empty and are seeded with these; null for SAM Room. */
  seed: ItemInit[] | null;
  expectedItems: number;
}

export type GeneratorCommand =
  /**
   * Client i connects to `httpBases[i % httpBases.length]`: several for processes sharing a meeting.
   * This is generator `generator.index` of `generator.count`: its clients are numbered index,
   * index + count, … (and hold those positions in their meetings), so a meeting's clients may be
   * spread over the processes. `clockOriginMs` (edit-marks.ts) is the same for all of them.
   * `light`: light participants (sim-client.ts) but the first of each meeting.
   */
  | {
    type: 'configure'; httpBases: string[]; tokens: string[] | null; protocol: ClientProtocol; meetings: GeneratorMeeting[];
    generator: { index: number; count: number }; clockOriginMs: number; light: boolean;
  }
  /** Adds clients: `perMeeting[i]` more to meeting i, `concurrency` handshakes at a time. */
  | { type: 'connect'; perMeeting: number[]; concurrency: number }
  | { type: 'start-load'; rates: Rates }
  | { type: 'stop-load' }
  | { type: 'window-start' }
  /** Closes the window; replies with this process's edits in it when `listEdits`. */
  | { type: 'window-close'; listEdits: boolean }
  /**
   * Then waits up to `drainMs` for the window's edits to arrive at this process's clients: its own
   * and `foreign`, the other processes' edits in meetings it holds (meeting = index in this process).
   */
  | { type: 'window-end'; drainMs: number; foreign: ForeignEdit[] }
  | { type: 'disconnect' };

export interface ConnectResult {
  connected: number;
  failed: number;
  /** Connect → synced with all items, per client, in ms. */
  readyMs: Percentiles;
  wallMs: number;
  firstError: string | null;
  /** readyMs's histogram, to merge several generator processes' (dropped once merged). */
  readyHistogram?: string;
}

export interface WindowResult extends EditCounts {
  windowMs: number;
  clients: number;
  /** Websocket closes after the first sync, since the clients connected. */
  disconnects: number;
  /** How long the drain waited for the last receipts. */
  drainWaitMs: number;
  /** The generator's own load: when it is busy, latencies include its delay. */
  generator: { cpuMs: number; eventLoopDelayP99: number; eventLoopDelayMax: number; eventLoopUtilization: number };
  /** The latencies' histograms, to merge several generator processes' (dropped once merged). */
  histograms?: WindowHistograms;
}

export type GeneratorReply =
  | { type: 'ok' }
  | { type: 'connected'; result: ConnectResult }
  | { type: 'closed'; edits: ForeignEdit[] }
  | { type: 'window'; result: WindowResult }
  | { type: 'error'; message: string };

export interface GeneratorRequest {
  id: number;
  command: GeneratorCommand;
}

export interface GeneratorResponse {
  id: number;
  reply: GeneratorReply;
}

export function isGeneratorRequest(value: unknown): value is GeneratorRequest {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number'
    && typeof (value as { command?: unknown }).command === 'object';
}

export function isGeneratorResponse(value: unknown): value is GeneratorResponse {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number'
    && typeof (value as { reply?: unknown }).reply === 'object';
}

import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';

// A light participant's websocket (sim-client.ts): a stock provider runs on it unchanged (sync,
// its own edits, presence and presence relays, reconnects), except that, while `tap.active()`,
// the sync updates other participants' edits arrive in go to `tap.take` instead of the provider.
// A stock provider answers none of them, so the server sees the same traffic from it. A socket
// diverts nothing before the server's sync step 2 has passed on it, so a reconnect's resync is
// applied as a stock client applies it.

/** y-websocket's messages start with their type; Hocuspocus's with the document's name first. */
export type Framing = 'y-websocket' | 'hocuspocus';

export interface UpdateTap {
  active(): boolean;
  take(update: Uint8Array): void;
}

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  return null;
}

/** A sync message's kind (step 1, step 2, update) and its payload; null for any other message. */
export function readSync(message: Uint8Array, framing: Framing): { kind: number; payload: Uint8Array } | null {
  try {
    const decoder = decoding.createDecoder(message);
    if (framing === 'hocuspocus') decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    const kind = decoding.readVarUint(decoder);
    return { kind, payload: decoding.readVarUint8Array(decoder) };
  } catch {
    // Not ours to judge: the provider gets it.
    return null;
  }
}

/**
 * ws's WebSocket (the browser API both providers expect) with an error listener of its own: a
 * provider removes its listeners before it closes a socket, and ws reports closing one that is
 * still connecting as an 'error', which in Node ends the process when nobody listens.
 * With a tap, incoming sync updates are diverted before any listener sees them.
 */
export function providerWebSocket(framing: Framing, tap?: UpdateTap): new (address: string, protocols?: string | string[]) => WebSocket {
  return class ProviderWebSocket extends WebSocket {
    private synced = false;

    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('error', () => undefined);
    }

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (tap && event === 'message' && args[1] === true) {
        const message = bytesOf(args[0]);
        const sync = message && readSync(message, framing);
        if (sync?.kind === SYNC_STEP_2) this.synced = true;
        if (sync?.kind === SYNC_UPDATE && this.synced && tap.active()) {
          tap.take(sync.payload);
          return true;
        }
      }
      return super.emit(event, ...args);
    }
  };
}

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

// The y-websocket wire protocol: a varUint message type, then the sync or awareness payload.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array } // sync step 2 and incremental updates alike
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** Decodes one client message; throws on anything malformed or unknown. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  let message: ClientMessage;
  if (type === MESSAGE_SYNC) {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) message = { type: 'sync-step-1', stateVector: payload };
    else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) message = { type: 'update', update: payload };
    else throw new Error(`unknown sync message ${syncType}`);
  } else if (type === MESSAGE_AWARENESS) {
    message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
  } else if (type === MESSAGE_QUERY_AWARENESS) {
    message = { type: 'query-awareness' };
  } else {
    throw new Error(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after message');
  return message;
}

/**
 * A message as a Buffer over the encoder's bytes (no copy): ws wraps anything else in a Buffer of
 * its own on every send, and a broadcast sends one message to every connection of the room.
 */
function message(encoder: encoding.Encoder): Buffer {
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return message(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return message(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return message(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return message(encoder);
}

const utf8 = new TextDecoder();

/**
 * The entries of an awareness update that `keep` accepts (by client id and clock), re-encoded (null
 * when none is left). Throws when the update is malformed or a kept state is not JSON. A dropped
 * entry's state is skipped as bytes, never decoded: stock y-websocket clients relay every presence
 * change they hear back to the server, so most entries are such relays (60 a change in a room of 60).
 */
export function filterAwarenessUpdate(update: Uint8Array, keep: (clientId: number, clock: number) => boolean): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const kept: { clientId: number; clock: number; state: Uint8Array }[] = [];
  const len = decoding.readVarUint(decoder);
  for (let i = 0; i < len; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // A string on the wire is its UTF-8 bytes with their length, as a byte array is.
    const state = decoding.readVarUint8Array(decoder);
    if (!keep(clientId, clock)) continue;
    JSON.parse(utf8.decode(state));
    kept.push({ clientId, clock, state });
  }
  if (kept.length === 0) return null;
  if (kept.length === len) return update;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarUint8Array(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

import { randomBytes } from 'node:crypto';
import type { Bus } from '../bus/bus.js';

// Bus message: 1 byte kind, 16 bytes sending process, then the Yjs payload.
const KINDS = ['update', 'awareness'] as const;
type Kind = (typeof KINDS)[number];
const PROCESS_ID = randomBytes(16);
const HEADER = 17;

export const channelOf = (docName: string) => `collab:${docName}`;

export function encodeBusMessage(kind: Kind, payload: Uint8Array): Uint8Array {
  const message = new Uint8Array(HEADER + payload.length);
  message[0] = KINDS.indexOf(kind);
  message.set(PROCESS_ID, 1);
  message.set(payload, HEADER);
  return message;
}

/** The kind and payload of a message another process sent; null for our own or unknown ones. */
export function decodeBusMessage(message: Uint8Array): { kind: Kind; payload: Uint8Array } | null {
  const kind = KINDS[message[0] ?? -1];
  if (!kind || message.length < HEADER) return null;
  if (Buffer.compare(message.subarray(1, HEADER), PROCESS_ID) === 0) return null;
  return { kind, payload: message.subarray(HEADER) };
}

export function subscribeDoc(bus: Bus, docName: string, onMessage: (kind: Kind, payload: Uint8Array) => void) {
  return bus.subscribe(channelOf(docName), (message) => {
    const decoded = decodeBusMessage(message);
    if (decoded) onMessage(decoded.kind, decoded.payload);
  });
}

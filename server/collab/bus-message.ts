import { randomBytes } from 'node:crypto';
import type { DocWriter } from './persistence.js';

// Bus message: 1 byte kind, 16 bytes sending process, for an edit its 4-byte number (and, in its
// early copy, its writer: two ids, each a 1-byte length, 255 for none, then its bytes), then the Yjs payload.
// An edit goes out twice: `unstored` on receipt, so other processes' clients see it at once, and
// `stored` once it is stored, which is what a peer relies on (unstored-updates.ts, bus-resync.ts).
// The early copy names its writer, so a peer that has to store it (its sender died first) stores it as theirs.
const KINDS = ['stored', 'awareness', 'unstored'] as const;
const PROCESS_ID = randomBytes(16);
const SENDER = 17;
const NUMBERED = SENDER + 4;

export type BusDocMessage =
  | { kind: 'awareness'; payload: Uint8Array }
  | { kind: 'unstored'; id: number; writer: DocWriter; payload: Uint8Array }
  | { kind: 'stored'; id: number; payload: Uint8Array };

/** A message from another process: what it says, and a key naming its edit apart from every other process's. */
export type HeardMessage = BusDocMessage & { sender: string };

const NONE = 255;

function encodeWriter({ participantId, userId }: DocWriter): Uint8Array {
  const ids = [participantId, userId].map((id) => (id === null ? null : Buffer.from(id, 'utf8')));
  const bytes = new Uint8Array(ids.reduce((sum, id) => sum + 1 + (id?.length ?? 0), 0));
  let at = 0;
  for (const id of ids) {
    if (id && id.length >= NONE) throw new Error(`a writer id of ${id.length} bytes does not fit a bus message`);
    bytes[at++] = id ? id.length : NONE;
    if (id) bytes.set(id, at);
    at += id?.length ?? 0;
  }
  return bytes;
}

/** The writer at `at`, and where the payload starts; null when the bytes end first. */
function decodeWriter(bytes: Uint8Array, at: number): { writer: DocWriter; end: number } | null {
  const ids: (string | null)[] = [];
  for (let i = 0; i < 2; i++) {
    const length = bytes[at];
    if (length === undefined) return null;
    at += 1;
    if (length === NONE) {
      ids.push(null);
      continue;
    }
    if (at + length > bytes.length) return null;
    ids.push(Buffer.from(bytes.buffer, bytes.byteOffset + at, length).toString('utf8'));
    at += length;
  }
  return { writer: { participantId: ids[0]!, userId: ids[1]! }, end: at };
}

export function encodeBusMessage(message: BusDocMessage): Uint8Array {
  const writer = message.kind === 'unstored' ? encodeWriter(message.writer) : new Uint8Array(0);
  const header = (message.kind === 'awareness' ? SENDER : NUMBERED) + writer.length;
  const bytes = new Uint8Array(header + message.payload.length);
  bytes[0] = KINDS.indexOf(message.kind);
  bytes.set(PROCESS_ID, 1);
  if (message.kind !== 'awareness') new DataView(bytes.buffer, bytes.byteOffset + SENDER, 4).setUint32(0, message.id);
  bytes.set(writer, NUMBERED);
  bytes.set(message.payload, header);
  return bytes;
}

/** What another process sent; null for our own messages or unknown ones. */
export function decodeBusMessage(bytes: Uint8Array): HeardMessage | null {
  const kind = KINDS[bytes[0] ?? -1];
  if (!kind || bytes.length < (kind === 'awareness' ? SENDER : NUMBERED)) return null;
  const sender = bytes.subarray(1, SENDER);
  if (Buffer.compare(sender, PROCESS_ID) === 0) return null;
  const senderHex = Buffer.from(sender.buffer, sender.byteOffset, sender.length).toString('hex');
  if (kind === 'awareness') return { kind, sender: senderHex, payload: bytes.subarray(SENDER) };
  const id = new DataView(bytes.buffer, bytes.byteOffset + SENDER, 4).getUint32(0);
  if (kind === 'stored') return { kind, id, sender: senderHex, payload: bytes.subarray(NUMBERED) };
  const writer = decodeWriter(bytes, NUMBERED);
  if (!writer) return null;
  return { kind, id, writer: writer.writer, sender: senderHex, payload: bytes.subarray(writer.end) };
}

import { flagMarks, textMarks, type EditMark } from './edit-marks.js';

// The edit marks in a Yjs update as it arrives, read from its bytes without applying it (the light
// participant, light-socket.ts). In the v1 update encoding y-websocket and Hocuspocus send, an
// inserted string is written whole as UTF-8 (a text mark is ASCII, so contiguous and bracketed),
// and a flag inside a map value is a string behind its one-byte length. Merging updates
// (Y.mergeUpdates) copies structs whole, so both survive the server's per-turn batch.

export function marksInUpdate(update: Uint8Array): EditMark[] {
  // latin1: one character per byte, so offsets and lengths are the bytes'.
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
  const marks = textMarks(bytes);
  for (let at = bytes.indexOf('B_'); at > 0; at = bytes.indexOf('B_', at + 2)) {
    const length = bytes.charCodeAt(at - 1);
    marks.push(...flagMarks([bytes.slice(at, at + length)]));
  }
  return marks;
}

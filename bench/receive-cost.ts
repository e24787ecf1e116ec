// What receiving one edit costs a participant, stock against light: the same 4,000 edits of a
// meeting of 20 (80% text marks, 20% values), as sync messages, applied to a Y.Doc with the stock
// participant's observer, or read for marks from the bytes (light-socket.ts, wire-marks.ts). CPU
// time in one process, so other work on the machine slows both alike; the socket's own work per
// message, the same for both, is not in it. `npx tsx bench/receive-cost.ts`
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { getItems, listItems, rationaleText, setFields } from '../shared/meeting-doc/index.js';
import { seedItems } from '../server/collab/item-seed.js';
import { flagMark, flagMarks, textMark, textMarks } from './edit-marks.js';
import { readSync } from './light-socket.js';
import { marksInUpdate } from './wire-marks.js';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const seed = Array.from({ length: 30 }, (_, i) => ({ id: `i${i}`, caseId: `c${i}`, familyRef: `F-${i}`, reason: 'NEW_EPISODE' as const, episodes: [], rank: `a${DIGITS[i]!}` }));
const base = new Y.Doc();
seedItems(base, seed, null);
const initial = Y.encodeStateAsUpdate(base);
const EDITS = 4000;
const WRITERS = 20;

/** The meeting's edits as the sync messages a participant receives, each writer holding everything sent before. */
function meetingMessages(): Uint8Array[] {
  const writers = Array.from({ length: WRITERS }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial);
    return doc;
  });
  const messages: Uint8Array[] = [];
  for (let k = 0; k < EDITS; k++) {
    const writer = writers[k % WRITERS]!;
    const updates: Uint8Array[] = [];
    const keep = (u: Uint8Array) => updates.push(u);
    writer.on('update', keep);
    const items = listItems(writer);
    const mark = { sender: k % WRITERS, seq: k, sentUs: 1_000_000 + k };
    if (k % 5 === 0) {
      setFields(items[k % WRITERS]!, { riskLevel: 'HIGH', flags: [flagMark(mark)] });
    } else {
      const text = rationaleText(items[k % items.length]!);
      text.insert(text.length, textMark(mark));
    }
    writer.off('update', keep);
    const update = updates[0]!;
    for (const other of writers) if (other !== writer) Y.applyUpdate(other, update);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    messages.push(encoding.toUint8Array(encoder));
  }
  return messages;
}

/** A stock participant: applies each update, finding the marks as sim-client.ts's observer does. */
function stock(messages: Uint8Array[]): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initial);
  let seen = 0;
  getItems(doc).observeDeep((events) => {
    for (const event of events) {
      if (event.target instanceof Y.Text) {
        for (const d of event.delta) if (typeof d.insert === 'string') seen += textMarks(d.insert).length;
      } else if (event instanceof Y.YMapEvent && event.keysChanged.has('flags')) {
        seen += flagMarks(event.target.get('flags')).length;
      }
    }
  });
  for (const m of messages) Y.applyUpdate(doc, readSync(m, 'y-websocket')!.payload, 'remote');
  return seen;
}

function light(messages: Uint8Array[]): number {
  let seen = 0;
  for (const m of messages) seen += marksInUpdate(readSync(m, 'y-websocket')!.payload).length;
  return seen;
}

function timed(run: (messages: Uint8Array[]) => number, messages: Uint8Array[]): { usPerEdit: number; seen: number } {
  const start = process.cpuUsage();
  const seen = run(messages);
  const used = process.cpuUsage(start);
  return { usPerEdit: Math.round(((used.user + used.system) / EDITS) * 10) / 10, seen };
}

const messages = meetingMessages();
// The first rounds warm the JIT up.
for (let round = 1; round <= 3; round++) {
  console.log(JSON.stringify({ round, edits: EDITS, stock: timed(stock, messages), light: timed(light, messages) }));
}

import { performance } from 'node:perf_hooks';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { z } from 'zod';
import { itemInit } from '../shared/meeting-doc/test-fixtures.js';
import { dissentText, listItems, rationaleText, setFields } from '../shared/meeting-doc/index.js';
import { attachMeetingAuthority } from '../server/collab/authority.js';
import { Connection } from '../server/collab/connection.js';
import { seedItems } from '../server/collab/item-seed.js';
import { encodeUpdate } from '../server/collab/protocol.js';
import { SharedDoc } from '../server/collab/shared-doc.js';
import { createLogger } from '../server/logger.js';

// The server's own work per edit, without sockets, database or load generator: a meeting's
// SharedDoc with its authority, client updates handed to `receive` as the websocket would, the
// per-turn broadcast to every connection, and the hand-over to persistence and the bus. On a
// machine others share, the CPU of this one process is the steady figure to compare a change by
// (`npm run bench` measures the whole server against its peers). Profile it with
// `node --cpu-prof --import tsx bench/edit-path.ts`.
//
// `npx tsx bench/edit-path.ts [--participants=60] [--items=60] [--edits=20000] [--per-turn=4] [--rounds=3]`

const args = process.argv.slice(2);
const count = (name: string, fallback: number) =>
  z.coerce.number().int().positive().parse(args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const participants = count('participants', 60);
const items = count('items', 60);
const edits = count('edits', 20_000);
const perTurn = count('per-turn', 4);
const rounds = count('rounds', 3);
/** As the bench's generator: a fifth of edits set an item's values, the rest type text. */
const VALUE_SHARE = 0.2;

/** A websocket that takes whatever is sent and counts it. */
class NullSocket {
  readonly OPEN = 1;
  readonly CONNECTING = 0;
  readyState = 1;
  bufferedAmount = 0;
  sent = 0;
  send(): void {
    this.sent += 1;
  }
  /** A broadcast, framed once (Connection.sendFrame). */
  write(): boolean {
    this.sent += 1;
    return true;
  }
  close(): void {}
  terminate(): void {}
}

function buildRoom() {
  let stored = 0;
  let published = 0;
  const shared = new SharedDoc('meeting:bench', { kind: 'meeting', meetingId: 'bench' }, {
    persist: async () => {
      stored += 1;
    },
    // Counts the stored copies: each edit also goes out once before it is stored.
    publish: (message) => {
      if (message.kind === 'stored') published += 1;
    },
    onEmpty: () => {},
  }, 16 * 1024 * 1024, createLogger('warn'));
  const inits = Array.from({ length: items }, (_, i) => itemInit(`item-${i}`));
  seedItems(shared.doc, inits, null);
  attachMeetingAuthority(shared, new Map(inits.map((init) => [init.id, init])), () => {
    throw new Error('the authority repaired an edit the bench meant to be valid');
  });
  const clients = Array.from({ length: participants }, (_, i) => {
    const socket = new NullSocket();
    const conn = new Connection(socket as unknown as WebSocket, socket, { participantId: `p${i}`, userId: null }, { agency: 'POLICE', role: 'REP' }, true, `p${i}`);
    shared.add(conn);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(shared.doc));
    const outbox: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => outbox.push(update));
    return { conn, socket, doc, outbox, items: listItems(doc), seq: 0 };
  });
  return { shared, clients, counts: () => ({ stored, published }) };
}

/** One client's edit, as the bench's generator makes them; returns the message it sends. */
function edit(client: ReturnType<typeof buildRoom>['clients'][number], index: number): Uint8Array {
  client.seq += 1;
  const item = client.items[(index * 7 + client.seq) % client.items.length]!;
  if (Math.random() < VALUE_SHARE) setFields(client.items[index % client.items.length]!, { flags: [`B_${index}_${client.seq}`] });
  else {
    const text = Math.random() < 0.9 ? rationaleText(item) : dissentText(item);
    text.insert(text.length, `[e${index}.${client.seq}] `);
  }
  const message = encodeUpdate(client.outbox.length === 1 ? client.outbox[0]! : Y.mergeUpdates(client.outbox));
  client.outbox.length = 0;
  return message;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function round(): Promise<{ cpuUsPerEdit: number; wallUsPerEdit: number; sendsPerEdit: number }> {
  const { shared, clients, counts } = buildRoom();
  // Edits are prepared first, so only the server's side is timed.
  const messages = Array.from({ length: edits }, (_, n) => {
    const index = n % participants;
    return { from: clients[index]!, message: edit(clients[index]!, index) };
  });
  // Each client's own document is behind the others: what it sent is what the server applies.
  await nextTurn();
  const before = counts();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let n = 0; n < messages.length; n += perTurn) {
    for (const { from, message } of messages.slice(n, n + perTurn)) shared.receive(from.conn, message);
    await nextTurn();
  }
  const used = process.cpuUsage(cpu);
  const wallUs = (performance.now() - wall) * 1000;
  const sends = clients.reduce((sum, c) => sum + c.socket.sent, 0);
  const stored = counts().stored - before.stored;
  if (stored !== edits) throw new Error(`stored ${stored} of ${edits} edits`);
  await nextTurn();
  const published = counts().published - before.published;
  if (published !== edits) throw new Error(`published ${published} of ${edits} edits`);
  shared.destroy();
  return { cpuUsPerEdit: (used.user + used.system) / edits, wallUsPerEdit: wallUs / edits, sendsPerEdit: sends / edits };
}

console.log(`edit path: ${participants} participants, ${items} items, ${edits} edits, ${perTurn} per turn, ${rounds} rounds`);
const results = [];
for (let r = 0; r < rounds; r++) {
  const result = await round();
  results.push(result);
  console.log(`  round ${r + 1}: CPU ${result.cpuUsPerEdit.toFixed(1)} µs/edit, wall ${result.wallUsPerEdit.toFixed(1)} µs/edit, ${result.sendsPerEdit.toFixed(2)} sends/edit`);
}
const cpus = results.map((r) => r.cpuUsPerEdit).sort((a, b) => a - b);
console.log(`median CPU ${cpus[Math.floor(cpus.length / 2)]!.toFixed(1)} µs/edit (min ${cpus[0]!.toFixed(1)})`);

import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dissentText, listItems, meetingDocName, rationaleText, type ItemInit } from '../../shared/meeting-doc/index.js';
import { agendaItemInits } from '../../server/records/agenda-snapshot.js';
import { EditLedger } from '../../bench/edit-ledger.js';
import { markKey, nowUs, textMarks, type EditMark } from '../../bench/edit-marks.js';
import { episodeRows } from '../../bench/episodes.js';
import { HttpSession } from '../../bench/http-session.js';
import { startMeasuredServer } from '../../bench/measured-server.js';
import type { ClientProtocol } from '../../bench/peer-provider.js';
import { SimClient, type SimMeeting } from '../../bench/sim-client.js';
import { createTestDatabase } from '../support/db.js';
import { DEMO_PASSWORD, startTestServer } from '../support/server.js';

// The ramp's light participants (bench/sim-client.ts) read other participants' edits from the
// bytes of the updates they never apply. Against each real server, a meeting of stock and light
// participants all typing and setting values: every participant must account for the very same
// edits, once each, as the stock ones who apply them do. Counts only, never timings.

/** Which edits were sent in the window and who saw which, besides the ledger's own counts. */
class RecordingLedger extends EditLedger {
  readonly sentKeys = new Set<number>();
  readonly seenBy = new Map<number, Set<number>>();

  override sent(mark: EditMark, kind: 'text' | 'value', expected: number, meeting?: number): void {
    this.sentKeys.add(markKey(mark.sender, mark.seq));
    super.sent(mark, kind, expected, meeting);
  }

  override seen(mark: EditMark, receiver: number, now: number): void {
    const who = this.seenBy.get(receiver) ?? new Set<number>();
    this.seenBy.set(receiver, who.add(markKey(mark.sender, mark.seq)));
    super.seen(mark, receiver, now);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Every y-websocket provider registers an exit handler.
process.setMaxListeners(0);
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** Six participants, the odd ones light; edits fast enough that the servers batch several per turn. */
async function typeTogether(url: string, protocol: ClientProtocol, tokens: string[] | null, docName: string, items: ItemInit[], seed: boolean) {
  const ledger = new RecordingLedger();
  const meeting: SimMeeting = { index: 0, docName, seed: seed ? items : null, expectedItems: items.length, clients: [] };
  const clients: SimClient[] = [];
  cleanups.push(async () => clients.forEach((c) => c.destroy()));
  for (let i = 0; i < 6; i++) {
    const client = new SimClient(i, meeting, url, tokens ? tokens[i % tokens.length]! : null, ledger, protocol, i % 2 === 1);
    clients.push(client);
    meeting.clients.push(client);
    await client.ready(i, 30_000);
  }
  ledger.start(nowUs());
  for (const c of clients) c.start({ editsPerSec: 10, awarenessPerSec: 2, valueShare: 0.3 });
  await sleep(1_500);
  for (const c of clients) c.stop();
  ledger.close();
  for (let waited = 0; ledger.outstanding() > 0 && waited < 5_000; waited += 50) await sleep(50);
  // The last repairs and presence relays, before the documents are compared.
  await sleep(300);
  const window = ledger.result();
  const light = clients.filter((c) => c.light);
  const full = clients.filter((c) => !c.light);
  return { window, ledger, light, full };
}

function expectSameAccounts({ window, ledger, light, full }: Awaited<ReturnType<typeof typeTogether>>): void {
  expect(light.length).toBe(3);
  expect(window.textEdits).toBeGreaterThan(0);
  expect(window.valueEdits).toBeGreaterThan(0);
  expect(window.expectedReceipts).toBe(window.sent * 5);
  expect(window.lost).toBe(0);
  expect(window.duplicates).toBe(0);
  expect(window.receipts).toBe(window.expectedReceipts);
  expect(window.latency.count).toBe(window.receipts);
  // Each participant, light or stock, saw exactly the window's edits of everyone else.
  for (const c of [...light, ...full]) {
    const othersEdits = [...ledger.sentKeys].filter((k) => Math.floor(k / 1_000_000) !== c.id).sort();
    expect([...(ledger.seenBy.get(c.id) ?? [])].filter((k) => ledger.sentKeys.has(k)).sort(), `participant ${c.id}`).toEqual(othersEdits);
  }
  // The light ones never applied them: their documents hold none of the others' edits.
  for (const l of light) {
    const held = listItems(l.doc).flatMap((item) => [...textMarks(rationaleText(item).toString()), ...textMarks(dissentText(item).toString())]);
    expect(held.filter((m) => m.sender !== l.id && ledger.sentKeys.has(markKey(m.sender, m.seq)))).toEqual([]);
  }
  // The stock participants converged, on documents holding the light ones' edits too.
  const vectors = full.map((f) => Buffer.from(Y.encodeStateVector(f.doc)).toString('hex'));
  expect(new Set(vectors).size).toBe(1);
  const texts = full.map((f) => listItems(f.doc).map((item) => rationaleText(item).toString()).join('|'));
  expect(new Set(texts).size).toBe(1);
}

describe('bench light participants', () => {
  it('account for the same edits as stock participants on SAM Room (edits merged per turn)', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.stop());
    const sessions = await Promise.all(['chair', 'coordinator', 'police'].map((who) => HttpSession.signIn(server.url, `${who}.waikato@demo.test`, DEMO_PASSWORD)));
    const [site] = await sessions[1]!.json<{ id: string }[]>('GET', '/api/sites');
    const { id } = await sessions[1]!.json<{ id: string }>('POST', '/api/meetings', { siteId: site!.id, date: '2031-03-01', kind: 'DAILY_SAM' });
    await sessions[1]!.json('POST', `/api/meetings/${id}/episodes/import`, episodeRows('LIGHT', 8));
    await Promise.all(sessions.map((s) => s.json('POST', `/api/meetings/${id}/confidentiality`, { acknowledged: true })));
    const items = await agendaItemInits(server.ctx.db, id);
    expectSameAccounts(await typeTogether(server.url, 'y-websocket', sessions.map((s) => s.token), meetingDocName(id), items, false));
  }, 90_000);

  const seedItems = Array.from({ length: 8 }, (_, i) => ({
    id: `light-item-${i}`, caseId: `light-case-${i}`, familyRef: `BENCH-${i}`, reason: 'NEW_EPISODE' as const, episodes: [], rank: `a${i}`,
  }));

  it('on the y-websocket baseline', async () => {
    const server = await startMeasuredServer('baseline', {});
    cleanups.push(() => server.stop());
    expectSameAccounts(await typeTogether(server.url, 'y-websocket', null, 'bench-light', seedItems, true));
  }, 60_000);

  it('on Hocuspocus (the document name before every message)', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    if (!db.url) return; // Hocuspocus stores to PostgreSQL only
    const token = randomBytes(24).toString('base64url');
    const server = await startMeasuredServer('hocuspocus', { DATABASE_URL: db.url, HOCUSPOCUS_TOKEN: token });
    cleanups.push(() => server.stop());
    expectSameAccounts(await typeTogether(server.url, 'hocuspocus', [token], 'bench-light', seedItems, true));
  }, 60_000);
});

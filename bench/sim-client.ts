import * as Y from 'yjs';
import {
  dissentText, getItems, listItems, rationaleText, setFields, type ItemInit, type MeetingItem,
} from '../shared/meeting-doc/index.js';
import { seedItems } from '../server/collab/item-seed.js';
import { flagMark, flagMarks, nowUs, textMark, textMarks, type EditMark } from './edit-marks.js';
import type { EditLedger } from './edit-ledger.js';
import { openPeerProvider, type ClientProtocol, type PeerProvider } from './peer-provider.js';
import { marksInUpdate } from './wire-marks.js';

// One simulated participant: a stock client (peer-provider.ts) with its own Y.Doc, typing into items'
// text fields and setting their values through the same typed accessors the app's client uses,
// moving its presence (awareness) around, and noting every other participant's edit it sees.
//
// A light participant (the ramp's) is the same stock client on a socket that, once it is ready,
// diverts the other participants' updates before they reach its document (light-socket.ts): it
// reads their edit marks from the bytes (wire-marks.ts) and never applies them, so a meeting of n
// costs the generator n times less Yjs work while the server gets the same traffic. Its own edits
// are made in its document as it stood at its sync plus its own edits: valid operations on items
// the server knows, which the server integrates like any concurrent edit (a text mark lands after
// this participant's last one rather than at the end of everyone's).

export interface SimMeeting {
  index: number;
  docName: string;
  /** Items the peers' empty documents are seeded with by their first client; null for SAM Room. */
  seed: ItemInit[] | null;
  expectedItems: number;
  clients: SimClient[];
}

export interface Rates {
  editsPerSec: number;
  awarenessPerSec: number;
  valueShare: number;
}

const LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
const AGENCIES = ['POLICE', 'OT', 'HEALTH', 'CORRECTIONS', 'MSD', 'ACC', 'EDUCATION', 'IWI', 'NGO'];

export class SimClient {
  readonly doc = new Y.Doc();
  readonly provider: PeerProvider;
  /** When the first sync completed; edits sent before it are not expected to reach this client. */
  syncedAtUs = Number.POSITIVE_INFINITY;
  disconnects = 0;
  /** When the websocket last closed: a light client's resync brings back every edit since it synced, of which only later ones count. */
  private closedAtUs = 0;
  private items: MeetingItem[] = [];
  /** The one item whose values only this client sets, so concurrent writes never hide an edit. */
  private owned: MeetingItem | null = null;
  private seq = 0;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    readonly id: number,
    readonly meeting: SimMeeting,
    httpBase: string,
    token: string | null,
    private readonly ledger: EditLedger,
    protocol: ClientProtocol,
    readonly light = false,
  ) {
    const tap = light
      ? { active: () => this.syncedAtUs !== Number.POSITIVE_INFINITY, take: (update: Uint8Array) => this.saw(marksInUpdate(update), nowUs(), 0) }
      : undefined;
    this.provider = openPeerProvider(protocol, httpBase, meeting.docName, this.doc, token, tap);
    this.provider.onClose(() => {
      if (this.syncedAtUs !== Number.POSITIVE_INFINITY) this.disconnects += 1;
      this.closedAtUs = nowUs();
    });
    getItems(this.doc).observeDeep((events, tr) => {
      if (tr.local) return;
      const now = nowUs();
      const since = this.light ? this.closedAtUs : 0;
      for (const event of events) {
        if (event.target instanceof Y.Text) {
          for (const d of event.delta) if (typeof d.insert === 'string') this.saw(textMarks(d.insert), now, since);
        } else if (event instanceof Y.YMapEvent && event.keysChanged.has('flags')) {
          this.saw(flagMarks(event.target.get('flags')), now, since);
        }
      }
    });
    this.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin === 'local') return;
      const now = nowUs();
      const states = this.provider.awareness.getStates();
      for (const id of [...added, ...updated]) {
        const t = (states.get(id) as { t?: unknown } | undefined)?.t;
        if (typeof t === 'number' && t >= this.syncedAtUs) this.ledger.awarenessSeen(t, now);
      }
    });
  }

  /** Marks sent before `sinceUs` (or before this client synced) are not counted. */
  private saw(marks: EditMark[], now: number, sinceUs: number): void {
    const from = Math.max(this.syncedAtUs, sinceUs);
    for (const mark of marks) {
      if (mark.sender === this.id || mark.sentUs < from) continue;
      this.ledger.seen(mark, this.id, now);
    }
  }

  /** Resolves once synced with every agenda item present (seeding the baseline's document first). */
  async ready(position: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const wait = async (done: () => boolean, what: string) => {
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`client ${this.id} on ${this.meeting.docName}: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await wait(() => this.provider.synced, 'the first sync');
    // Built as SAM Room builds items from the records (a Yjs client per item), so both servers and
    // the generator's clients handle the very same documents.
    if (position === 0 && this.meeting.seed && listItems(this.doc).length === 0) seedItems(this.doc, this.meeting.seed, null);
    await wait(() => listItems(this.doc).length >= this.meeting.expectedItems, 'the agenda items');
    this.syncedAtUs = nowUs();
    this.items = listItems(this.doc);
    this.owned = this.items[position] ?? null;
    this.provider.awareness.setLocalState({
      user: { name: `Bench participant ${this.id}`, agency: AGENCIES[this.id % AGENCIES.length]!, color: '#1f6feb' },
      viewing: null, editing: null, t: nowUs(),
    });
  }

  /** Starts typing and moving about at the given rates, each on its own random phase. */
  start(rates: Rates): void {
    this.every(rates.editsPerSec, () => this.edit(rates.valueShare));
    this.every(rates.awarenessPerSec, () => this.move());
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
  }

  private every(perSec: number, act: () => void): void {
    if (perSec <= 0) return;
    const period = 1000 / perSec;
    this.timers.push(setTimeout(() => {
      act();
      this.timers.push(setInterval(act, period));
    }, Math.random() * period));
  }

  /** Peers in the meeting who will have to see an edit sent now. */
  private expectedReceivers(now: number): number {
    let n = 0;
    for (const c of this.meeting.clients) if (c !== this && c.syncedAtUs <= now) n += 1;
    return n;
  }

  private edit(valueShare: number): void {
    const mark: EditMark = { sender: this.id, seq: ++this.seq, sentUs: nowUs() };
    const expected = this.expectedReceivers(mark.sentUs);
    if (this.owned && Math.random() < valueShare) {
      this.ledger.sent(mark, 'value', expected, this.meeting.index);
      setFields(this.owned, { riskLevel: LEVELS[mark.seq % LEVELS.length]!, flags: [flagMark(mark)] });
      return;
    }
    const item = this.items[Math.floor(Math.random() * this.items.length)]!;
    const text = Math.random() < 0.9 ? rationaleText(item) : dissentText(item);
    this.ledger.sent(mark, 'text', expected, this.meeting.index);
    // At the end: an insert inside someone else's mark would split it.
    text.insert(text.length, textMark(mark));
  }

  private move(): void {
    const item = this.items[Math.floor(Math.random() * this.items.length)]!;
    const awareness = this.provider.awareness;
    awareness.setLocalState({ ...awareness.getLocalState(), viewing: item.id, editing: Math.random() < 0.5 ? 'rationale' : null, t: nowUs() });
    this.ledger.awarenessSent();
  }

  destroy(): void {
    this.stop();
    this.provider.destroy();
    this.doc.destroy();
  }
}

import { markKey, type EditMark } from './edit-marks.js';
import { LatencyRecorder, type Percentiles } from './latency.js';

// The load generator's account of one measurement window: every edit sent in it, who was
// expected to see it (everyone else in the meeting who had synced before it was sent), who did,
// and how long it took. An edit seen twice by the same client counts as duplicated; one some
// expected client never saw by the end of the drain counts as lost.
// A meeting may be spread over several generator processes (client i in process i % generators):
// each ledger counts the receipts of its own clients. Another process's edits it sees are kept
// aside until that process says which of its edits were in the window (adoptForeign).

interface SentEdit {
  sentUs: number;
  expected: number;
  seenBy: Set<number>;
}

/** Another generator process's edit as its ledger lists it: [meeting, sender, seq, sentUs]. */
export type ForeignEdit = [number, number, number, number];

interface ForeignReceipts {
  /** Receiver → when it saw the edit, in µs. */
  seenAt: Map<number, number>;
  duplicates: number;
}

/** How much older than the window an edit seen from another process may be and still be kept aside. */
const FOREIGN_MARGIN_US = 1_000_000;

export interface EditCounts {
  sent: number;
  textEdits: number;
  valueEdits: number;
  expectedReceipts: number;
  receipts: number;
  lost: number;
  duplicates: number;
  latency: Percentiles;
  awarenessSent: number;
  awarenessLatency: Percentiles;
  /** With several server processes: edits seen by a client of another process than the sender's. */
  crossProcessLatency: Percentiles | null;
}

export interface WindowHistograms {
  latency: string;
  awareness: string;
  crossProcess: string | null;
}

export class EditLedger {
  /** Server processes the clients are spread over: client i is on process i % processes. */
  processes = 1;
  /** Generator processes a meeting's clients may be spread over, and which one this is. */
  generators = 1;
  generatorIndex = 0;
  private open = false;
  private windowStartUs = 0;
  private readonly edits = new Map<number, SentEdit>();
  /** This process's edits in the window, to list for the other generator processes. */
  private readonly own: ForeignEdit[] = [];
  private readonly foreign = new Map<number, ForeignReceipts>();
  private readonly latency = new LatencyRecorder();
  private readonly awarenessLatency = new LatencyRecorder();
  private readonly crossLatency = new LatencyRecorder();
  private counts = { text: 0, value: 0, expected: 0, receipts: 0, duplicates: 0, awareness: 0 };

  start(nowUs: number): void {
    this.open = true;
    this.windowStartUs = nowUs;
    this.edits.clear();
    this.own.length = 0;
    // Another process may open its window a moment later or earlier: what it sent just before is kept.
    for (const [key, f] of this.foreign) if (Math.min(...f.seenAt.values()) < nowUs - FOREIGN_MARGIN_US) this.foreign.delete(key);
    this.latency.reset();
    this.awarenessLatency.reset();
    this.crossLatency.reset();
    this.counts = { text: 0, value: 0, expected: 0, receipts: 0, duplicates: 0, awareness: 0 };
  }

  /** Edits sent from now on are not part of the window; those in it may still arrive. */
  close(): void {
    this.open = false;
  }

  sent(mark: EditMark, kind: 'text' | 'value', expected: number, meeting = 0): void {
    if (!this.open) return;
    this.edits.set(markKey(mark.sender, mark.seq), { sentUs: mark.sentUs, expected, seenBy: new Set() });
    if (this.generators > 1) this.own.push([meeting, mark.sender, mark.seq, mark.sentUs]);
    this.counts[kind] += 1;
    this.counts.expected += expected;
  }

  seen(mark: EditMark, receiver: number, nowUs: number): void {
    const key = markKey(mark.sender, mark.seq);
    const edit = this.edits.get(key);
    if (edit) {
      this.receipt(edit, mark.sender, receiver, nowUs);
      return;
    }
    if (mark.sender % this.generators === this.generatorIndex) return; // ours, outside the window
    let f = this.foreign.get(key);
    if (!f) this.foreign.set(key, (f = { seenAt: new Map(), duplicates: 0 }));
    if (f.seenAt.has(receiver)) f.duplicates += 1;
    else f.seenAt.set(receiver, nowUs);
  }

  private receipt(edit: SentEdit, sender: number, receiver: number, nowUs: number): void {
    if (edit.seenBy.has(receiver)) {
      this.counts.duplicates += 1;
      return;
    }
    edit.seenBy.add(receiver);
    this.counts.receipts += 1;
    this.latency.recordUs(nowUs - edit.sentUs);
    if (sender % this.processes !== receiver % this.processes) this.crossLatency.recordUs(nowUs - edit.sentUs);
  }

  /** This process's edits in the window (kept only when a meeting may be spread). */
  ownEdits(): ForeignEdit[] {
    return this.own;
  }

  /**
   * The other processes' edits in the window: each is expected by `expected(meeting, sentUs)` of
   * this process's clients, and what they saw of it so far counts now.
   */
  adoptForeign(edits: ForeignEdit[], expected: (meeting: number, sentUs: number) => number): void {
    for (const [meeting, sender, seq, sentUs] of edits) {
      const key = markKey(sender, seq);
      const edit: SentEdit = { sentUs, expected: expected(meeting, sentUs), seenBy: new Set() };
      this.edits.set(key, edit);
      this.counts.expected += edit.expected;
      const f = this.foreign.get(key);
      if (!f) continue;
      this.foreign.delete(key);
      this.counts.duplicates += f.duplicates;
      for (const [receiver, at] of f.seenAt) this.receipt(edit, sender, receiver, at);
    }
  }

  awarenessSent(): void {
    if (this.open) this.counts.awareness += 1;
  }

  awarenessSeen(sentUs: number, nowUs: number): void {
    if (this.open && sentUs >= this.windowStartUs) this.awarenessLatency.recordUs(nowUs - sentUs);
  }

  /** Receipts still missing for the window's edits. */
  outstanding(): number {
    return this.counts.expected - this.counts.receipts;
  }

  /** The window's histograms, for merging with other generator processes' (see generator-pool.ts). */
  histograms(): WindowHistograms {
    return {
      latency: this.latency.encode(),
      awareness: this.awarenessLatency.encode(),
      crossProcess: this.processes > 1 ? this.crossLatency.encode() : null,
    };
  }

  result(): EditCounts {
    return {
      sent: this.counts.text + this.counts.value,
      textEdits: this.counts.text,
      valueEdits: this.counts.value,
      expectedReceipts: this.counts.expected,
      receipts: this.counts.receipts,
      lost: this.outstanding(),
      duplicates: this.counts.duplicates,
      latency: this.latency.summary(),
      awarenessSent: this.counts.awareness,
      awarenessLatency: this.awarenessLatency.summary(),
      crossProcessLatency: this.processes > 1 ? this.crossLatency.summary() : null,
    };
  }
}

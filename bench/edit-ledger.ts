import { markKey, type EditMark } from './edit-marks.js';
import { LatencyRecorder, type Percentiles } from './latency.js';

// The load generator's account of one measurement window: every edit sent in it, who was
// expected to see it (everyone else in the meeting who had synced before it was sent), who did,
// and how long it took. An edit seen twice by the same client counts as duplicated; one some
// expected client never saw by the end of the drain counts as lost.

interface SentEdit {
  sentUs: number;
  expected: number;
  seenBy: Set<number>;
}

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
  private open = false;
  private windowStartUs = 0;
  private readonly edits = new Map<number, SentEdit>();
  private readonly latency = new LatencyRecorder();
  private readonly awarenessLatency = new LatencyRecorder();
  private readonly crossLatency = new LatencyRecorder();
  private counts = { text: 0, value: 0, expected: 0, receipts: 0, duplicates: 0, awareness: 0 };

  start(nowUs: number): void {
    this.open = true;
    this.windowStartUs = nowUs;
    this.edits.clear();
    this.latency.reset();
    this.awarenessLatency.reset();
    this.crossLatency.reset();
    this.counts = { text: 0, value: 0, expected: 0, receipts: 0, duplicates: 0, awareness: 0 };
  }

  /** Edits sent from now on are not part of the window; those in it may still arrive. */
  close(): void {
    this.open = false;
  }

  sent(mark: EditMark, kind: 'text' | 'value', expected: number): void {
    if (!this.open) return;
    this.edits.set(markKey(mark.sender, mark.seq), { sentUs: mark.sentUs, expected, seenBy: new Set() });
    this.counts[kind] += 1;
    this.counts.expected += expected;
  }

  seen(mark: EditMark, receiver: number, nowUs: number): void {
    const edit = this.edits.get(markKey(mark.sender, mark.seq));
    if (!edit) return; // outside the window
    if (edit.seenBy.has(receiver)) {
      this.counts.duplicates += 1;
      return;
    }
    edit.seenBy.add(receiver);
    this.counts.receipts += 1;
    this.latency.recordUs(nowUs - edit.sentUs);
    if (mark.sender % this.processes !== receiver % this.processes) this.crossLatency.recordUs(nowUs - edit.sentUs);
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

import { performance } from 'node:perf_hooks';

// Every edit the load generator makes carries who sent it, its sequence number and its send time,
// so whoever sees it can say which edit it was and how long it took. Text edits insert a mark into
// an item's rationale or dissent; value edits write one into the item's flags (an open set of
// upper-case names the server accepts), together with a new risk level.

export interface EditMark {
  sender: number;
  seq: number;
  /** Send time in µs since the run's clock origin (see nowUs). */
  sentUs: number;
}

// The wall clock at process start plus the monotonic clock since: the same clock in every load
// generator process on the machine, so a meeting's clients may be spread over several of them.
// Counted from an origin the orchestrator gives every process, the marks stay as short as before.
let originMs = performance.timeOrigin;

export function setClockOrigin(ms: number): void {
  originMs = ms;
}

/** The orchestrator's reading, to pass to setClockOrigin in every generator process. */
export const clockNowMs = () => performance.timeOrigin + performance.now();

export const nowUs = () => Math.round((clockNowMs() - originMs) * 1000);

export const markKey = (sender: number, seq: number) => sender * 1_000_000 + seq;

export function textMark(m: EditMark): string {
  return `[e${m.sender}.${m.seq}@${m.sentUs}] `;
}

export function flagMark(m: EditMark): string {
  return `B_${m.sender}_${m.seq}_${m.sentUs}`;
}

const TEXT = /\[e(\d+)\.(\d+)@(\d+)\]/g;
const FLAG = /^B_(\d+)_(\d+)_(\d+)$/;

/** Every mark in inserted text (a resync can deliver several at once). */
export function textMarks(text: string): EditMark[] {
  const marks: EditMark[] = [];
  for (const m of text.matchAll(TEXT)) marks.push({ sender: Number(m[1]), seq: Number(m[2]), sentUs: Number(m[3]) });
  return marks;
}

export function flagMarks(flags: unknown): EditMark[] {
  if (!Array.isArray(flags)) return [];
  const marks: EditMark[] = [];
  for (const flag of flags) {
    const m = typeof flag === 'string' ? FLAG.exec(flag) : null;
    if (m) marks.push({ sender: Number(m[1]), seq: Number(m[2]), sentUs: Number(m[3]) });
  }
  return marks;
}

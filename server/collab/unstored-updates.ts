import type { DocWriter } from './persistence.js';

/**
 * How long an update another process published before storing it may wait for that process's
 * word that it is stored. Normally that comes within a write (tens of ms); past this the sender is
 * taken for dead and this process stores the update itself. A sender that was only slow then
 * stores it too: a second copy of an update changes nothing in the document (Yjs ignores what it
 * already has).
 */
export const UNSTORED_GRACE_MS = 5_000;

/**
 * Updates heard from other processes before they were stored, applied here at once so this
 * process's clients see them without waiting for the sender's write. The sender publishes each
 * again once stored; until then this process holds an update the store may never get: if the
 * sender dies first, its client resends the edit on reconnecting, but to a process that already
 * holds it that resend is a no-op, so nobody would store it. Hence each waits here, and what the
 * sender does not confirm within the grace period, or before the document unloads, is stored here.
 */
export class UnstoredUpdates {
  private readonly waiting = new Map<string, { update: Uint8Array; writer: DocWriter; timer: NodeJS.Timeout }>();

  constructor(private readonly store: (update: Uint8Array, writer: DocWriter) => void, private readonly graceMs = UNSTORED_GRACE_MS) {}

  /** An update `key` (sender and number) by `writer`, heard before it was stored. */
  heard(key: string, update: Uint8Array, writer: DocWriter): void {
    // A sender numbers a document's edits afresh when it loads it again: an older entry under the key goes out first.
    this.storeOne(key);
    const timer = setTimeout(() => this.storeOne(key), this.graceMs);
    // Unload and shutdown store what is left (`storeAll`): the timer need not keep the process up.
    timer.unref();
    this.waiting.set(key, { update, writer, timer });
  }

  /** The sender stored `key`; false if it was not waiting here (its early copy never arrived). */
  stored(key: string): boolean {
    const entry = this.waiting.get(key);
    if (!entry) return false;
    clearTimeout(entry.timer);
    this.waiting.delete(key);
    return true;
  }

  /** Stores everything still unconfirmed (the document unloads, or the process shuts down). */
  storeAll(): void {
    for (const key of [...this.waiting.keys()]) this.storeOne(key);
  }

  /** Drops everything unconfirmed without storing it: the document is disposed of, or was stored already. */
  forget(): void {
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }

  private storeOne(key: string): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.waiting.delete(key);
    this.store(entry.update, entry.writer);
  }
}

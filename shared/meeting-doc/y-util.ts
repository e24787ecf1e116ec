import * as Y from 'yjs';

/** A Y.Text proper: Y.XmlText extends Y.Text but is not what the fields hold. */
export function isPlainText(value: unknown): value is Y.Text {
  return value instanceof Y.Text && !(value instanceof Y.XmlText);
}

export function asMap(value: unknown): Y.Map<unknown> | null {
  return value instanceof Y.Map ? value : null;
}

/** Lenient read for snapshots: a missing or corrupt text reads as empty. */
export function textOf(value: unknown): string {
  return isPlainText(value) ? value.toString() : '';
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Where to cut `s` to at most `max` code units without splitting a surrogate pair. */
export function safeCut(s: string, max: number): number {
  if (s.length <= max) return s.length;
  return max > 0 && isHighSurrogate(s.charCodeAt(max - 1)) ? max - 1 : max;
}

export function truncate(s: string, max: number): string {
  return s.slice(0, safeCut(s, max));
}

/**
 * Replaces a Y.Text's content by editing only the changed middle, so concurrent edits and cursors
 * elsewhere in the text survive. Never splits a surrogate pair (Yjs would turn halves into U+FFFD).
 */
export function replaceText(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  const shorter = Math.min(prev.length, next.length);
  let start = 0;
  while (start < shorter && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let end = 0;
  const sameFromEnd = (i: number) => prev.charCodeAt(prev.length - 1 - i) === next.charCodeAt(next.length - 1 - i);
  while (end < shorter - start && sameFromEnd(end)) end++;
  if (end > 0 && isLowSurrogate(prev.charCodeAt(prev.length - end))) end--;
  const removed = prev.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted.length > 0) text.insert(start, inserted);
}

type TopLevel = Y.Doc['share'] extends Map<string, infer T> ? T : never;

// Yjs has no public API to empty a top-level type of unknown kind (a client may have used a name
// as a map, a list or a text), so these walk its map entries and list items directly.
export function* liveMapItems(type: TopLevel): Generator<Y.Item> {
  for (const item of type._map.values()) if (!item.deleted) yield item;
}

export function* liveListItems(type: TopLevel): Generator<Y.Item> {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) yield item;
}

// What one edit in a textarea changed, as a single delete-then-insert at one index. Applied to a
// Y.Text this touches only the changed characters, so another person's concurrent typing
// elsewhere in the field survives and merges by character.

export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The edit that turns `prev` into `next`. `caret` (the selection end after the edit) places an
 * ambiguous edit where the user made it: typing "a" before "aa" inserts at 0, not at the end.
 * Never splits a surrogate pair (Yjs would turn the halves into U+FFFD). Null when nothing changed.
 */
export function diffText(prev: string, next: string, caret: number): TextEdit | null {
  if (prev === next) return null;
  const minLength = Math.min(prev.length, next.length);
  // The unchanged tail cannot reach back before the caret: the caret sits after what was typed.
  const maxSuffix = Math.min(minLength, Math.max(0, next.length - caret));
  let suffix = 0;
  while (suffix < maxSuffix && prev.charCodeAt(prev.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  let prefix = 0;
  const maxPrefix = minLength - suffix;
  while (prefix < maxPrefix && prev.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHigh(prev.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLow(prev.charCodeAt(prev.length - suffix))) suffix--;
  return {
    index: prefix,
    deleteCount: prev.length - prefix - suffix,
    insert: next.slice(prefix, next.length - suffix),
  };
}

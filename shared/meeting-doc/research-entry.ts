import * as Y from 'yjs';
import { DisclosureKind, LegalBasis } from '../domain.js';
import { invalid } from './errors.js';
import { ENTRY_TEXT } from './keys.js';
import { ResearchInit, type ResearchValues } from './schemas.js';
import { asMap, isPlainText, replaceText } from './y-util.js';

// A research entry — {text: Y.Text, kind, legalBasis} — has the same shape in an item's `research`
// map and in an agency's prep doc, so sharing prep into the meeting is a plain copy.

export interface ResearchEntry extends ResearchValues {
  text: Y.Text;
}

/**
 * Where an entry's kind or legal basis is missing or corrupt, reads show the weaker claim:
 * OPINION rather than FACT, OTHER rather than a statutory basis.
 */
export const RESEARCH_FALLBACK: ResearchValues = { kind: 'OPINION', legalBasis: 'OTHER' };

/** Null when the value is not an entry map or has lost its text. */
export function readEntry(value: unknown): ResearchEntry | null {
  const map = asMap(value);
  const text = map?.get(ENTRY_TEXT);
  if (!map || !isPlainText(text)) return null;
  const kind = DisclosureKind.safeParse(map.get('kind'));
  const legalBasis = LegalBasis.safeParse(map.get('legalBasis'));
  return {
    kind: kind.success ? kind.data : RESEARCH_FALLBACK.kind,
    legalBasis: legalBasis.success ? legalBasis.data : RESEARCH_FALLBACK.legalBasis,
    text,
  };
}

/**
 * Creates or updates the entry under `key` of `parent`; call inside a transaction. An entry whose
 * map exists but lost its text gets a new one, so a write always leaves a complete entry.
 */
export function writeEntry(parent: Y.Map<unknown>, key: string, init: ResearchInit): void {
  const parsed = ResearchInit.safeParse(init);
  if (!parsed.success) throw invalid('research entry', parsed.error);
  const { kind, legalBasis, text } = parsed.data;
  let map = asMap(parent.get(key));
  if (!map) {
    map = new Y.Map<unknown>();
    parent.set(key, map);
  }
  if (map.get('kind') !== kind) map.set('kind', kind);
  if (map.get('legalBasis') !== legalBasis) map.set('legalBasis', legalBasis);
  const existing = map.get(ENTRY_TEXT);
  const ytext = isPlainText(existing) ? existing : new Y.Text();
  if (ytext !== existing) map.set(ENTRY_TEXT, ytext);
  if (text !== undefined) replaceText(ytext, text);
}

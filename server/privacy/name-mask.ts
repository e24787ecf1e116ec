import type { MaskedText } from '../../shared/api/privacy.js';

/** What stands in for another person's name in a privacy report's free text. */
export const WITHHELD_NAME = '[withheld: another person]';

/**
 * Replaces other people's names in free text. Whole words only (letters, macrons included), any
 * case: "Hēmi" is masked in "Hēmi's" but not inside "Hēminga".
 */
export function nameMasker(names: Iterable<string>): (text: string) => MaskedText {
  const words = [...new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 2))]
    .sort((a, b) => b.length - a.length) // longest first, so "Te Rangi" wins over "Te"
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return (text) => ({ text, withheld: 0 });
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}])(?:${words.join('|')})(?![\\p{L}\\p{M}])`, 'giu');
  return (text) => {
    let withheld = 0;
    const masked = text.replace(pattern, () => {
      withheld++;
      return WITHHELD_NAME;
    });
    return { text: masked, withheld };
  };
}

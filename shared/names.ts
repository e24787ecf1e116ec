/**
 * The search and matching key of a name: macrons and other diacritics folded, lower case, single
 * spaces — so "Māori" finds "Maori". Display always keeps the name as written.
 */
export function foldName(...parts: string[]): string {
  return parts.join(' ').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

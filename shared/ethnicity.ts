import { z } from 'zod';
import { foldName } from './names.js';

// Stats NZ's level 1 ethnic groups, as recorded for a person and reported on. Written as here;
// read case- and macron-insensitively ("maori", "MĀORI" and "Māori" are one group).

export const ETHNIC_GROUPS = ['European', 'Māori', 'Pacific Peoples', 'Asian', 'MELAA', 'Other'] as const;
export const EthnicGroup = z.enum(ETHNIC_GROUPS);
export type EthnicGroup = z.infer<typeof EthnicGroup>;

/** How reports name people whose ethnicity was never recorded. */
export const UNKNOWN_ETHNICITY = 'unknown';

const byKey = new Map<string, EthnicGroup>(ETHNIC_GROUPS.map((g) => [foldName(g), g]));

/** The group a written value names, or null when it names none. */
export function ethnicGroupOf(value: string): EthnicGroup | null {
  return byKey.get(foldName(value)) ?? null;
}

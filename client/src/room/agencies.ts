import type { AgencyCode } from '../../../shared/domain.js';

// The agencies at a SAM table. There is no agencies endpoint yet, so the room carries the list;
// the roster's own names (from the server) win wherever a participant's agency is shown.

export interface AgencyInfo {
  code: AgencyCode;
  name: string;
  /** For chips and narrow columns. */
  short: string;
  /** Chip background; every colour keeps white text above 4.5:1 contrast. */
  color: string;
}

export const AGENCIES: readonly AgencyInfo[] = [
  { code: 'POLICE', name: 'New Zealand Police', short: 'Police', color: '#1d3f8f' },
  { code: 'OT', name: 'Oranga Tamariki', short: 'OT', color: '#6f2c8f' },
  { code: 'CORRECTIONS', name: 'Ara Poutama Aotearoa – Corrections', short: 'Corrections', color: '#5b4a2c' },
  { code: 'HEALTH', name: 'Te Whatu Ora – Health New Zealand', short: 'Health', color: '#00676f' },
  { code: 'ACC', name: 'ACC', short: 'ACC', color: '#2f6b2f' },
  { code: 'MSD', name: 'Ministry of Social Development', short: 'MSD', color: '#8a3b12' },
  { code: 'EDUCATION', name: 'Ministry of Education', short: 'Education', color: '#364fc7' },
  { code: 'JUSTICE', name: 'Ministry of Justice', short: 'Justice', color: '#474b52' },
  { code: 'HOUSING', name: 'Kāinga Ora – Housing', short: 'Housing', color: '#7a4f00' },
  { code: 'IWI', name: 'Iwi provider', short: 'Iwi', color: '#9b1c31' },
  { code: 'KAUPAPA_MAORI', name: 'Kaupapa Māori service', short: 'Kaupapa Māori', color: '#6b2d5c' },
  { code: 'FV_NGO', name: 'Family violence NGO', short: 'FV NGO', color: '#a61e4d' },
  { code: 'VICTIM_SPECIALIST', name: 'Victim specialist service', short: 'Victim specialist', color: '#0b6e4f' },
  { code: 'PERPETRATOR_SERVICE', name: 'Stopping-violence service', short: 'Stopping violence', color: '#55595f' },
];

const byCode = new Map(AGENCIES.map((a) => [a.code, a]));

/** Any code, known or not (an agency added on the server shows with its code and a neutral colour). */
export function agencyInfo(code: string): AgencyInfo {
  return byCode.get(code) ?? { code, name: code, short: code, color: '#4a5868' };
}

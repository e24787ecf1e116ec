// Synthetic police episodes in the import's JSON form (docs/architecture.md, Episode import), deterministic for a prefix, so
// every run imports the same list. Names are made up; a family's two people carry police person
// references, so its episodes group into one agenda item.

export interface EpisodePersonRow {
  givenName: string;
  familyName: string;
  dob: string | null;
  policePersonRef: string | null;
}

export interface EpisodeRow {
  policeRef: string;
  occurredAt: string;
  area: string;
  source: 'POLICE_FAMILY_HARM' | 'CORRECTIONS_RELEASE' | 'AGENCY_REFERRAL';
  summary: string;
  personAtRisk: EpisodePersonRow;
  personUsingViolence: EpisodePersonRow;
  children: number;
  protectionOrder: 'NONE' | 'IN_FORCE' | 'BREACHED';
  strangulation: boolean;
  weapons: boolean;
  safvr: number | null;
  dyra: 'LOW' | 'MEDIUM' | 'HIGH' | null;
}

const GIVEN = ['Aroha', 'Mere', 'Hēmi', 'Rāwiri', 'Tūī', 'Kiri', 'Manaia', 'Ngaio', 'Wiremu', 'Anahera', 'Tama', 'Moana', 'Ruby', 'Liam', 'Ōtene', 'Pita', 'Hana', 'Kauri', 'Ātea', 'Jack'];
const FAMILY = ['Te Rangi', 'Ngāta', "O'Brien", 'Walker-Hōne', 'Pōmare', 'Tipene', 'Matiu', 'Smith', 'Parata', 'Hēnare'];
const AREAS = ['Hamilton Central', 'Frankton', 'Huntly', 'Te Awamutu', 'Ngāruawāhia', 'Cambridge'];
const SOURCES = ['POLICE_FAMILY_HARM', 'POLICE_FAMILY_HARM', 'POLICE_FAMILY_HARM', 'CORRECTIONS_RELEASE', 'AGENCY_REFERRAL'] as const;
const ORDERS = ['NONE', 'NONE', 'IN_FORCE', 'BREACHED'] as const;
const LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

function dob(days: number): string {
  return new Date(Date.UTC(1970, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `count` episodes of `families` families (episodes beyond the first per family are repeats). */
export function episodeRows(prefix: string, count: number, families = count): EpisodeRow[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, n) => {
    const f = n % families;
    const surname = `${pick(FAMILY, f)} ${prefix}${Math.floor(f / FAMILY.length)}`;
    return {
      policeRef: `${prefix}-${String(n).padStart(5, '0')}`,
      occurredAt: new Date(now - (n + 10) * 60_000).toISOString(),
      area: pick(AREAS, n),
      source: pick(SOURCES, n),
      summary: `Synthetic episode ${n} for whānau ${f}: attended after a neighbour's call; verbal argument escalated, `
        + `property damaged. Both parties spoken to; safety plan discussed with the person at risk.`,
      personAtRisk: { givenName: pick(GIVEN, f), familyName: surname, dob: dob(9000 + f * 7), policePersonRef: `${prefix}-PAR-${f}` },
      personUsingViolence: { givenName: pick(GIVEN, f + 7), familyName: surname, dob: dob(8000 + f * 5), policePersonRef: `${prefix}-PUV-${f}` },
      children: f % 4,
      protectionOrder: pick(ORDERS, f),
      strangulation: f % 9 === 0,
      weapons: f % 11 === 0,
      safvr: (f % 90) / 100,
      dyra: pick(LEVELS, f),
    };
  });
}

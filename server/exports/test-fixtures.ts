import type { ActionModel, FullItem, MinutesModel } from './minutes-model.js';

// A synthetic minutes model for the renderers' unit tests: no database, any number of items.

const agencies = [
  { code: 'POLICE', name: 'New Zealand Police' },
  { code: 'OT', name: 'Oranga Tamariki' },
  { code: 'HOUSING', name: 'Kāinga Ora' },
  { code: 'KAUPAPA_MAORI', name: 'Te Whare Tiaki Whānau' },
] as const;

export function action(n: number, overrides: Partial<ActionModel> = {}): ActionModel {
  const agency = agencies[n % agencies.length] ?? agencies[0];
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    familyRef: `CHC-W-${String(n).padStart(4, '0')}`,
    agency: { ...agency },
    type: 'Safety plan',
    description: `Contact Ārani Pirini (${n}) and agree a safety plan.`,
    assignee: 'Hine Pirini',
    due: '2025-06-05',
    priority: n % 3 === 0 ? 'URGENT' : 'STANDARD',
    status: 'OPEN',
    outcomeNote: null,
    agreedOn: '2025-06-03',
    carriedOver: false,
    ...overrides,
  };
}

function item(n: number): FullItem {
  const familyRef = `CHC-W-${String(n).padStart(4, '0')}`;
  return {
    detail: 'full',
    number: n,
    familyRef,
    reason: n % 5 === 0 ? 'REPEAT' : 'NEW_EPISODE',
    status: 'DECIDED',
    deferReason: null,
    people: [
      { role: 'Person at risk', name: 'Ārani Pirini', dob: '1991-04-02' },
      { role: 'Person using violence', name: 'Tāne Tūhiwai', dob: null },
    ],
    episodes: [{
      policeRef: `P${String(100000000 + n)}`,
      occurredAt: '2025-06-02T22:14:00.000Z',
      area: 'Ōtautahi CBD',
      source: 'POLICE_FAMILY_HARM',
      summary: 'A neighbour called Police about shouting at an Ōtautahi CBD address. Ārani reported months of controlling behaviour by Tāne.',
      childrenPresent: n % 2,
      protectionOrder: n % 7 === 0 ? 'BREACHED' : 'NONE',
      weapons: false,
      strangulation: n % 11 === 0,
      personAtRisk: { name: 'Ārani Pirini', dob: '1991-04-02' },
      personUsingViolence: { name: 'Tāne Tūhiwai', dob: null },
      children: [],
      safvr: 0.41,
      safvrBand: 'MEDIUM',
      dyra: 'HIGH',
    }],
    flags: n % 5 === 0 ? ['REPEAT'] : [],
    tools: { safvr: { score: 0.41, band: 'MEDIUM' }, dyra: 'HIGH' },
    decision: {
      version: 1,
      riskLevel: 'HIGH',
      pathway: 'LEAD_AGENCY_RESPONSE',
      leadAgency: { code: 'KAUPAPA_MAORI', name: 'Te Whare Tiaki Whānau' },
      rationale: 'SAFVR 0.41 (MEDIUM), DYRA HIGH. Raised on professional judgement.\nTe Whare Tiaki Whānau is best placed to engage with the whānau.',
      dissent: n % 4 === 0 ? 'Corrections would have held MEDIUM.' : '',
      decidedAt: new Date('2025-06-02T21:30:00.000Z'),
      decidedBy: 'Ioane Pulepule',
    },
    actions: [action(n * 2, { familyRef }), action(n * 2 + 1, { familyRef, status: 'NOT_DONE_AGENCY', outcomeNote: 'No caseworker available.' })],
  };
}

export function syntheticModel(items: number, overrides: Partial<MinutesModel> = {}): MinutesModel {
  return {
    meeting: {
      id: '00000000-0000-4000-8000-000000000001',
      site: { code: 'CANTERBURY', name: 'Canterbury', training: false },
      date: '2025-06-03',
      kind: 'DAILY_SAM',
      status: 'CLOSED',
      venue: 'ISR hub meeting room, Ōtautahi',
      startedAt: new Date('2025-06-02T21:00:00.000Z'),
      closedAt: new Date('2025-06-03T02:00:00.000Z'),
      chair: 'Ioane Pulepule',
      remoteCount: 1,
    },
    agency: null,
    draft: false,
    attendance: [
      { name: 'Ioane Pulepule', agency: { code: 'POLICE', name: 'New Zealand Police' }, role: 'CHAIR', mode: 'IN_ROOM', acknowledgedAt: new Date('2025-06-02T20:55:00.000Z') },
      { name: 'Māhina Rāwhiti', agency: { code: 'HOUSING', name: 'Kāinga Ora' }, role: 'REP', mode: 'REMOTE', acknowledgedAt: null },
    ],
    apologies: [{ code: 'OT', name: 'Oranga Tamariki' }],
    items: Array.from({ length: items }, (_, i) => item(i + 1)),
    carriedOver: [action(9999, { carriedOver: true, status: 'NOT_DONE_CIRCUMSTANCES', outcomeNote: 'Two visits, no answer.', agreedOn: '2025-05-27' })],
    ...overrides,
  };
}

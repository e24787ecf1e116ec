import * as Y from 'yjs';
import type { EpisodeSnapshot, ItemInit } from './schemas.js';

// Shared by this module's tests: a valid episode and item, and peer-to-peer sync of two docs.

export function episode(overrides: Partial<EpisodeSnapshot> = {}): EpisodeSnapshot {
  return {
    policeRef: 'P0123456',
    occurredAt: '2025-03-04T21:15:00+13:00',
    area: 'Christchurch Central',
    source: 'POLICE_FAMILY_HARM',
    summary: 'Verbal argument, neighbours called Police.',
    childrenPresent: 2,
    protectionOrder: 'NONE',
    weapons: false,
    strangulation: false,
    personAtRisk: { name: 'Aroha Ngāti', dob: '1990-05-01' },
    personUsingViolence: { name: 'Mere Tāne', dob: null },
    children: [],
    safvr: 0.42,
    safvrBand: 'MEDIUM',
    dyra: null,
    ...overrides,
  };
}

export function itemInit(id: string, overrides: Partial<ItemInit> = {}): ItemInit {
  return {
    id,
    caseId: `case-${id}`,
    familyRef: `CAN-${id}`,
    reason: 'NEW_EPISODE',
    episodes: [episode()],
    ...overrides,
  };
}

/** Exchanges what each doc lacks, both ways, like two y-websocket peers after reconnecting. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

/** A second peer starting from `doc`'s current state. */
export function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

import { describe, expect, it } from 'vitest';
import { needsToKnow, viewerOf, type Involvement } from './need-to-know.js';

const none: Involvement = { leadAgencyIds: [null], actionAgencyIds: [], sharingAgencyIds: [] };
const police = { agencyId: 'police' };

describe('need to know', () => {
  it('gives an agency the whole record where it leads, holds an action or shared information', () => {
    expect(needsToKnow(police, { ...none, leadAgencyIds: ['health', 'police'] })).toBe(true);
    expect(needsToKnow(police, { ...none, actionAgencyIds: ['ot', 'police'] })).toBe(true);
    expect(needsToKnow(police, { ...none, sharingAgencyIds: ['police'] })).toBe(true);
  });

  it('gives it the outcome only for a family it has no part in', () => {
    expect(needsToKnow(police, none)).toBe(false);
    expect(needsToKnow(police, { leadAgencyIds: ['health'], actionAgencyIds: ['ot'], sharingAgencyIds: ['msd'] })).toBe(false);
  });

  it('lets chair, coordinator and auditor see everything, and no one else by role alone', () => {
    for (const role of ['CHAIR', 'COORDINATOR', 'AUDITOR'] as const) {
      const viewer = viewerOf({ role, agency: { id: 'police' } });
      expect(viewer).toBeNull();
      expect(needsToKnow(viewer, none)).toBe(true);
    }
    for (const role of ['REP', 'OBSERVER'] as const) expect(viewerOf({ role, agency: { id: 'police' } })).toEqual(police);
  });
});

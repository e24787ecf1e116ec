import { describe, expect, it } from 'vitest';
import { caseReferencePrefix, formatCaseReference } from './case-reference.js';

describe('case references', () => {
  it("use the site's usual area code, W for whānau and a four-digit number", () => {
    expect(formatCaseReference(caseReferencePrefix('CANTERBURY'), 123)).toBe('CHC-W-0123');
    expect(formatCaseReference(caseReferencePrefix('WAIKATO'), 7)).toBe('HLZ-W-0007');
    expect(formatCaseReference(caseReferencePrefix('BAY_OF_PLENTY'), 12_345)).toBe('BAY-W-12345');
  });
});

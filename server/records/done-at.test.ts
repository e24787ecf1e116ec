import { describe, expect, it } from 'vitest';
import { doneAtAfter } from './done-at.js';

describe('doneAt after a status change', () => {
  const now = new Date('2026-05-04T02:00:00Z');
  it('is stamped when an action becomes done, and kept while it stays done', () => {
    expect(doneAtAfter('OPEN', 'DONE', now)).toBe(now);
    expect(doneAtAfter(null, 'DONE', now)).toBe(now);
    expect(doneAtAfter('DONE', 'DONE', now)).toBeUndefined();
  });
  it('is cleared when a done action is reopened, and untouched otherwise', () => {
    expect(doneAtAfter('DONE', 'IN_PROGRESS', now)).toBeNull();
    expect(doneAtAfter('OPEN', 'NOT_DONE_AGENCY', now)).toBeUndefined();
    expect(doneAtAfter(null, 'OPEN', now)).toBeUndefined();
  });
});

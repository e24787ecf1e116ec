import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import { EntityId } from './schemas.js';

describe('newId', () => {
  it('makes valid, unique ids that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 10)) {
      expect(EntityId.safeParse(id).success).toBe(true);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(newId(1_800_000_000_000) > ids[ids.length - 1]!).toBe(true);
  });
});

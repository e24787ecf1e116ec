import { describe, expect, it } from 'vitest';
import { bandOf } from './risk-bands.js';

describe('bandOf', () => {
  it('bands a SAFVR probability at 0.3 and 0.6', () => {
    expect([0, 0.29, 0.3, 0.59, 0.6, 1].map(bandOf)).toEqual(['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH']);
  });
});

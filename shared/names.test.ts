import { describe, expect, it } from 'vitest';
import { foldName } from './names.js';

describe('foldName', () => {
  it('folds macrons and case so Māori matches Maori, keeping hyphens and apostrophes', () => {
    expect(foldName('Tāne', 'Te Rangi-Pōmare')).toBe('tane te rangi-pomare');
    expect(foldName('Māori')).toBe(foldName('MAORI'));
    expect(foldName("  Ngaio ", "O'Sullivan")).toBe("ngaio o'sullivan");
  });
});

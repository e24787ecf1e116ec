import { describe, expect, it } from 'vitest';
import { findInvalidText, invalidTextReason } from './valid-text.js';

describe('invalidTextReason', () => {
  it('accepts what people type: tabs, line breaks, macrons, emoji', () => {
    for (const s of ['', 'Kōhatu-Ngata', 'line one\r\nline two\n\tindented', 'Kia ora 👋🏽', '\u00A0non-breaking']) {
      expect(invalidTextReason(s), JSON.stringify(s)).toBeNull();
    }
  });

  it('names NUL, other control characters and lone surrogates', () => {
    expect(invalidTextReason('a\u0000b')).toBe('contains a NUL character');
    expect(invalidTextReason('\u001b[2J')).toBe('contains the control character U+001B');
    expect(invalidTextReason('x\u007f')).toBe('contains the control character U+007F');
    expect(invalidTextReason('x\u0085')).toBe('contains the control character U+0085');
    expect(invalidTextReason('x\u000c')).toBe('contains the control character U+000C');
    expect(invalidTextReason('half \ud83d')).toMatch(/lone surrogate/);
    expect(invalidTextReason('\udc4b back half')).toMatch(/lone surrogate/);
  });
});

describe('findInvalidText', () => {
  it('finds the first bad string anywhere and gives its path', () => {
    expect(findInvalidText({ a: 'ok', b: [{ c: 'fine' }, { c: 'bad\u0000' }] })).toEqual({ path: 'b.1.c', message: 'contains a NUL character' });
    expect(findInvalidText([1, true, null, 'x\u0001'])).toEqual({ path: '3', message: 'contains the control character U+0001' });
    expect(findInvalidText('\u0000')).toEqual({ path: '', message: 'contains a NUL character' });
  });

  it('checks object keys too', () => {
    expect(findInvalidText({ 'we\u0000ird': 1 })).toEqual({ path: 'we\u0000ird', message: 'name contains a NUL character' });
  });

  it('passes clean values and non-strings', () => {
    expect(findInvalidText({ n: 1, b: false, list: ['a', 'b'], nested: { x: null } })).toBeNull();
    expect(findInvalidText(undefined)).toBeNull();
  });
});

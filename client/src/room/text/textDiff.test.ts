import { describe, expect, it } from 'vitest';
import { diffText, type TextEdit } from './textDiff.js';

function apply(prev: string, edit: TextEdit | null): string {
  if (!edit) return prev;
  return prev.slice(0, edit.index) + edit.insert + prev.slice(edit.index + edit.deleteCount);
}

describe('diffText', () => {
  it('places an insert where the caret says, even when the text repeats', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, deleteCount: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, deleteCount: 0, insert: 'a' });
  });

  it('handles backspace, forward delete and replacing a selection', () => {
    expect(diffText('abc', 'ac', 1)).toEqual({ index: 1, deleteCount: 1, insert: '' });
    expect(diffText('aab', 'ab', 0)).toEqual({ index: 0, deleteCount: 1, insert: '' });
    expect(diffText('the cat sat', 'the dog sat', 7)).toEqual({ index: 4, deleteCount: 3, insert: 'dog' });
  });

  it('keeps macrons and surrogate pairs whole', () => {
    expect(apply('Maori', diffText('Maori', 'Māori', 2))).toBe('Māori');
    const edit = diffText('a😀b', 'a😁b', 3);
    expect(edit).toEqual({ index: 1, deleteCount: 2, insert: '😁' });
  });

  it('is null when nothing changed', () => {
    expect(diffText('same', 'same', 2)).toBeNull();
  });

  it('always reproduces the new text', () => {
    const cases: [string, string, number][] = [
      ['', 'hello', 5], ['hello', '', 0], ['abcabc', 'abcXabc', 4], ['ā ē ī', 'ā ī', 2], ['xx', 'x', 0],
    ];
    for (const [prev, next, caret] of cases) expect(apply(prev, diffText(prev, next, caret))).toBe(next);
  });
});

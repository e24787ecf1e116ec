import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fork, sync } from './test-fixtures.js';
import { replaceText, truncate } from './y-util.js';

function textDoc(content: string): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, content);
  return { doc, text };
}

describe('replaceText', () => {
  it('edits only the changed middle, so a concurrent edit elsewhere survives', () => {
    const { doc, text } = textDoc('Risk is medium. Children present.');
    const peer = fork(doc);
    replaceText(text, 'Risk is high. Children present.');
    peer.getText('t').insert(peer.getText('t').length, ' Two.');
    sync(doc, peer);
    expect(text.toString()).toBe('Risk is high. Children present. Two.');
    expect(peer.getText('t').toString()).toBe(text.toString());
  });

  it('never splits a surrogate pair', () => {
    const { text } = textDoc('a😀b');
    replaceText(text, 'a😁b');
    expect(text.toString()).toBe('a😁b');
    replaceText(text, '😁');
    expect(text.toString()).toBe('😁');
    replaceText(text, '');
    expect(text.toString()).toBe('');
  });
});

describe('truncate', () => {
  it('cuts before a surrogate pair rather than through it', () => {
    expect(truncate('ab😀', 3)).toBe('ab');
    expect(truncate('ab😀', 4)).toBe('ab😀');
    expect(truncate('Māori', 2)).toBe('Mā');
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../logger.js';
import { SharedDoc } from './shared-doc.js';

function sharedDoc() {
  const persisted: Uint8Array[] = [];
  const shared = new SharedDoc('meeting:m', { kind: 'meeting', meetingId: 'm' }, {
    persist: (update) => {
      persisted.push(update);
      return Promise.resolve();
    },
    publish: () => {},
    onEmpty: () => {},
  }, 1_000_000, createLogger('silent'));
  return { shared, persisted };
}

describe('loading a stored document', () => {
  // A snapshot and the updates stored after it, as the document store keeps them.
  const source = new Y.Doc();
  source.getMap('m').set('a', 'snapshot');
  const snapshot = Y.encodeStateAsUpdate(source);
  const before = Y.encodeStateVector(source);
  source.getMap('m').set('b', 'after');
  source.getText('t').insert(0, 'typed');
  const after = Y.encodeStateAsUpdate(source, before);

  it('applies the parts in order, unmerged, without storing them again', () => {
    const { shared, persisted } = sharedDoc();
    shared.loadStored([snapshot, after]);
    expect(shared.doc.getMap('m').toJSON()).toEqual({ a: 'snapshot', b: 'after' });
    expect(shared.doc.getText('t').toString()).toBe('typed');
    expect(persisted).toHaveLength(0);
    shared.destroy();
  });

  it('stores the edits made after it', () => {
    const { shared, persisted } = sharedDoc();
    shared.loadStored([snapshot, after]);
    shared.doc.getMap('m').set('c', 'later');
    expect(persisted).toHaveLength(1);
    shared.destroy();
  });
});

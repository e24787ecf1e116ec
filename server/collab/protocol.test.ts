import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { filterAwarenessUpdate } from './protocol.js';

/** An awareness update as a client sends it, one entry per state (clock 1 each). */
function presence(states: Record<number, unknown>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Object.keys(states).length);
  for (const [id, state] of Object.entries(states)) {
    encoding.writeVarUint(encoder, Number(id));
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, typeof state === 'string' ? state : JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** What an awareness holds after applying `update`. */
function applied(update: Uint8Array): Map<number, unknown> {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  awarenessProtocol.applyAwarenessUpdate(awareness, update, null);
  const states = new Map(awareness.getStates());
  awareness.destroy();
  return states;
}

describe('filtering a client\'s awareness update', () => {
  it('keeps the accepted entries, states intact (accented text too), and drops the rest', () => {
    const update = presence({ 1: { user: 'Mere', field: 'rationale — draft' }, 2: { user: 'someone else' }, 3: { user: 'Tāne' } });
    const kept = filterAwarenessUpdate(update, (id) => id !== 2);
    expect(kept).not.toBeNull();
    expect(applied(kept!)).toEqual(new Map([[1, { user: 'Mere', field: 'rationale — draft' }], [3, { user: 'Tāne' }]]));
  });

  it('returns the update itself when everything is kept, and null when nothing is', () => {
    const update = presence({ 1: { user: 'Mere' } });
    expect(filterAwarenessUpdate(update, () => true)).toBe(update);
    expect(filterAwarenessUpdate(update, () => false)).toBeNull();
  });

  it('refuses a kept state that is not JSON, but not a dropped one', () => {
    const update = presence({ 1: '{not json', 2: { user: 'Mere' } });
    expect(() => filterAwarenessUpdate(update, () => true)).toThrow();
    expect(applied(filterAwarenessUpdate(update, (id) => id === 2)!)).toEqual(new Map([[2, { user: 'Mere' }]]));
  });

  it('refuses an update cut short', () => {
    const update = presence({ 1: { user: 'Mere' } });
    expect(() => filterAwarenessUpdate(update.subarray(0, update.length - 3), () => false)).toThrow();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindText, type EditableField, type TextBinding } from './textBinding.js';

// The binding's diff-and-restore logic against random concurrent edits: several people, each with
// their own document and text box, type a sentence at the same place while the network delivers
// their updates in random batches. Whatever the interleaving, each sentence must come out whole.

/** A text box as the browser keeps it: typing replaces the selection and leaves the caret after. */
class FakeField implements EditableField {
  value = '';
  scrollTop = 0;
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection: 'forward' | 'backward' | 'none' = 'none';

  setSelectionRange(start: number, end: number, direction: 'forward' | 'backward' | 'none' = 'none'): void {
    const clamp = (n: number) => Math.max(0, Math.min(n, this.value.length));
    this.selectionStart = clamp(start);
    this.selectionEnd = Math.max(this.selectionStart, clamp(end));
    this.selectionDirection = direction;
  }

  type(text: string): void {
    this.value = this.value.slice(0, this.selectionStart) + text + this.value.slice(this.selectionEnd);
    this.setSelectionRange(this.selectionStart + text.length, this.selectionStart + text.length);
  }
}

interface Person {
  doc: Y.Doc;
  text: Y.Text;
  field: FakeField;
  binding: TextBinding;
  sentence: string;
  typed: number;
}

const REMOTE = 'network';
// Each person types from their own alphabet, so "whole" is a plain substring check.
const ALPHABETS = ['ABCDEFGH', '12345678', 'qrstuvwx'];
const BASE_ALPHABET = ' .,-ā';

function createPeople(base: string, sentences: string[]): { people: Person[]; queues: Uint8Array[][][] } {
  const seed = new Y.Doc();
  seed.getText('t').insert(0, base);
  const baseUpdate = Y.encodeStateAsUpdate(seed);
  const queues = sentences.map(() => sentences.map((): Uint8Array[] => []));
  const people = sentences.map((sentence, i): Person => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseUpdate, REMOTE);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      queues[i]!.forEach((queue, j) => j !== i && queue.push(update));
    });
    const text = doc.getText('t');
    const field = new FakeField();
    return { doc, text, field, binding: bindText(text, field, () => true), sentence, typed: 0 };
  });
  return { people, queues };
}

function deliver(people: Person[], queues: Uint8Array[][][], from: number, to: number, count: number): void {
  const queue = queues[from]![to]!;
  for (const update of queue.splice(0, count)) Y.applyUpdate(people[to]!.doc, update, REMOTE);
}

function deliverAll(people: Person[], queues: Uint8Array[][][]): void {
  people.forEach((_, from) => people.forEach((__, to) => from !== to && deliver(people, queues, from, to, Infinity)));
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('key' as const), who: fc.nat(2) }),
  fc.record({ kind: fc.constant('deliver' as const), from: fc.nat(2), to: fc.nat(2), count: fc.integer({ min: 1, max: 4 }) }),
);

const scenario = fc
  .record({
    base: fc.string({ unit: fc.constantFrom(...BASE_ALPHABET), minLength: 1, maxLength: 12 }),
    people: fc.integer({ min: 2, max: 3 }),
    sentenceLength: fc.integer({ min: 1, max: 8 }),
    where: fc.constantFrom('end', 'start', 'middle', 'selection'),
    at: fc.nat(),
    span: fc.integer({ min: 1, max: 5 }),
    steps: fc.array(step, { maxLength: 80 }),
  })
  .map((s) => {
    const start = s.where === 'end' ? s.base.length : s.where === 'start' ? 0 : s.at % (s.base.length + (s.where === 'selection' ? 0 : 1));
    const end = s.where === 'selection' ? Math.min(s.base.length, start + s.span) : start;
    return { ...s, start, end, sentences: ALPHABETS.slice(0, s.people).map((a) => a.repeat(2).slice(0, s.sentenceLength)) };
  });

describe('the text binding under concurrent typing', () => {
  it('keeps each person\'s run whole, at the end, the start, the middle and over a selection', () => {
    fc.assert(
      fc.property(scenario, ({ base, sentences, start, end, steps }) => {
        const { people, queues } = createPeople(base, sentences);
        for (const p of people) p.field.setSelectionRange(start, end);

        const typeNext = (p: Person) => {
          if (p.typed >= p.sentence.length) return;
          p.field.type(p.sentence[p.typed]!);
          p.typed++;
          p.binding.onInput();
        };
        for (const s of steps) {
          if (s.kind === 'key') typeNext(people[s.who % people.length]!);
          else if (s.from % people.length !== s.to % people.length) deliver(people, queues, s.from % people.length, s.to % people.length, s.count);
        }
        // Everyone finishes their sentence; then the network settles.
        for (const p of people) while (p.typed < p.sentence.length) typeNext(p);
        deliverAll(people, queues);

        const result = people[0]!.text.toString();
        for (const p of people) {
          expect(p.text.toString()).toBe(result);
          expect(p.field.value).toBe(result);
        }
        const allowed = permutations(sentences).map((order) => base.slice(0, start) + order.join('') + base.slice(end));
        expect(allowed).toContain(result);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a caret in place when someone else types before it, after it, and at it', () => {
    const { people, queues } = createPeople('Base.', ['', '']);
    const [mine, theirs] = people as [Person, Person];
    mine.field.setSelectionRange(5, 5);
    theirs.field.setSelectionRange(0, 0);
    theirs.field.type('Before. ');
    theirs.binding.onInput();
    deliverAll(people, queues);
    expect(mine.field.value).toBe('Before. Base.');
    expect(mine.field.selectionStart).toBe(13);

    theirs.field.setSelectionRange(13, 13);
    theirs.field.type(' After.');
    theirs.binding.onInput();
    deliverAll(people, queues);
    expect(mine.field.value).toBe('Before. Base. After.');
    expect([mine.field.selectionStart, mine.field.selectionEnd]).toEqual([13, 13]);
  });

  it('keeps a selection to what its owner selected when others type at its edges', () => {
    const { people, queues } = createPeople('one two three', ['', '']);
    const [mine, theirs] = people as [Person, Person];
    mine.field.setSelectionRange(4, 7, 'forward');
    theirs.field.setSelectionRange(4, 4);
    theirs.field.type('[');
    theirs.binding.onInput();
    theirs.field.setSelectionRange(8, 8);
    theirs.field.type(']');
    theirs.binding.onInput();
    deliverAll(people, queues);
    expect(mine.field.value).toBe('one [two] three');
    expect(mine.field.value.slice(mine.field.selectionStart, mine.field.selectionEnd)).toBe('two');
    expect(mine.field.selectionDirection).toBe('forward');
  });
});

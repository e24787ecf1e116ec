import * as Y from 'yjs';
import { diffText } from './textDiff.js';

/** What the binding needs of a text box: its value, selection and scroll, as a <textarea> has them. */
export interface EditableField {
  value: string;
  scrollTop: number;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly selectionDirection: 'forward' | 'backward' | 'none';
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
}

export interface SavedSelection {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  direction: 'forward' | 'backward' | 'none';
}

/**
 * The selection as positions in the Y.Text that survive other people's edits. A caret sticks to
 * the character before it, so text someone else inserts at the same place lands after it, not
 * between the caret and what its owner typed last. A selection sticks to its own first and last
 * characters, so text inserted at its edges stays outside it and typing over it never deletes
 * another person's words.
 */
export function saveSelection(ytext: Y.Text, field: EditableField): SavedSelection {
  const { selectionStart: start, selectionEnd: end, selectionDirection: direction } = field;
  const collapsed = start === end;
  return {
    start: Y.createRelativePositionFromTypeIndex(ytext, start, collapsed ? -1 : 0),
    end: Y.createRelativePositionFromTypeIndex(ytext, end, -1),
    direction,
  };
}

/** Puts the field's selection back where `saved` says, in the Y.Text as it is now. */
export function restoreSelection(saved: SavedSelection, doc: Y.Doc, field: EditableField): void {
  const at = (pos: Y.RelativePosition) => Y.createAbsolutePositionFromRelativePosition(pos, doc)?.index ?? field.value.length;
  const start = at(saved.start);
  field.setSelectionRange(start, Math.max(start, at(saved.end)), saved.direction);
}

/** Applies what the person just did in the field to the Y.Text, as one minimal delete/insert. */
export function applyLocalInput(ytext: Y.Text, field: EditableField, origin: unknown): void {
  const doc = ytext.doc;
  const edit = diffText(ytext.toString(), field.value, field.selectionEnd);
  if (!edit || !doc) return;
  doc.transact(() => {
    if (edit.deleteCount > 0) ytext.delete(edit.index, edit.deleteCount);
    if (edit.insert) ytext.insert(edit.index, edit.insert);
  }, origin);
}

export interface TextBinding {
  /** Call on every input event of the field. */
  onInput(): void;
  destroy(): void;
}

/**
 * Keeps a field and a Y.Text in step: local input goes into the Y.Text; a remote change rewrites
 * the field (keeping its scroll) and, while the person is in it (`hasFocus`), puts their selection back where it was
 * in the text. The selection is saved just before each remote transaction, when the field and the
 * Y.Text still agree, so its indexes mean the same place in both.
 */
export function bindText(ytext: Y.Text, field: EditableField, hasFocus: () => boolean): TextBinding {
  const doc = ytext.doc;
  if (!doc) throw new Error('bindText needs a Y.Text that belongs to a document');
  const ownOrigin = {};
  let saved: SavedSelection | null = null;
  field.value = ytext.toString();

  const beforeTransaction = (tr: Y.Transaction) => {
    if (tr.origin !== ownOrigin && hasFocus()) saved = saveSelection(ytext, field);
  };
  const onChange = (_event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.origin === ownOrigin) return;
    const value = ytext.toString();
    if (field.value !== value) {
      const { scrollTop } = field;
      field.value = value;
      if (saved && hasFocus()) restoreSelection(saved, doc, field);
      field.scrollTop = scrollTop;
    }
    saved = null;
  };
  doc.on('beforeTransaction', beforeTransaction);
  ytext.observe(onChange);
  return {
    onInput: () => applyLocalInput(ytext, field, ownOrigin),
    destroy: () => {
      doc.off('beforeTransaction', beforeTransaction);
      ytext.unobserve(onChange);
    },
  };
}

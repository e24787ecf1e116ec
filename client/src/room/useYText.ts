import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { diffText } from './textDiff.js';

interface SavedSelection {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  direction: 'forward' | 'backward' | 'none';
}

/**
 * Binds an uncontrolled <textarea> to a Y.Text. Local input goes in as one minimal delete/insert
 * (textDiff.ts); a remote change rewrites the textarea and puts the caret back where it was in the
 * text, through Y.RelativePositions taken just before the change, so someone else typing above
 * does not push your caret around. Returns the ref callback for the textarea.
 */
export function useYText(ytext: Y.Text, readOnly: boolean): (el: HTMLTextAreaElement | null) => void {
  const [el, setEl] = useState<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    const doc = ytext.doc;
    if (!el || !doc) return;
    const ownOrigin = {};
    let saved: SavedSelection | null = null;
    el.value = ytext.toString();

    const onInput = () => {
      if (readOnly) return;
      const edit = diffText(ytext.toString(), el.value, el.selectionEnd);
      if (!edit) return;
      doc.transact(() => {
        if (edit.deleteCount > 0) ytext.delete(edit.index, edit.deleteCount);
        if (edit.insert) ytext.insert(edit.index, edit.insert);
      }, ownOrigin);
    };

    // Runs before any transaction is applied: the textarea and the Y.Text still agree here, so
    // the caret's index means the same place in both.
    const beforeTransaction = (tr: Y.Transaction) => {
      if (tr.origin === ownOrigin || document.activeElement !== el) return;
      saved = {
        start: Y.createRelativePositionFromTypeIndex(ytext, el.selectionStart),
        end: Y.createRelativePositionFromTypeIndex(ytext, el.selectionEnd),
        direction: el.selectionDirection,
      };
    };

    const onChange = (_event: Y.YTextEvent, tr: Y.Transaction) => {
      if (tr.origin === ownOrigin) return;
      const value = ytext.toString();
      if (el.value === value) return;
      const { scrollTop } = el;
      el.value = value;
      if (saved && document.activeElement === el) {
        const at = (pos: Y.RelativePosition) => Y.createAbsolutePositionFromRelativePosition(pos, doc)?.index ?? value.length;
        el.setSelectionRange(at(saved.start), at(saved.end), saved.direction);
      }
      el.scrollTop = scrollTop;
      saved = null;
    };

    el.addEventListener('input', onInput);
    doc.on('beforeTransaction', beforeTransaction);
    ytext.observe(onChange);
    return () => {
      el.removeEventListener('input', onInput);
      doc.off('beforeTransaction', beforeTransaction);
      ytext.unobserve(onChange);
    };
  }, [ytext, el, readOnly]);

  return setEl;
}

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { bindText } from './textBinding.js';

/** Binds an uncontrolled <textarea> to a Y.Text (textBinding.ts). Returns the ref callback for it. */
export function useYText(ytext: Y.Text, readOnly: boolean): (el: HTMLTextAreaElement | null) => void {
  const [el, setEl] = useState<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    if (!el) return;
    const binding = bindText(ytext, el, () => document.activeElement === el);
    const onInput = () => {
      if (!readOnly) binding.onInput();
    };
    el.addEventListener('input', onInput);
    return () => {
      el.removeEventListener('input', onInput);
      binding.destroy();
    };
  }, [ytext, el, readOnly]);

  return setEl;
}

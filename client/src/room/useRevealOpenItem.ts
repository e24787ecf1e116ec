import { useEffect, useRef } from 'react';

/** Where the room's two columns stack (room.css): the list above, the open item below it. */
export const STACKED = '(max-width: 60rem)';

/**
 * On a narrow screen the open item sits below the whole list: when it changes — the chair moved
 * the focus, or the person tapped a row — bring it into view. Not for the first item the room opens
 * by itself, so arriving shows the list.
 */
export function useRevealOpenItem(openId: string | null, panelSelector: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (!openId) return;
    if (first.current) {
      first.current = false;
      return;
    }
    if (!window.matchMedia(STACKED).matches) return;
    requestAnimationFrame(() => document.querySelector(panelSelector)?.scrollIntoView({ block: 'start' }));
  }, [openId, panelSelector]);
}

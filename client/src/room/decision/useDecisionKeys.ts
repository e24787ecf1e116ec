import { useEffect, useRef } from 'react';
import type { RiskLevel } from '../../../../shared/domain.js';
import { focusDecision } from './decisionFocus.js';
import { RISK_KEYS } from './RiskPicker.js';

interface Handlers {
  /** The open item when this person may edit it (not decided, not read-only); else null. */
  openItemId: string | null;
  setRisk: ((level: RiskLevel) => void) | null;
  /** Null for everyone but the chair. */
  finalizeNext: (() => void) | null;
  toggleHelp(): void;
}

/** Where a plain key is the person's text, not a command. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type);
}

/**
 * The room's decision keys: Ctrl+Enter finalizes and moves on (also from inside a field); outside
 * text fields, D goes to the open item's decision; and outside the list too (it has keys of its
 * own), ? for help, 1/2/3 for the risk level, P, L and A to the pathway, lead agency and action pickers.
 */
export function useDecisionKeys(handlers: Handlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const { openItemId, setRisk, finalizeNext, toggleHelp } = latest.current;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        if (!finalizeNext) return;
        event.preventDefault();
        finalizeNext();
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      // D leads from the list (or anywhere) to the open item's decision.
      if (key === 'd' && openItemId) {
        event.preventDefault();
        focusDecision(openItemId, 'risk');
        return;
      }
      if (event.target instanceof Element && event.target.closest('.board, dialog')) return;
      if (event.key === '?') toggleHelp();
      else if (RISK_KEYS[key] && setRisk) setRisk(RISK_KEYS[key]);
      else if (key === 'p' && openItemId) focusDecision(openItemId, 'pathway');
      else if (key === 'l' && openItemId) focusDecision(openItemId, 'lead');
      else if (key === 'a' && openItemId) focusDecision(openItemId, 'action');
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

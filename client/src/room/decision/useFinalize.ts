import { useCallback, useState } from 'react';
import type * as Y from 'yjs';
import type { BulkItemResult, FieldError } from '../../../../shared/control.js';
import { getField, getItem, itemSnapshot } from '../../../../shared/meeting-doc/index.js';
import { decisionErrors } from '../../../../shared/rules/decision-rules.js';
import type { ControlPlane } from '../sync/useControlPlane.js';

/** A finalize that didn't go through: what the server (or the pre-check) said, kept per item. */
export interface FinalizeAttempt {
  /** The server's errors; the rules' own are recomputed live while the item is fixed. */
  serverErrors: FieldError[];
  message: string;
}

export interface Finalizer {
  attempts: ReadonlyMap<string, FinalizeAttempt>;
  busy: ReadonlySet<string>;
  /** True when the item is now decided. */
  finalize(itemId: string): Promise<boolean>;
  /** Null when the command as a whole failed (its message is announced). */
  finalizeMany(itemIds: string[]): Promise<BulkItemResult[] | null>;
}

/**
 * Finalizing, one item or many: the rules are checked here first (the same shared rules the server
 * applies), so the chair sees what is missing at once; whatever still fails comes back per field.
 */
export function useFinalize(doc: Y.Doc, send: ControlPlane['send'], announce: (m: string, tone?: 'info' | 'error') => void): Finalizer {
  const [attempts, setAttempts] = useState<ReadonlyMap<string, FinalizeAttempt>>(new Map());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());

  const record = useCallback((itemId: string, attempt: FinalizeAttempt | null) => {
    setAttempts((current) => {
      const next = new Map(current);
      if (attempt) next.set(itemId, attempt);
      else next.delete(itemId);
      return next;
    });
  }, []);

  const setBusyFor = useCallback((ids: string[], on: boolean) => {
    setBusy((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const finalize = useCallback(async (itemId: string) => {
    const item = getItem(doc, itemId);
    if (!item) return false;
    const familyRef = getField(item, 'familyRef');
    const local = decisionErrors(itemSnapshot(item));
    if (local.length > 0) {
      record(itemId, { serverErrors: [], message: `${familyRef} can’t be finalized yet: ${local.length === 1 ? 'one thing needs' : `${local.length} things need`} attention.` });
      return false;
    }
    setBusyFor([itemId], true);
    const result = await send('item:finalize', { itemId });
    setBusyFor([itemId], false);
    if (!result.ok) {
      record(itemId, { serverErrors: result.error.fields ?? [], message: result.error.message });
      return false;
    }
    record(itemId, null);
    // The room shows everyone a new decision (item:decided); that nothing changed is the chair's news alone.
    if (!result.created) announce(`${familyRef}: no change since the last decision, still version ${result.version}.`);
    return true;
  }, [doc, send, announce, record, setBusyFor]);

  const finalizeMany = useCallback(async (itemIds: string[]) => {
    setBusyFor(itemIds, true);
    const result = await send('items:finalize', { itemIds });
    setBusyFor(itemIds, false);
    if (!result.ok) {
      announce(result.error.message, 'error');
      return null;
    }
    const { results } = result;
    for (const r of results) record(r.itemId, r.ok ? null : { serverErrors: r.error.fields ?? [], message: r.error.message });
    const done = results.filter((r) => r.ok).length;
    announce(`${done} of ${results.length} items decided.`);
    return results;
  }, [send, announce, record, setBusyFor]);

  return { attempts, busy, finalize, finalizeMany };
}

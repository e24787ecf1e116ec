import { useCallback, useEffect, useState } from 'react';

export type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

/**
 * Loads once on mount, abandoning the request if the page goes away first. `update` changes the
 * loaded data in place (a saved edit), so the page needs no second round trip.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): [Load<T>, (change: (data: T) => T) => void] {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (err: unknown) => !controller.signal.aborted && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => controller.abort();
    // The loader is fixed for the page's life: it loads once.
  }, []);
  const update = useCallback((change: (data: T) => T) => setState((s) => (s.status === 'ready' ? { status: 'ready', data: change(s.data) } : s)), []);
  return [state, update];
}

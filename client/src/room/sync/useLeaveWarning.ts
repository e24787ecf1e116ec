import { useEffect } from 'react';

/**
 * Asks before the page is left while edits made offline have not reached the server yet. They
 * are kept on this device and sent on the next visit, but only to someone who comes back here.
 */
export function useLeaveWarning(unsent: boolean): void {
  useEffect(() => {
    if (!unsent) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsent]);
}

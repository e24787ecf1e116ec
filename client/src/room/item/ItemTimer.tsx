import { useEffect, useState } from 'react';
import type { BroadcastPayload } from '../../../../shared/control.js';
import { formatElapsed } from '../roomTime.js';

/** Time spent on the item in this run and before it; ticks only while the timer runs on it. */
export function ItemTimer({ timer, itemId }: { timer: BroadcastPayload<'timer'>; itemId: string }) {
  const running = timer.itemId === itemId && timer.startedAt !== null;
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [running]);

  if (!running || timer.startedAt === null) return null;
  const elapsed = timer.elapsedMs + Math.max(0, now - Date.parse(timer.startedAt));
  return (
    <span className="timer" role="timer" aria-label="Time on this item">
      {formatElapsed(elapsed)}
    </span>
  );
}

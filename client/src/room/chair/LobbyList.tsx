import { useState } from 'react';
import type { LobbyEntry } from '../../../../shared/control.js';
import { agencyInfo } from '../agencies.js';
import { useRoom } from '../RoomContext.js';
import { formatClock } from '../roomTime.js';
import './chair.css';

/** People who joined by invitation link and wait for the chair to let them in. */
export function LobbyList({ waiting }: { waiting: readonly LobbyEntry[] }) {
  const { send, announce } = useRoom();
  const [pending, setPending] = useState<string | null>(null);
  if (waiting.length === 0) return null;

  async function answer(entry: LobbyEntry, admit: boolean) {
    setPending(entry.participantId);
    const result = await send(admit ? 'lobby:admit' : 'lobby:decline', { participantId: entry.participantId });
    setPending(null);
    if (!result.ok) announce(result.error.message, 'error');
    else announce(`${entry.displayName} ${admit ? 'admitted' : 'declined'}.`);
  }

  return (
    <section className="lobby" aria-labelledby="lobby-heading">
      <h2 id="lobby-heading">Waiting to join ({waiting.length})</h2>
      <ul>
        {waiting.map((entry) => (
          <li key={entry.participantId} className="lobby__entry">
            <span className="chip" style={{ background: agencyInfo(entry.agency.code).color }}>
              {agencyInfo(entry.agency.code).short}
            </span>
            <span>
              <strong>{entry.displayName}</strong> · {entry.agency.name} · {entry.mode === 'IN_ROOM' ? 'in room' : 'remote'} · since{' '}
              {formatClock(entry.waitingSince)}
            </span>
            <button type="button" className="button button--small button--primary" disabled={pending !== null} onClick={() => void answer(entry, true)}>
              Admit <span className="visually-hidden">{entry.displayName}</span>
            </button>
            <button type="button" className="button button--small" disabled={pending !== null} onClick={() => void answer(entry, false)}>
              Decline <span className="visually-hidden">{entry.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

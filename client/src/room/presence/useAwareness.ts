import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { z } from 'zod';

// Awareness (y-protocols) carries what is too fleeting for the document: who is looking at which
// item and typing in which field. Other clients' states are untrusted input, so they are parsed.

const PeerState = z.object({
  user: z.object({ name: z.string().max(200), agency: z.string().max(40), color: z.string().max(40) }),
  viewing: z.string().max(64).nullable().catch(null),
  editing: z.string().max(200).nullable().catch(null),
});

export interface Peer {
  clientId: number;
  name: string;
  agency: string;
  color: string;
  /** The item this person has open. */
  viewing: string | null;
  /** The field they are in, named as the decision rules name fields (`rationale`, `actions.<id>.description`). */
  editing: string | null;
}

export interface LocalUser {
  name: string;
  agency: string;
  color: string;
}

export function setLocalUser(awareness: Awareness, user: LocalUser): void {
  awareness.setLocalState({ user, viewing: null, editing: null });
}

export function setViewing(awareness: Awareness, itemId: string | null): void {
  if (awareness.getLocalState()?.viewing !== itemId) awareness.setLocalStateField('viewing', itemId);
}

export function setEditing(awareness: Awareness, field: string | null): void {
  if (awareness.getLocalState()?.editing !== field) awareness.setLocalStateField('editing', field);
}

function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const parsed = PeerState.safeParse(state);
    if (!parsed.success) return;
    const { user, viewing, editing } = parsed.data;
    peers.push({ clientId, ...user, viewing, editing });
  });
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** Everyone else with this document open; re-renders only when someone's state really changed. */
export function usePeers(awareness: Awareness): Peer[] {
  const [peers, setPeers] = useState<Peer[]>(() => readPeers(awareness));
  useEffect(() => {
    const update = () => setPeers(readPeers(awareness));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);
  return peers;
}

import type { WebsocketProvider } from 'y-websocket';

// How a room document's y-websocket provider talks to the server (/collab/:doc, docs/architecture.md).

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/collab`;
}

/**
 * The stock provider re-sends every awareness change it sees, other people's included. This makes
 * it send only this client's own: the server lets a client speak for itself alone, and a full room
 * would otherwise echo each change back once per participant. Returns the undo.
 */
export function sendOnlyOwnAwareness(provider: WebsocketProvider): () => void {
  const { awareness } = provider;
  const sendAwareness = provider._awarenessUpdateHandler;
  const own = (ids: number[]) => ids.filter((id) => id === awareness.clientID);
  const sendOwnAwareness = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    const change = { added: own(added), updated: own(updated), removed: own(removed) };
    if (change.added.length + change.updated.length + change.removed.length > 0) sendAwareness(change, origin);
  };
  awareness.off('update', sendAwareness);
  awareness.on('update', sendOwnAwareness);
  return () => awareness.off('update', sendOwnAwareness);
}

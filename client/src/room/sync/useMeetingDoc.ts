import { useCallback, useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { getItems, meetingDocName } from '../../../../shared/meeting-doc/index.js';
import { collabUrl, sendOnlyOwnAwareness } from './collabConnection.js';

// The meeting's Yjs document in this tab: synced with the server over y-websocket (the browser's
// session cookie authenticates the upgrade) and kept in IndexedDB, so a reload or a dropped
// connection loses nothing typed — the provider sends what the server lacks when it reconnects.

export type ContentStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended';

export interface MeetingDoc {
  doc: Y.Doc;
  awareness: Awareness;
  /** There is something to show: the copy on this device or the server's. */
  ready: boolean;
  status: ContentStatus;
  /** Edits made here that the server has not confirmed yet (kept on this device meanwhile). */
  unsent: boolean;
  /** Why the server ended the connection for good (access ended, document full). */
  endedReason: string | null;
  /** Deletes this device's copy and keeps none from now on (a closed meeting needs none). */
  forgetLocalCopy(): void;
}

interface Session {
  doc: Y.Doc;
  provider: WebsocketProvider;
  local: IndexeddbPersistence;
}

/**
 * Opens `meeting:<meetingId>`. The IndexedDB copy is per user as well as per meeting, so someone
 * signing in after another person on a shared computer never merges that person's unsent edits.
 */
export function useMeetingDoc(meetingId: string, userId: string): MeetingDoc | null {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  const [wsStatus, setWsStatus] = useState<'connecting' | 'connected' | 'disconnected'>('connecting');
  const [synced, setSynced] = useState(false);
  const [everSynced, setEverSynced] = useState(false);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [unsent, setUnsent] = useState(false);
  const [endedReason, setEndedReason] = useState<string | null>(null);

  useEffect(() => {
    const name = meetingDocName(meetingId);
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`samroom:${userId}:${name}`, doc);
    // Cross-tab BroadcastChannel off: every tab goes through the server, the only authority.
    const provider = new WebsocketProvider(collabUrl(), name, doc, { disableBc: true, maxBackoffTime: 4000 });
    let live = false;

    const stopFilteringAwareness = sendOnlyOwnAwareness(provider);

    setReady(false);
    setSynced(false);
    setEverSynced(false);
    setUnsent(false);
    setEndedReason(null);
    setSession({ doc, provider, local });

    // A copy on this device shows at once; an empty one waits for the server rather than flash "no items".
    void local.whenSynced.then(() => getItems(doc).size > 0 && setReady(true));
    provider.on('status', ({ status }) => {
      setWsStatus(status);
      if (status !== 'connected') live = false;
    });
    provider.on('sync', (isSynced) => {
      live = isSynced;
      setSynced(isSynced);
      if (isSynced) {
        setReady(true);
        setEverSynced(true);
        setUnsent(false);
      }
    });
    provider.on('closed', ({ reason }) => setEndedReason(reason || 'The server ended this connection.'));
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider && origin !== local && !live) setUnsent(true);
    };
    doc.on('update', onUpdate);

    // Don't write into a socket the network has dropped: disconnect, and resync when it's back.
    const goOffline = () => {
      setOnline(false);
      provider.disconnect();
    };
    const goOnline = () => {
      setOnline(true);
      provider.connect();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);

    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      doc.off('update', onUpdate);
      stopFilteringAwareness();
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [meetingId, userId]);

  const forgetLocalCopy = useCallback(() => {
    if (session) void session.local.clearData();
  }, [session]);

  if (!session) return null;
  let status: ContentStatus;
  if (endedReason) status = 'ended';
  else if (!online) status = 'offline';
  else if (wsStatus === 'connected' && synced) status = 'connected';
  else status = everSynced ? 'reconnecting' : 'connecting';
  return { doc: session.doc, awareness: session.provider.awareness, ready, status, unsent, endedReason, forgetLocalCopy };
}

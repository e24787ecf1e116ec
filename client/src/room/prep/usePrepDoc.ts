import { useEffect, useMemo, useState } from 'react';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Me } from '../../../../shared/api/auth.js';
import { AgencyCode } from '../../../../shared/domain.js';
import { getPrepEntries, prepDocName } from '../../../../shared/meeting-doc/index.js';
import { agencyInfo } from '../agencies.js';
import { collabUrl, sendOnlyOwnAwareness } from '../sync/collabConnection.js';
import { setLocalUser } from '../presence/useAwareness.js';

// The user's own agency's private prep doc for the meeting (`prep:<meetingId>:<agencyCode>`),
// opened like the meeting doc: y-websocket to the server and a per-user IndexedDB copy, so
// research prepared offline survives a reload and reaches the server when the connection returns.

export interface PrepDoc {
  doc: Y.Doc;
  /** Presence among the agency's own people only: nobody else learns who is preparing what. */
  awareness: Awareness;
  /**
   * Safe to create entries: the server's copy has arrived, or this device holds one with entries.
   * (Creating an item's entry in an empty, unsynced copy could replace a colleague's on merge.)
   */
  ready: boolean;
  /** In step with the server now, so a share sends what is on screen. */
  synced: boolean;
}

/** Observers and auditors don't prepare research (the server refuses them the prep doc). */
const PREPARING_ROLES = new Set<Me['role']>(['CHAIR', 'COORDINATOR', 'REP']);

interface Session {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * Null for someone who doesn't prepare research, and once the meeting is closed: then this
 * device's copy is deleted, as the meeting doc's is (records don't linger on a device).
 */
export function usePrepDoc(meetingId: string, me: Me, closed: boolean): PrepDoc | null {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  const [synced, setSynced] = useState(false);
  const agency = AgencyCode.safeParse(me.agency.code);
  const agencyCode = PREPARING_ROLES.has(me.role) && agency.success ? agency.data : null;
  const { id: userId, displayName } = me;

  useEffect(() => {
    setSession(null);
    setReady(false);
    setSynced(false);
    if (!agencyCode) return;
    const name = prepDocName(meetingId, agencyCode);
    const localName = `samroom:${userId}:${name}`;
    if (closed) {
      void clearDocument(localName);
      return;
    }

    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(localName, doc);
    // Cross-tab BroadcastChannel off: every tab goes through the server, the only authority.
    const provider = new WebsocketProvider(collabUrl(), name, doc, { disableBc: true, maxBackoffTime: 4000 });
    const undoOwnAwareness = sendOnlyOwnAwareness(provider);
    setLocalUser(provider.awareness, { name: displayName, agency: agencyCode, color: agencyInfo(agencyCode).color });
    setSession({ doc, provider });

    void local.whenSynced.then(() => getPrepEntries(doc).size > 0 && setReady(true));
    // The provider reports unsynced again whenever its connection drops.
    provider.on('sync', (isSynced) => {
      setSynced(isSynced);
      if (isSynced) setReady(true);
    });

    // Don't write into a socket the network has dropped: disconnect, and resync when it's back.
    const goOffline = () => provider.disconnect();
    const goOnline = () => provider.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);

    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      undoOwnAwareness();
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [meetingId, userId, displayName, agencyCode, closed]);

  return useMemo(
    () => session && { doc: session.doc, awareness: session.provider.awareness, ready, synced },
    [session, ready, synced],
  );
}

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { getUnixTime } from 'lib0/time';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { openProvider } from './collab-connect.js';
import { providerWebSocket, type UpdateTap } from './light-socket.js';

// A simulated participant's connection, in the client each server is used with: a stock y-websocket
// client for SAM Room and the y-websocket baseline, Hocuspocus's own provider for Hocuspocus (its
// protocol puts the document's name in every message, so a y-websocket client cannot speak it).
// With a tap (light-socket.ts), the other participants' updates go to it instead of the document.

export type ClientProtocol = 'y-websocket' | 'hocuspocus';

export interface PeerProvider {
  readonly awareness: Awareness;
  /** The first sync has completed. */
  readonly synced: boolean;
  /** Called whenever the websocket closes. */
  onClose(listener: () => void): void;
  destroy(): void;
}

export function openPeerProvider(protocol: ClientProtocol, httpBase: string, docName: string, doc: Y.Doc, token: string | null, tap?: UpdateTap): PeerProvider {
  // A diverted message still counts as heard for the provider's watchdog, which closes a socket
  // it has heard nothing on for 30 s.
  let heard = () => undefined as void;
  const watched: UpdateTap | undefined = tap && {
    active: () => tap.active(),
    take: (update) => {
      heard();
      tap.take(update);
    },
  };
  if (protocol === 'y-websocket') {
    const provider = openProvider(httpBase, docName, doc, token, providerWebSocket('y-websocket', watched));
    heard = () => {
      provider.wsLastMessageReceived = getUnixTime();
    };
    return {
      awareness: provider.awareness,
      get synced() { return provider.synced; },
      onClose: (listener) => provider.on('connection-close', listener),
      destroy: () => provider.destroy(),
    };
  }
  // A socket of its own per participant, as separate browsers would have.
  const socket = new HocuspocusProviderWebsocket({
    url: `${httpBase.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: providerWebSocket('hocuspocus', watched),
    maxDelay: 1000,
  });
  heard = () => {
    socket.lastMessageReceived = getUnixTime();
  };
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: docName, document: doc, token });
  provider.attach();
  const awareness = provider.awareness;
  if (!awareness) throw new Error('the Hocuspocus provider has no awareness');
  return {
    awareness,
    get synced() { return provider.synced; },
    onClose: (listener) => provider.on('close', listener),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

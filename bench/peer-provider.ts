import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { openProvider } from './collab-connect.js';

// A simulated participant's connection, in the client each server is used with: a stock y-websocket
// client for SAM Room and the y-websocket baseline, Hocuspocus's own provider for Hocuspocus (its
// protocol puts the document's name in every message, so a y-websocket client cannot speak it).

export type ClientProtocol = 'y-websocket' | 'hocuspocus';

export interface PeerProvider {
  readonly awareness: Awareness;
  /** The first sync has completed. */
  readonly synced: boolean;
  /** Called whenever the websocket closes. */
  onClose(listener: () => void): void;
  destroy(): void;
}

/**
 * ws's WebSocket with an error listener of its own. The provider removes its listeners before it
 * closes a socket (on destroy, or when it gives up on a silent one), and ws reports closing a socket
 * that is still connecting as an 'error': in Node, an 'error' nobody listens to ends the process.
 */
class ProviderWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.on('error', () => undefined);
  }
}

export function openPeerProvider(protocol: ClientProtocol, httpBase: string, docName: string, doc: Y.Doc, token: string | null): PeerProvider {
  if (protocol === 'y-websocket') {
    const provider = openProvider(httpBase, docName, doc, token);
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
    // ws's WebSocket matches the browser API the provider expects.
    WebSocketPolyfill: ProviderWebSocket,
    maxDelay: 1000,
  });
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

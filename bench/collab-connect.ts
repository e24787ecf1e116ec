import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A stock y-websocket client on `/collab/<docName>`, the way any integration connects. */
export function openProvider(httpBase: string, docName: string, doc: Y.Doc, token: string | null, socketClass: new (address: string, protocols?: string | string[]) => WebSocket = WebSocket): WebsocketProvider {
  return new WebsocketProvider(`${httpBase.replace(/^http/, 'ws')}/collab`, docName, doc, {
    // ws's WebSocket matches the browser API y-websocket expects.
    WebSocketPolyfill: socketClass as unknown as typeof globalThis.WebSocket,
    ...(token !== null && { params: { token } }),
    disableBc: true,
    maxBackoffTime: 1000,
  });
}

export interface TimedOpen {
  /** Connect → websocket open: authentication, access check and document load on the server. */
  openMs: number;
  /** Connect → first sync complete: the client holds the whole document. */
  syncedMs: number;
  /** Of that, the client's own work on the document (its transactions: decoding and applying what it received), as it happened. */
  applyMs: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** Opens a document and times the handshake and the first sync, from the client's side. */
export async function timedOpen(httpBase: string, docName: string, token: string, timeoutMs = 60_000): Promise<TimedOpen> {
  const doc = new Y.Doc();
  // Timed as it happens: a client's first decode of a large document is slower than a repeat
  // (its code is not compiled yet), and all of it is the client's, not the server's.
  let applyMs = 0;
  let transactionStart = 0;
  doc.on('beforeTransaction', () => { transactionStart = performance.now(); });
  doc.on('afterTransactionCleanup', () => { applyMs += performance.now() - transactionStart; });
  const start = performance.now();
  const provider = openProvider(httpBase, docName, doc, token);
  let openMs = Number.NaN;
  provider.on('status', ({ status }) => {
    if (status === 'connected' && Number.isNaN(openMs)) openMs = performance.now() - start;
  });
  const destroy = () => {
    provider.destroy();
    doc.destroy();
  };
  const syncedMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${docName} did not sync within ${timeoutMs} ms`)), timeoutMs);
    provider.on('sync', (synced) => {
      if (!synced) return;
      clearTimeout(timer);
      resolve(performance.now() - start);
    });
  }).catch((err: unknown) => {
    destroy();
    throw err;
  });
  return { openMs, syncedMs, applyMs, doc, provider, destroy };
}

import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Browserish } from './server.js';

/** The session token a Node client passes as `?token=` (browsers send the cookie instead). */
export const sessionToken = (browser: Browserish) => browser.sessionCookie.split('=')[1] ?? '';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock y-websocket client in Node, as any integration would use it. */
export function connectDoc(baseUrl: string, docName: string, token: string, opts: { maxBackoffTime?: number } = {}): CollabClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, docName, doc, {
    // ws's WebSocket matches the browser API y-websocket expects.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: opts.maxBackoffTime ?? 500,
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const synced = (client: CollabClient, timeoutMs?: number) =>
  waitFor(() => client.provider.synced, 'the first sync', timeoutMs);

/** Opens a raw websocket (no Yjs client) and reports how the handshake ended. */
export function rawUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
    });
    ws.once('error', () => resolve({ status: 0 }));
  });
}

import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { frameBinary } from './frame.js';

describe('frameBinary', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const done of cleanup.splice(0)) done();
  });

  it('frames messages of every length encoding so a ws client reads them, in order between ws\'s own sends', async () => {
    const wss = new WebSocketServer({ port: 0, perMessageDeflate: false });
    cleanup.push(() => wss.close());
    await new Promise((r) => wss.once('listening', r));
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    cleanup.push(() => client.terminate());
    // 7-bit, 16-bit and 64-bit lengths, and each boundary between them.
    const lengths = [0, 1, 125, 126, 65535, 65536, 200_000];
    const messages = lengths.flatMap((n, i) => [Buffer.alloc(n, i + 1), Buffer.from(`ws ${i}`)]);
    const received: Buffer[] = [];
    const all = new Promise<void>((resolve) => {
      client.on('message', (data: Buffer, isBinary: boolean) => {
        expect(isBinary).toBe(true);
        received.push(data);
        if (received.length === messages.length) resolve();
      });
    });
    const [server, req] = await new Promise<[WebSocket, { socket: { write(b: Buffer): boolean } }]>((r) => wss.once('connection', (ws, rq) => r([ws, rq])));
    for (let i = 0; i < lengths.length; i++) {
      req.socket.write(frameBinary(messages[2 * i]!));
      server.send(messages[2 * i + 1]!);
    }
    await all;
    expect(received).toEqual(messages);
  });
});

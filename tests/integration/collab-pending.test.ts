import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getItem, listItems, meetingDocName, rationaleText } from '../../shared/meeting-doc/index.js';
import { encodeUpdate } from '../../server/collab/protocol.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

/** Two edits by one client, the second depending on the first; and a deletion of what they made. */
function gappedUpdates() {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  source.getMap('smuggled').set('first', 'kept back');
  source.getMap('smuggled').set('second', 'sent without the first');
  const text = source.getText('smuggledText');
  text.insert(0, 'to be deleted');
  const before = Y.encodeStateVector(source);
  text.delete(0, 5);
  // The delete alone: it names items the server has never seen.
  const deletion = Y.encodeStateAsUpdate(source, before);
  return { second: updates[1]!, deletion };
}

describe('collab updates whose dependencies are missing', () => {
  let server: TestServer;
  let token: string;
  let docName: string;
  const clients: CollabClient[] = [];
  const open = async () => {
    const c = connectDoc(server.url, docName, token);
    clients.push(c);
    await synced(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    await chair.acknowledge(meetingId);
    token = sessionToken(chair);
    docName = meetingDocName(meetingId);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  for (const kind of ['second', 'deletion'] as const) {
    it(`refuses a gapped ${kind === 'second' ? 'insertion' : 'deletion'}: nothing kept pending, nothing sent on, the sender closed`, async () => {
      const sender = await open();
      const closed = new Promise<{ code: number; reason: string } | 'still open'>((resolve) => {
        sender.provider.ws!.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason }));
        setTimeout(() => resolve('still open'), 5_000);
      });
      sender.provider.ws!.send(new Uint8Array(encodeUpdate(gappedUpdates()[kind])));
      expect(await closed).toEqual({ code: 4509, reason: 'edit depends on edits the server does not have' });

      const pending = await server.ctx.docs.withDoc({ kind: 'meeting', meetingId: docName.slice('meeting:'.length) }, ({ doc }) => [doc.store.pendingStructs, doc.store.pendingDs]);
      expect(pending).toEqual([null, null]);
      const newcomer = await open();
      // Whatever the server sent the newcomer left nothing waiting in its document either.
      await waitFor(() => newcomer.provider.synced, 'newcomer synced');
      expect(newcomer.doc.store.pendingStructs).toBeNull();
      expect(newcomer.doc.store.pendingDs).toBeNull();
      expect(newcomer.doc.share.has('smuggled') && newcomer.doc.getMap('smuggled').size).toBeFalsy();
      sender.destroy();
    });
  }

  // As after a server restart that lost another client's last edit: this client holds it, and its
  // next edit builds on it before its resync has resent it.
  it('a stock client whose edit builds on one the server lacks reconnects by itself, and both edits arrive', async () => {
    const writer = await open();
    const reader = await open();
    const itemId = listItems(writer.doc)[1]!.id;
    const lost = new Y.Doc();
    Y.applyUpdate(lost, Y.encodeStateAsUpdate(writer.doc));
    rationaleText(getItem(lost, itemId)!).insert(0, 'Lost in the restart. ');
    // Taken in as if it had come from the server, so the client does not send it on by itself.
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(lost, Y.encodeStateVector(writer.doc)), writer.provider);
    const closed = new Promise<number>((resolve) => writer.provider.ws!.addEventListener('close', (e) => resolve(e.code)));
    const text = rationaleText(getItem(writer.doc, itemId)!);
    text.insert(text.length, 'Built on it.');
    expect(await closed).toBe(4509);
    const expected = 'Lost in the restart. Built on it.';
    await waitFor(() => rationaleText(getItem(reader.doc, itemId)!).toString() === expected, 'both edits at the reader');
    expect(writer.provider.wsconnected).toBe(true);
  });

  it('still takes ordinary edits from a stock client', async () => {
    const writer = await open();
    const reader = await open();
    const item = listItems(writer.doc)[0]!;
    rationaleText(item).insert(0, 'Ordinary edit. ');
    await waitFor(() => rationaleText(getItem(reader.doc, item.id)!).toString().startsWith('Ordinary edit. '), 'the edit at the reader');
    expect(writer.provider.wsconnected).toBe(true);
    expect(await server.ctx.docs.withDoc({ kind: 'meeting', meetingId: docName.slice('meeting:'.length) }, ({ doc }) => doc.store.pendingStructs)).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { getItem, getItems, listItems, meetingDocName } from '../../shared/meeting-doc/index.js';
import type { EpisodeSnapshot } from '../../shared/meeting-doc/schemas.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// The agenda records the authority checks edits against share the values the document holds equal
// (server/collab/record-sharing.ts). A value the records changed since the document was stored
// must stay the records' own: an edit to it is still put back to what the records say.
describe("the authority's agenda records, shared with a document stored before the records changed", () => {
  let server: TestServer;
  let token: string;
  let meetingId: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DOC_UNLOAD_DELAY_MS: '50' });
    const police = new Browserish(server.url);
    await police.login('police@demo.test');
    const meetings = await (await police.request('GET', '/api/meetings')).json();
    meetingId = meetings.find((m: { status: string; kind: string }) => m.status === 'PREP' && m.kind === 'DAILY_SAM').id;
    await police.acknowledge(meetingId);
    token = sessionToken(police);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  const connect = async () => {
    const client = connectDoc(server.url, meetingDocName(meetingId), token);
    clients.push(client);
    await synced(client);
    return client;
  };
  const episodesOf = (doc: Y.Doc, itemId: string) => getItem(doc, itemId)!.ymap.get('episodes') as EpisodeSnapshot[];

  it('puts back what the records say: a stale value the document kept, and a tampered one', async () => {
    const first = await connect();
    const [stale, other] = listItems(first.doc).filter((i) => episodesOf(first.doc, i.id).length > 0).map((i) => i.id);
    expect(stale && other).toBeTruthy();
    const storedSummary = episodesOf(first.doc, stale!)[0]!.summary;
    const otherEpisodes = episodesOf(first.doc, other!);
    first.destroy();
    await waitFor(async () => (await server.ctx.docs.stats()).documents === 0, 'the meeting document to unload');

    // The records change while the document is stored: it still holds the old summary.
    const link = await server.ctx.db.agendaItemEpisode.findFirstOrThrow({ where: { agendaItemId: stale! }, orderBy: { episode: { occurredAt: 'asc' } } });
    await server.ctx.db.episode.update({ where: { id: link.episodeId }, data: { summary: 'Corrected in the records' } });

    const client = await connect();
    expect(episodesOf(client.doc, stale!)[0]!.summary).toBe(storedSummary);
    const staleItem = getItems(client.doc).get(stale!) as Y.Map<unknown>;
    const otherItem = getItems(client.doc).get(other!) as Y.Map<unknown>;
    client.doc.transact(() => {
      // Writing back the value the document holds: still not what the records say.
      staleItem.set('episodes', episodesOf(client.doc, stale!).map((e) => ({ ...e })));
      otherItem.set('episodes', otherEpisodes.map((e) => ({ ...e, summary: 'Tampered' })));
    });
    await waitFor(
      () => episodesOf(client.doc, stale!)[0]!.summary === 'Corrected in the records' && episodesOf(client.doc, other!)[0]!.summary !== 'Tampered',
      'both items put back to the records',
    );
    expect(episodesOf(client.doc, other!)).toEqual(otherEpisodes);
  });

  // A document loaded from the store is held compactly (server/collab/compact-doc.ts): the
  // authority still reads it, and repairs it, as it would the decoded one.
  it('in a document loaded from the store, puts back a deleted item and a changed case reference', async () => {
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(async () => (await server.ctx.docs.stats()).documents === 0, 'the meeting document to unload');
    const client = await connect();
    const [deleted, changed] = listItems(client.doc).map((i) => i.id);
    const deletedBefore = (getItems(client.doc).get(deleted!) as Y.Map<unknown>).toJSON();
    const caseId = getItem(client.doc, changed!)!.ymap.get('caseId');
    client.doc.transact(() => {
      getItems(client.doc).delete(deleted!);
      getItem(client.doc, changed!)!.ymap.set('caseId', 'C-TAMPERED');
    });
    await waitFor(
      () => getItem(client.doc, deleted!) !== null && getItem(client.doc, changed!)!.ymap.get('caseId') === caseId,
      'the item restored and the case reference put back',
    );
    const restored = (getItems(client.doc).get(deleted!) as Y.Map<unknown>).toJSON();
    for (const key of ['caseId', 'familyRef', 'reason', 'episodes', 'rank']) expect(restored[key]).toEqual(deletedBefore[key]);
  });
});

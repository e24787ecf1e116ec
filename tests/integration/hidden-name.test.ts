import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseHistory } from '../../shared/api/records.js';
import { getField, getItem } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// A chair or coordinator hides a person's name, with a reason: the open meeting's document shows
// "Name withheld" at once, and so do the minutes and the case page for those who don't see hidden names.

const GIVEN = 'Mereana';
const FAMILY = "Te Rangi-O'Connell";

describe('hidden names', () => {
  let server: TestServer;
  let chair: Browserish;
  let police: Browserish;
  let meetingId: string;
  let itemId: string;
  let caseId: string;
  let personId: string;
  let client: CollabClient;
  const db = () => server.ctx.db;
  const namesInDoc = () => JSON.stringify(getField(getItem(client.doc, itemId)!, 'episodes'));

  beforeAll(async () => {
    server = await startTestServer();
    chair = new Browserish(server.url);
    police = new Browserish(server.url);
    expect((await chair.login('chair@demo.test')).status).toBe(200);
    expect((await police.login('police@demo.test')).status).toBe(200);
    const meeting = await db().meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } }, orderBy: { date: 'desc' } });
    meetingId = meeting.id;
    const link = await db().agendaItemEpisode.findFirstOrThrow({
      where: { agendaItem: { meetingId }, episode: { personAtRisk: { hiddenName: false } } },
      include: { episode: true },
    });
    itemId = link.agendaItemId;
    caseId = link.episode.caseId;
    personId = link.episode.personAtRiskId!;
    await db().person.update({ where: { id: personId }, data: { givenName: GIVEN, familyName: FAMILY, preferredName: null } });
    // Police works with the family (it holds an action), so its case page shows names.
    const policeAgency = await db().agency.findUniqueOrThrow({ where: { code: 'POLICE' } });
    await db().action.create({ data: { caseId, agencyId: policeAgency.id, type: 'Check-in', description: 'Call the person at risk.', dueDate: new Date('2040-01-10T00:00:00Z') } });
    await chair.acknowledge(meetingId);
    client = connectDoc(server.url, `meeting:${meetingId}`, sessionToken(chair));
    await synced(client);
    await waitFor(() => getItem(client.doc, itemId) !== null, 'the item');
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('refuses a hide without a reason (naming the field), another role, and another site’s person', async () => {
    const res = await chair.request('PUT', `/api/people/${personId}/hidden-name`, { hidden: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('reason');
    expect((await police.request('PUT', `/api/people/${personId}/hidden-name`, { hidden: true, reason: 'Protected address' })).status).toBe(403);
    const waikato = await db().person.findFirstOrThrow({ where: { site: { code: 'WAIKATO' } } });
    expect((await chair.request('PUT', `/api/people/${waikato.id}/hidden-name`, { hidden: true, reason: 'Protected address' })).status).toBe(404);
    expect((await db().person.findUniqueOrThrow({ where: { id: personId } })).hiddenName).toBe(false);
  });

  const minutes = async () => (await chair.request('GET', `/api/meetings/${meetingId}/minutes?format=md`)).text();
  const casePage = async () => {
    const page = await police.request('GET', `/api/cases/${caseId}`);
    expect(page.status).toBe(200);
    return JSON.stringify((await page.json()) as CaseHistory);
  };

  it('takes effect at once in the room, the minutes and the case page, and is audited', async () => {
    expect(namesInDoc()).toContain(FAMILY);
    expect(await minutes()).toContain(FAMILY);
    expect(await casePage()).toContain(FAMILY);
    const res = await chair.request('PUT', `/api/people/${personId}/hidden-name`, { hidden: true, reason: 'Protected address: Family Court order' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ hidden: true, reason: 'Protected address: Family Court order', meetingsUpdated: expect.any(Number) });

    await waitFor(() => !namesInDoc().includes(FAMILY), 'the name gone from the open document');
    expect(namesInDoc()).toContain('Name withheld');

    expect(await minutes()).not.toContain(FAMILY);
    expect(await casePage()).not.toContain(FAMILY);
    // The record says the name is hidden (the page offers to show it again), and why only to those who see it.
    const personIn = async (who: Browserish) => {
      const record = (await (await who.request('GET', `/api/cases/${caseId}`)).json()) as CaseHistory;
      return record.detail === 'full' ? record.people.find((p) => p.id === personId) : undefined;
    };
    expect(await personIn(chair)).toMatchObject({ name: `${GIVEN} ${FAMILY}`, nameHidden: true, nameHiddenReason: 'Protected address: Family Court order' });
    expect(await personIn(police)).toMatchObject({ name: 'Name withheld', nameHidden: true, nameHiddenReason: null });

    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'person.name-hidden', subjectId: personId } });
    expect(event.details).toMatchObject({ reason: 'Protected address: Family Court order' });

    const shown = await chair.request('PUT', `/api/people/${personId}/hidden-name`, { hidden: false });
    expect(shown.status).toBe(200);
    await waitFor(() => namesInDoc().includes(FAMILY), 'the name back in the open document');
  });
});

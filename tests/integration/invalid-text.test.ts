import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../server/intake/import-row.js';
import { sessionToken } from '../support/collab-client.js';
import { connectControl } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// PostgreSQL refuses NUL in text, and lone surrogates or control characters are never something a
// person typed: each is refused up front with a 400 naming the field, and nothing is stored.
describe('invalid text in requests', () => {
  let server: TestServer;
  let chair: Browserish;
  let ot: Browserish;
  let meetingId: string;

  beforeAll(async () => {
    server = await startTestServer();
    chair = new Browserish(server.url);
    ot = new Browserish(server.url);
    await chair.login('chair@demo.test');
    await ot.login('ot@demo.test');
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    await chair.acknowledge(meetingId);
    await ot.acknowledge(meetingId);
  });
  afterAll(() => server?.stop());

  async function expectFieldRefused(res: Response, path: string) {
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues).toEqual([{ path, message: expect.stringMatching(/control character|NUL|surrogate/) }]);
  }

  it('refuses a CSV import with NUL in a cell, naming its line and column, and imports nothing', async () => {
    const cells = (ref: string, summary: string) => IMPORT_COLUMNS.map((c) => ({
      policeRef: ref, occurredAt: '2025-03-01T21:40', area: 'Hamilton Central', source: 'POLICE_FAMILY_HARM', summary,
      'personAtRisk.givenName': 'Aroha', 'personAtRisk.familyName': 'Test', 'personUsingViolence.givenName': 'Tama', 'personUsingViolence.familyName': 'Test',
    } as Record<string, string>)[c] ?? '').join(',');
    const body = [IMPORT_COLUMNS.join(','), cells('NUL-0001', 'A good row.'), cells('NUL-0002', 'Broken\u0000here')].join('\n');
    const before = await server.ctx.db.episode.count();
    const res = await fetch(`${server.url}/api/meetings/${meetingId}/episodes/import`, {
      method: 'POST', headers: { 'content-type': 'text/csv', 'x-requested-with': 'samroom', cookie: chair.sessionCookie }, body,
    });
    expect(res.status).toBe(400);
    const error = (await res.json()).error;
    expect(error.code).toBe('INVALID_IMPORT_FILE');
    expect(error.details).toEqual({ line: 3, field: 'summary' });
    expect(error.message).toMatch(/line 3.*summary.*NUL/);
    expect(await server.ctx.db.episode.count()).toBe(before);
  });

  it('refuses NUL in a JSON import, naming the element and field', async () => {
    const res = await chair.request('POST', `/api/meetings/${meetingId}/episodes/import`, [{ policeRef: 'NUL-0003', summary: 'x\u0000' }]);
    await expectFieldRefused(res, '0.summary');
  });

  it('refuses NUL in a person search', async () => {
    await expectFieldRefused(await chair.request('GET', '/api/people/search?q=Ar%00oha'), 'q');
  });

  it('refuses NUL in a withheld reason, and records no disclosure', async () => {
    const itemId = (await server.ctx.db.agendaItem.findFirstOrThrow({ where: { meetingId }, orderBy: { id: 'asc' } })).id;
    const res = await ot.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'WITHHOLD', withheldReason: 'Active\u0000request' });
    await expectFieldRefused(res, 'withheldReason');
    expect(await server.ctx.db.disclosure.count({ where: { agendaItemId: itemId } })).toBe(0);
  });

  it('refuses NUL, a lone surrogate or a control character in an outcome note, and leaves the action as it was', async () => {
    const action = await server.ctx.db.action.findFirstOrThrow({ where: { status: 'OPEN' } });
    for (const note of ['Done\u0000', 'Done \ud83d', 'Done\u001b[2J']) {
      const res = await chair.request('PATCH', `/api/actions/${action.id}`, { status: 'DONE', outcomeNote: note });
      await expectFieldRefused(res, 'outcomeNote');
    }
    expect(await server.ctx.db.action.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({ status: 'OPEN', outcomeNote: action.outcomeNote });
    // Tabs and line breaks are text.
    const fine = await chair.request('PATCH', `/api/actions/${action.id}`, { status: 'DONE', outcomeNote: 'Done:\r\n\tvisit made' });
    expect(fine.status).toBe(200);
  });

  it('refuses NUL in a control-plane command, naming the field', async () => {
    const control = connectControl(server.url, meetingId, sessionToken(chair));
    try {
      expect(await control.outcome).toBe('connected');
      const itemId = (await server.ctx.db.agendaItem.findFirstOrThrow({ where: { meetingId } })).id;
      const ack = await control.send('item:defer', { itemId, reason: 'Whānau\u0000away' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ field: 'reason', message: expect.stringMatching(/NUL/) }] } });
    } finally {
      control.close();
    }
  });
});

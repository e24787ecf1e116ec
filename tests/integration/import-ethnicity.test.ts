import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportResult } from '../../shared/api/intake.js';
import { importFixture } from '../fixtures/import/index.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Ethnicity (Stats NZ level 1) and iwi recorded at import, for the re-victimisation figures by group.

describe('ethnicity and iwi at import', () => {
  let server: TestServer;
  let chair: Browserish;
  let siteId: string;
  let day = 0;

  const newMeeting = async () => {
    const date = DateTime.fromISO('2028-02-01').plus({ days: day++ }).toISODate();
    const res = await chair.request('POST', '/api/meetings', { siteId, date, kind: 'DAILY_SAM' });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const upload = async (body: string, type: string) => {
    const res = await fetch(`${server.url}/api/meetings/${await newMeeting()}/episodes/import`, {
      method: 'POST', headers: { 'content-type': type, 'x-requested-with': 'samroom', cookie: chair.sessionCookie }, body,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return ImportResult.parse(await res.json());
  };
  const person = (policePersonRef: string) =>
    server.ctx.db.person.findUnique({ where: { siteId_policePersonRef: { siteId, policePersonRef } }, select: { ethnicity: true, iwiAffiliations: true } });

  beforeAll(async () => {
    server = await startTestServer();
    chair = new Browserish(server.url);
    await chair.login('chair.waikato@demo.test');
    siteId = (await server.ctx.db.site.findUniqueOrThrow({ where: { code: 'WAIKATO' } })).id;
  });
  afterAll(() => server?.stop());

  it('reads the groups in any case and without macrons, and iwi separated by semicolons (CSV)', async () => {
    const result = await upload(importFixture('ethnicity-iwi.csv'), 'text/csv');
    expect(result.errors).toEqual([
      { line: 4, field: 'personAtRisk.ethnicity', message: 'must be one of European, Māori, Pacific Peoples, Asian, MELAA, Other' },
      { line: 5, field: 'personAtRisk.iwi.1', message: 'has an empty iwi name' },
      { line: 5, field: 'personUsingViolence.iwi.0', message: 'iwi names are letters, spaces, hyphens and apostrophes' },
    ]);
    expect(result.imported).toBe(3);
    expect(await person('PPRX-7001')).toEqual({ ethnicity: 'Māori', iwiAffiliations: ['Ngāti Porou', 'Rongowhakaata'] });
    expect(await person('PPRX-7002')).toEqual({ ethnicity: 'Māori', iwiAffiliations: ['Ngati Kahungunu ki Wairoa'] });
    expect(await person('PPRX-7003')).toEqual({ ethnicity: 'Pacific Peoples', iwiAffiliations: [] });
    expect(await person('PPRX-7004')).toEqual({ ethnicity: 'European', iwiAffiliations: [] });
    // Rows in error create nobody.
    expect(await person('PPRX-7005')).toBeNull();
    expect(await person('PPRX-7007')).toBeNull();
  });

  it('updates a known person when a later file records them, and keeps what a silent row does not say (JSON)', async () => {
    const row = (policeRef: string, atRisk: Record<string, unknown>, line = {}) => ({
      policeRef, occurredAt: '2025-07-01T20:00', area: 'Gisborne', source: 'POLICE_FAMILY_HARM', summary: 'Neighbour called.',
      personAtRisk: { givenName: 'Hinewai', familyName: 'Te Kani-Pōhatu', dob: '1990-04-04', policePersonRef: 'PPRX-7001', ...atRisk },
      personUsingViolence: { givenName: 'Wiremu', familyName: 'Kerekere', dob: '1987-02-02', policePersonRef: 'PPRX-7002' },
      ...line,
    });
    const result = await upload(JSON.stringify([
      row('EJ-0001', { ethnicity: 'MĀORI', iwi: ['Ngāti Porou', 'Te Aitanga-a-Māhaki'] }),
      row('EJ-0002', { ethnicity: 'Martian' }),
      row('EJ-0003', { iwi: 42 }),
      row('EJ-0004', { iwi: 'Ngāti Porou;Ngati Porou' }),
      row('EJ-0005', { ethnicity: null, iwi: null }),
    ]), 'application/json');
    expect(result.errors).toEqual([
      { line: 2, field: 'personAtRisk.ethnicity', message: 'must be one of European, Māori, Pacific Peoples, Asian, MELAA, Other' },
      { line: 3, field: 'personAtRisk.iwi', message: 'must be text or a list of iwi names' },
      { line: 4, field: 'personAtRisk.iwi', message: 'names an iwi twice' },
    ]);
    expect(result.imported).toBe(2);
    expect(await person('PPRX-7001')).toEqual({ ethnicity: 'Māori', iwiAffiliations: ['Ngāti Porou', 'Te Aitanga-a-Māhaki'] });
  });

  it('still takes files without the optional columns', async () => {
    const result = await upload(importFixture('good.csv'), 'text/csv');
    expect(result.errors).toEqual([]);
    expect(result.imported).toBeGreaterThan(0);
  });
});

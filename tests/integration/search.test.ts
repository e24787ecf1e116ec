import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonSearchHit } from '../../shared/api/intake.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Finding a person or whānau between meetings: by name (macrons and case folded, any word order),
// date of birth or police person reference, only within the searcher's site.

describe('search for a person or whānau', () => {
  let server: TestServer;
  let police: Browserish;
  let waikato: Browserish;

  beforeAll(async () => {
    server = await startTestServer();
    police = new Browserish(server.url);
    await police.login('police@demo.test');
    waikato = new Browserish(server.url);
    await waikato.login('police.waikato@demo.test');
  });
  afterAll(async () => server?.stop());

  const search = async (who: Browserish, query: Record<string, string>) => {
    const res = await who.request('GET', `/api/people/search?${new URLSearchParams(query)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as PersonSearchHit[];
  };
  /** A Canterbury person with a macron in their name, a date of birth and a police reference. */
  const person = () => server.ctx.db.person.findFirstOrThrow({
    where: {
      hiddenName: false, dob: { not: null }, policePersonRef: { not: null },
      OR: ['ā', 'ē', 'ī', 'ō', 'ū'].map((m) => ({ familyName: { contains: m } })),
      memberships: { some: { case: { site: { code: 'CANTERBURY' } } } },
    },
    include: { memberships: { include: { case: true } } },
  });

  it('finds a name without its macrons, in any case and any word order, and gives the cases to open', async () => {
    const p = await person();
    const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
    for (const q of [`${plain(p.familyName).toUpperCase()} ${plain(p.givenName).toLowerCase()}`, `${p.givenName} ${p.familyName}`]) {
      const hits = await search(police, { q });
      const hit = hits.find((h) => h.id === p.id);
      expect(hit, q).toBeDefined();
      expect(hit!.cases.map((c) => c.id).sort()).toEqual(p.memberships.map((m) => m.caseId).sort());
    }
  });

  it('finds a person by date of birth and by police person reference', async () => {
    const p = await person();
    expect((await search(police, { dob: p.dob!.toISOString().slice(0, 10) })).map((h) => h.id)).toContain(p.id);
    expect((await search(police, { policeRef: p.policePersonRef! })).map((h) => h.id)).toEqual([p.id]);
  });

  it("finds nobody from another site's whānau", async () => {
    const p = await person();
    expect(await search(waikato, { policeRef: p.policePersonRef! })).toEqual([]);
    expect((await search(waikato, { q: `${p.givenName} ${p.familyName}` })).map((h) => h.id)).not.toContain(p.id);
  });

  it('refuses a name of fewer than 2 characters with 400 naming q', async () => {
    const res = await police.request('GET', '/api/people/search?q=a');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('"q"');
  });
});

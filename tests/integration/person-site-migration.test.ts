import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../server/db/schema-engine.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

// People became per-site records. A database from before holds one record for someone seen at two
// sites; the migration must leave each site its own record, with that site's rows pointing at it.

const MIGRATION = 'person_site';

describe('the person-per-site migration', () => {
  let testDb: TestDatabase;
  let client: pg.Client;
  const q = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await client.query<T>(sql, values)).rows;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await client?.end();
    await testDb?.drop();
  });

  it('splits a person seen at two sites into one record per site and repoints each site’s rows', async ({ skip }) => {
    if (testDb.kind !== 'postgres') skip(); // createTestDatabase already said why (and fails in CI)
    client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    const names = (await readdir(migrationsDir)).filter((n) => /^\d+_/.test(n)).sort();
    const at = names.findIndex((n) => n.endsWith(`_${MIGRATION}`));
    expect(at).toBeGreaterThan(0);
    const run = async (name: string) => client.query(await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8'));
    for (const name of names.slice(0, at)) await run(name);

    await q(`INSERT INTO "Site" (id, code, name, "createdAt") VALUES ('s-a', 'A', 'Site A', '2026-01-01'), ('s-b', 'B', 'Site B', '2026-01-01')`);
    await q(`INSERT INTO "Person" (id, "givenName", "familyName", "nameKey", "policePersonRef", "iwiAffiliations")
             VALUES ('p', 'Mereana', 'Te Whārangi-O''Neill', 'mereana te wharangi-o''neill', 'PPR-0000001', '{}'),
                    ('alone', 'Hōhepa', 'Rāwiri', 'hohepa rawiri', NULL, '{}')`);
    await q(`INSERT INTO "Case" (id, reference, "siteId", "createdAt", "updatedAt", flags)
             VALUES ('c-a', 'A-1', 's-a', '2026-02-01', now(), '{}'), ('c-b', 'B-1', 's-b', '2026-03-01', now(), '{}')`);
    await q(`INSERT INTO "CaseMember" (id, "caseId", "personId", role) VALUES ('m-a', 'c-a', 'p', 'PERSON_AT_RISK'), ('m-b', 'c-b', 'p', 'PERSON_AT_RISK')`);
    await q(`INSERT INTO "Episode" (id, "policeRef", "siteId", "caseId", "occurredAt", area, source, summary, "personAtRiskId")
             VALUES ('e-a', 'EA', 's-a', 'c-a', '2026-02-01', 'Area A', 'POLICE_FAMILY_HARM', '', 'p'),
                    ('e-b', 'EB', 's-b', 'c-b', '2026-03-01', 'Area B', 'POLICE_FAMILY_HARM', '', 'p')`);
    await q(`INSERT INTO "RiskAssessment" (id, "caseId", "episodeId", "personId", tool) VALUES ('r-b', 'c-b', 'e-b', 'p', 'SAFVR')`);

    await run(names[at]!);

    const people = await q<{ id: string; siteId: string; givenName: string; policePersonRef: string | null }>(
      `SELECT id, "siteId", "givenName", "policePersonRef" FROM "Person" ORDER BY "siteId", id`);
    const atB = people.find((p) => p.siteId === 's-b')!;
    expect(people).toEqual([
      { id: 'alone', siteId: 's-a', givenName: 'Hōhepa', policePersonRef: null },
      { id: 'p', siteId: 's-a', givenName: 'Mereana', policePersonRef: 'PPR-0000001' },
      { id: atB.id, siteId: 's-b', givenName: 'Mereana', policePersonRef: 'PPR-0000001' },
    ]);
    expect(atB.id).not.toBe('p');
    expect(await q(`SELECT id, "personId" FROM "CaseMember" ORDER BY id`)).toEqual([{ id: 'm-a', personId: 'p' }, { id: 'm-b', personId: atB.id }]);
    expect(await q(`SELECT id, "personAtRiskId" FROM "Episode" ORDER BY id`)).toEqual([{ id: 'e-a', personAtRiskId: 'p' }, { id: 'e-b', personAtRiskId: atB.id }]);
    expect(await q(`SELECT "personId" FROM "RiskAssessment"`)).toEqual([{ personId: atB.id }]);
    // What is left is what the schema requires of every later row.
    await expect(q(`INSERT INTO "Person" (id, "givenName", "familyName", "nameKey", "iwiAffiliations") VALUES ('x', 'A', 'B', 'a b', '{}')`))
      .rejects.toThrow(/siteId/);
    await expect(q(`INSERT INTO "Person" (id, "siteId", "givenName", "familyName", "nameKey", "policePersonRef", "iwiAffiliations") VALUES ('y', 's-a', 'A', 'B', 'a b', 'PPR-0000001', '{}')`))
      .rejects.toThrow(/unique/i);
  });
});

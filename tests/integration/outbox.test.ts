import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDbTarget, type DbTarget } from '../../server/db/adapter.js';
import { createPrismaClient, type Db } from '../../server/db/client.js';
import { applyMigrations } from '../../server/db/migrate.js';
import { claimDue, markFailed } from '../../server/reminders/outbox.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

// The outbox's claim (FOR UPDATE SKIP LOCKED) on both databases the app runs on: PostgreSQL, and
// the embedded PGlite of `npm start`.

async function seedEmails(db: Db, n: number): Promise<void> {
  const site = await db.site.create({ data: { code: `S${Date.now()}`, name: 'Te Tai Tokerau (test)' } });
  const agency = await db.agency.create({ data: { code: `A${Date.now()}`, name: 'Kōwhai Trust (test)', kind: 'FV_NGO' } });
  for (let i = 0; i < n; i++) {
    await db.notification.create({
      data: {
        siteId: site.id, agencyId: agency.id, kind: 'DAILY_DIGEST', dedupeKey: `digest:2040-01-${String(i + 1).padStart(2, '0')}`, title: 't', body: 'b', link: '/',
        email: { create: { recipients: ['kowhai@demo.test'], subject: 's', text: 't' } },
      },
    });
  }
}

for (const kind of ['postgres', 'pglite'] as const) {
  describe(`the reminder outbox on ${kind}`, () => {
    let testDb: TestDatabase | null = null;
    let target: DbTarget;
    let db: Db;

    beforeAll(async () => {
      testDb = kind === 'postgres' ? await createTestDatabase() : null;
      if (kind === 'postgres' && testDb?.kind !== 'postgres') return;
      target = await openDbTarget({ databaseUrl: testDb?.url, pgliteDir: 'memory://' });
      await applyMigrations(target.adapter);
      db = createPrismaClient(target);
      await seedEmails(db, 6);
    }, 60_000);
    afterAll(async () => {
      await db?.$disconnect();
      await target?.close();
      await testDb?.drop();
    });

    it('gives each due email to one claimer only, and none before its retry time', async ({ skip }) => {
      if (!db) return skip();
      const [a, b] = await Promise.all([claimDue(db, 4), claimDue(db, 4)]);
      const ids = [...a!, ...b!].map((e) => e.id);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
      expect(await claimDue(db, 10)).toEqual([]);

      const first = a![0]!;
      await markFailed(db, first, 'refused', { maxAttempts: 3, retryBaseMs: 60_000 });
      expect(await claimDue(db, 10)).toEqual([]);
      expect(await claimDue(db, 10, new Date(Date.now() + 61_000))).toMatchObject([{ id: first.id, attempts: 2 }]);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { openDbTarget, type DbTarget } from '../../server/db/adapter.js';
import { createPrismaClient } from '../../server/db/client.js';
import { applyMigrations } from '../../server/db/migrate.js';
import { createTestDatabase } from '../support/db.js';

const EXPECTED_TABLES = [
  'Action', 'Agency', 'AgendaItem', 'AgendaItemEpisode', 'AuditEvent', 'Case', 'CaseMember', 'CorrectionRequest', 'Decision',
  'Disclosure', 'DocSnapshot', 'DocUpdate', 'Episode', 'EpisodeChild', 'Invite', 'KeyFingerprint', 'Meeting', 'MinutesVersion', 'Notification',
  'NotificationRead', 'OutboxEmail', 'Participant', 'PasswordToken', 'Person', 'PlanVersion', 'RiskAssessment', 'Session', 'Site', 'User', '_prisma_migrations',
];

async function migrateAndListTables(target: DbTarget) {
  const first = await applyMigrations(target.adapter);
  const second = await applyMigrations(target.adapter);
  const db = createPrismaClient(target);
  const rows = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
  const migrations = await db.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
    SELECT migration_name, finished_at FROM _prisma_migrations`;
  await db.$disconnect();
  return { first, second, tables: rows.map((r) => r.table_name), migrations };
}

describe('migrations', () => {
  // The embedded database is PostgreSQL in WebAssembly: every migration replays slowly on a small machine.
  it('migrate an empty embedded PGlite database', { timeout: 120_000 }, async () => {
    const target = await openDbTarget({ pgliteDir: 'memory://' });
    try {
      const r = await migrateAndListTables(target);
      expect(r.first.length).toBeGreaterThan(0);
      expect(r.second).toEqual([]);
      expect(r.tables).toEqual(EXPECTED_TABLES);
      expect(r.migrations.every((m) => m.finished_at)).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('migrate an empty PostgreSQL database', async ({ skip }) => {
    const testDb = await createTestDatabase();
    if (testDb.kind !== 'postgres') skip(); // createTestDatabase already said why (and fails in CI)
    const target = await openDbTarget({ databaseUrl: testDb.url, pgliteDir: '' });
    try {
      const r = await migrateAndListTables(target);
      expect(r.second).toEqual([]);
      expect(r.tables).toEqual(EXPECTED_TABLES);
    } finally {
      await target.close();
      await testDb.drop();
    }
  });
});

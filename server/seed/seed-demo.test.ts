import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDb } from '../../tests/support/db.js';
import { dateColumn } from '../../shared/nz-time.js';
import { verifyPassword } from '../auth/password.js';
import type { Db } from '../db/client.js';
import { generateDemoData } from './demo-data.js';
import { seedDemo } from './seed-demo.js';

// Against a real database: local PostgreSQL when it answers, else in-memory PGlite (tests/support/db.ts).
const TODAY = '2026-11-23';
const SEED = 7;
const PASSWORD = 'synthetic-demo-password';

async function tableCounts(db: Db): Promise<Record<string, number>> {
  return {
    sites: await db.site.count(),
    agencies: await db.agency.count(),
    users: await db.user.count(),
    persons: await db.person.count(),
    cases: await db.case.count(),
    caseMembers: await db.caseMember.count(),
    episodes: await db.episode.count(),
    episodeChildren: await db.episodeChild.count(),
    riskAssessments: await db.riskAssessment.count(),
    meetings: await db.meeting.count(),
    participants: await db.participant.count(),
    agendaItems: await db.agendaItem.count(),
    agendaItemEpisodes: await db.agendaItemEpisode.count(),
    decisions: await db.decision.count(),
    actions: await db.action.count(),
  };
}

describe('seedDemo', () => {
  let handle: Awaited<ReturnType<typeof openMigratedDb>>;
  let db: Db;
  beforeAll(async () => {
    handle = await openMigratedDb();
    db = handle.db;
  });
  afterAll(() => handle?.close());

  it('writes the whole demo into an empty database', async () => {
    const result = await seedDemo(db, { seed: SEED, today: TODAY, password: PASSWORD });
    const expected = generateDemoData({ seed: SEED, today: TODAY });
    expect(result.seeded).toBe(true);
    expect(result.chairEmail).toBe('chair@demo.test');
    const sizes = Object.fromEntries(Object.entries(expected).map(([table, rows]: [string, unknown[]]) => [table, rows.length]));
    expect(result.counts).toEqual(sizes);
    expect(await tableCounts(db)).toEqual(sizes);
  });

  it("stores today's meeting ready to run, names and dates intact", async () => {
    const canterbury = await db.site.findUniqueOrThrow({ where: { code: 'CANTERBURY' } });
    const meeting = await db.meeting.findUniqueOrThrow({
      where: { siteId_date_kind: { siteId: canterbury.id, date: dateColumn(TODAY), kind: 'DAILY_SAM' } },
      include: { agendaItems: true },
    });
    expect(meeting.status).toBe('PREP');
    expect(meeting.agendaItems).toHaveLength(await db.case.count({ where: { siteId: canterbury.id } }));
    expect(meeting.agendaItems.some((i) => i.reason === 'REPEAT')).toBe(true);

    const expected = generateDemoData({ seed: SEED, today: TODAY }).persons.find((p) => /[āēīōū]/.test(p.familyName));
    if (!expected) throw new Error('the seed should include a macron');
    const stored = await db.person.findUniqueOrThrow({ where: { id: expected.id } });
    expect(stored).toEqual(expected);

    const carried = await db.action.count({
      where: { status: { in: ['OPEN', 'IN_PROGRESS', 'NOT_DONE_CIRCUMSTANCES', 'NOT_DONE_AGENCY'] }, dueDate: { lt: dateColumn(TODAY) } },
    });
    expect(carried).toBeGreaterThan(0);
  });

  it('does nothing when the database already has a site', async () => {
    const before = await tableCounts(db);
    const again = await seedDemo(db, { seed: SEED + 1, today: TODAY, password: 'another' });
    expect(again).toEqual({ seeded: false, chairEmail: 'chair@demo.test', counts: {} });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('signs the chair in with the demo password, one hash for every account', async () => {
    const chair = await db.user.findUniqueOrThrow({ where: { email: 'chair@demo.test' } });
    expect(await verifyPassword(PASSWORD, chair.passwordHash!)).toBe(true);
    expect(await verifyPassword('wrong', chair.passwordHash!)).toBe(false);
    const hashes = await db.user.findMany({ select: { passwordHash: true }, distinct: ['passwordHash'] });
    expect(hashes).toHaveLength(1);
  });
});

describe('seedDemo on several processes at once', () => {
  let handle: Awaited<ReturnType<typeof openMigratedDb>>;
  beforeAll(async () => {
    handle = await openMigratedDb();
  });
  afterAll(() => handle?.close());

  it('seeds an empty database exactly once', async () => {
    const opts = { seed: SEED, today: TODAY, password: PASSWORD };
    const results = await Promise.all([seedDemo(handle.db, opts), seedDemo(handle.db, opts)]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    expect(await handle.db.site.count()).toBe(2);
  });
});

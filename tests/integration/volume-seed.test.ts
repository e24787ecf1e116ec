import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInNz } from '../../shared/nz-time.js';
import { seedDemo } from '../../server/seed/seed-demo.js';
import { seedVolume, VOLUME_SITES } from '../../server/seed/volume.js';
import { reportFigures } from '../../server/reports/report-figures.js';
import { reportWindow } from '../../server/reports/report-window.js';
import { openMigratedDb } from '../support/db.js';
import type { Db } from '../../server/db/client.js';

// The volume generator at a small size: what it writes is consistent, and the reports read it.

describe('the volume generator', () => {
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedDb());
    await seedDemo(db, { today: todayInNz(), password: 'volume-test-kōwhai-42' });
  }, 120_000);
  afterAll(() => close?.());

  it('writes two sites of families, meetings, decisions and actions, once', async () => {
    const result = await seedVolume(db, { end: '2026-06-30', episodes: 1_200 });
    expect(result.seeded).toBe(true);
    expect(result.counts.episodes).toBe(1_200);
    expect((await seedVolume(db, { end: '2026-06-30', episodes: 1_200 })).seeded).toBe(false);

    const sites = await db.site.findMany({ where: { code: { in: VOLUME_SITES.map((s) => s.code) } } });
    expect(sites).toHaveLength(2);
    const twoYears = reportWindow(sites.map((s) => s.id), '2024-07-01', '2026-06-30');
    const f = await reportFigures(db, twoYears);
    // Every episode falls in the two years, and each went to the next day's meeting.
    expect(f.episodes).toBe(1_200);
    expect(f.families).toBe(result.counts.cases);
    expect(f.repeatFamilies).toBeGreaterThan(0);
    expect(f.itemsDecided + f.itemsDeferred).toBe(result.counts.items);
    expect(f.medianMinutesPerItem).toBeGreaterThanOrEqual(2);
    expect(f.actions.assigned).toBeGreaterThan(0);
    expect(f.actions.doneOnTime).toBeLessThan(f.actions.done);
    expect(f.revictimisation.byEthnicity.map((g) => g.ethnicity)).toEqual(expect.arrayContaining(['Māori', 'European', 'Pacific Peoples']));
    // Someone is the person at risk in two whānau.
    const shared = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT "personAtRiskId" FROM "Episode" WHERE "siteId" = ANY(${sites.map((s) => s.id)}::text[])
      GROUP BY 1 HAVING count(DISTINCT "caseId") > 1) twice`;
    expect(shared[0]!.n).toBeGreaterThan(0);
  }, 120_000);
});

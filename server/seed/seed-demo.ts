import { hashPassword } from '../auth/password.js';
import type { Db } from '../db/client.js';
import { DEMO_CHAIR_EMAIL, generateDemoData } from './demo-data.js';

export interface SeedDemoOptions {
  /** Picks the synthetic data set; the same seed and day always give the same rows. */
  seed?: number;
  /** The demo's "today" (YYYY-MM-DD, Pacific/Auckland): its meeting is the one ready to run. */
  today: string;
  /** The password of every demo account. */
  password: string;
}

export interface SeedDemoResult {
  seeded: boolean;
  chairEmail: string;
  /** Rows written per table; empty when nothing was seeded. */
  counts: Record<string, number>;
}

const DEFAULT_SEED = 2024;
/** Serialises seeders: processes starting together on one empty PostgreSQL seed it once. */
const SEED_LOCK_KEY = 0x53414d5345454400n;
// Generous: PGlite runs the whole seed on its one connection, slowly on a small machine.
const TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

/**
 * Fills an empty database with the synthetic demo, all or nothing. A database that has any site
 * is left alone (a restart, or real data), so this is safe to call on every start.
 */
export async function seedDemo(db: Db, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const skipped: SeedDemoResult = { seeded: false, chairEmail: DEMO_CHAIR_EMAIL, counts: {} };
  // Checked before hashing, which is deliberately slow, so a normal restart costs one count.
  if ((await db.site.count()) > 0) return skipped;

  const data = generateDemoData({ seed: opts.seed ?? DEFAULT_SEED, today: opts.today });
  // One hash shared by every demo account: they share the password, and scrypt is slow by design.
  const passwordHash = await hashPassword(opts.password);

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
    // Again under the lock: another process may have seeded since the check above.
    if ((await tx.site.count()) > 0) return skipped;

    // In foreign-key order; createMany sends each table as one statement.
    const counts: Record<string, number> = {};
    counts.sites = (await tx.site.createMany({ data: data.sites })).count;
    counts.agencies = (await tx.agency.createMany({ data: data.agencies })).count;
    counts.users = (await tx.user.createMany({ data: data.users.map((u) => ({ ...u, passwordHash })) })).count;
    counts.persons = (await tx.person.createMany({ data: data.persons })).count;
    counts.cases = (await tx.case.createMany({ data: data.cases })).count;
    counts.caseMembers = (await tx.caseMember.createMany({ data: data.caseMembers })).count;
    counts.episodes = (await tx.episode.createMany({ data: data.episodes })).count;
    counts.episodeChildren = (await tx.episodeChild.createMany({ data: data.episodeChildren })).count;
    counts.riskAssessments = (await tx.riskAssessment.createMany({ data: data.riskAssessments })).count;
    counts.meetings = (await tx.meeting.createMany({ data: data.meetings })).count;
    counts.participants = (await tx.participant.createMany({ data: data.participants })).count;
    counts.agendaItems = (await tx.agendaItem.createMany({ data: data.agendaItems })).count;
    counts.agendaItemEpisodes = (await tx.agendaItemEpisode.createMany({ data: data.agendaItemEpisodes })).count;
    counts.decisions = (await tx.decision.createMany({ data: data.decisions })).count;
    counts.actions = (await tx.action.createMany({ data: data.actions })).count;
    return { seeded: true, chairEmail: DEMO_CHAIR_EMAIL, counts };
  }, TRANSACTION);
}

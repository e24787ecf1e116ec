import { createHash, randomInt } from 'node:crypto';
import type { CreateSiteRequest, TrainingReset } from '../../shared/api/admin.js';
import { todayInNz } from '../../shared/nz-time.js';
import type { LiveAccess } from '../access/live-access.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';
import type { Site } from '../db/generated/client.js';
import { conflict } from '../domain/domain-error.js';
import { generateTrainingDay } from '../seed/demo-data.js';
import { byAdmin } from './admin-access.js';
import { createSite } from './sites.js';

// A training site: synthetic whānau and a day's list that trainees run as a real meeting, put
// back to its starting state in one action. Every delete and insert names the training site's
// id, so nothing reaches another site's rows; the site's staff accounts stay.

type Ctx = { db: Db; audit: AuditLog; access: LiveAccess };
type Tx = Prisma.TransactionClient;

// Generous, like the demo seed's: PGlite runs it on its one connection.
const TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

/** The same whānau every time for one site: the seed comes from the site's id. */
const contentSeed = (siteId: string) => createHash('sha256').update(siteId).digest().readUInt32BE(0);

export async function createTrainingSite(ctx: Ctx, p: StaffPrincipal, req: Required<CreateSiteRequest>): Promise<{ site: Site; reset: TrainingReset }> {
  const site = await createSite(ctx, p, req, true);
  return { site, reset: await resetTrainingSite(ctx, p, site) };
}

/** Removes everything the site's meetings and families gathered, and writes the starting day again. */
export async function resetTrainingSite(ctx: Ctx, p: StaffPrincipal, site: Site): Promise<TrainingReset> {
  if (!site.training) throw conflict('NOT_TRAINING', `${site.name} is a live site: only a training site can be reset`);
  const agencies = await ctx.db.agency.findMany();
  const day = generateTrainingDay({ seed: contentSeed(site.id), idSeed: randomInt(2 ** 31), today: todayInNz(), site, agencies });
  const { participants, removed } = await ctx.db.$transaction(async (tx) => {
    const ended = await tx.participant.findMany({ where: { meeting: { siteId: site.id } }, select: { id: true } });
    const removedRows = await clearSite(tx, site.id);
    await tx.person.createMany({ data: day.persons });
    await tx.case.createMany({ data: day.cases });
    await tx.caseMember.createMany({ data: day.caseMembers });
    await tx.episode.createMany({ data: day.episodes });
    await tx.episodeChild.createMany({ data: day.episodeChildren });
    await tx.riskAssessment.createMany({ data: day.riskAssessments });
    await tx.meeting.createMany({ data: day.meetings });
    await tx.agendaItem.createMany({ data: day.agendaItems });
    await tx.agendaItemEpisode.createMany({ data: day.agendaItemEpisodes });
    await ctx.audit.record({
      ...byAdmin(p), action: 'site.training_reset', subjectType: 'Site', subjectId: site.id,
      details: { code: site.code, removed: removedRows, families: day.cases.length, episodes: day.episodes.length },
    }, tx);
    return { participants: ended, removed: removedRows };
  }, TRANSACTION);
  // Whoever is in one of its meetings leaves it now, on every process: those meetings are gone.
  const users = await ctx.db.user.findMany({ where: { siteId: site.id }, select: { id: true } });
  const reason = 'The training site was reset to its starting state';
  for (const u of users) await ctx.access.end({ kind: 'user', id: u.id }, reason);
  for (const pt of participants) await ctx.access.end({ kind: 'participant', id: pt.id }, reason);
  return { removed, families: day.cases.length, episodes: day.episodes.length, meetings: day.meetings.length };
}

/** Deletes the site's case and meeting rows, children first; returns how many rows went. */
async function clearSite(tx: Tx, siteId: string): Promise<number> {
  const meetingIds = (await tx.meeting.findMany({ where: { siteId }, select: { id: true } })).map((m) => m.id);
  const caseIds = (await tx.case.findMany({ where: { siteId }, select: { id: true } })).map((c) => c.id);
  const docs = [
    ...meetingIds.flatMap((id) => [{ doc: `meeting:${id}` }, { doc: { startsWith: `prep:${id}:` } }]),
    ...caseIds.flatMap((id) => [{ doc: `plan:${id}` }, { doc: `plan-private:${id}` }]),
  ];
  const counts = [
    docs.length ? (await tx.docUpdate.deleteMany({ where: { OR: docs } })).count : 0,
    docs.length ? (await tx.docSnapshot.deleteMany({ where: { OR: docs } })).count : 0,
    (await tx.minutesVersion.deleteMany({ where: { meetingId: { in: meetingIds } } })).count,
    (await tx.disclosure.deleteMany({ where: { OR: [{ meetingId: { in: meetingIds } }, { caseId: { in: caseIds } }] } })).count,
    (await tx.action.deleteMany({ where: { caseId: { in: caseIds } } })).count,
    (await tx.planVersion.deleteMany({ where: { caseId: { in: caseIds } } })).count,
    (await tx.decision.deleteMany({ where: { caseId: { in: caseIds } } })).count,
    // Agenda items, participants (and their sessions) and invitations go with their meeting.
    (await tx.meeting.deleteMany({ where: { siteId } })).count,
    (await tx.riskAssessment.deleteMany({ where: { caseId: { in: caseIds } } })).count,
    (await tx.episode.deleteMany({ where: { siteId } })).count,
    // Case members go with their case.
    (await tx.case.deleteMany({ where: { siteId } })).count,
    (await tx.correctionRequest.deleteMany({ where: { person: { siteId } } })).count,
    (await tx.person.deleteMany({ where: { siteId } })).count,
    // Reads and queued emails go with their notification.
    (await tx.notification.deleteMany({ where: { siteId } })).count,
  ];
  return counts.reduce((a, b) => a + b, 0);
}

import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../../shared/domain.js';
import type { Prisma } from '../db/generated/client.js';

export interface NewEpisode {
  occurredAt: Date;
  personIds: readonly string[];
}

/** The start of the 12 months before an instant, by the calendar in Pacific/Auckland. */
export function repeatWindowStart(occurredAt: Date): Date {
  return DateTime.fromJSDate(occurredAt, { zone: NZ_TIME_ZONE }).minus({ months: 12 }).toJSDate();
}

/**
 * Which new episodes are repeats (docs/architecture.md, Domain): their person at risk or person using violence, in
 * either role, had an episode or a decision in the 12 months before the episode — any agency,
 * any site. What is already on this meeting's list (and the file being imported) is today's
 * business, not history: a whānau seen twice overnight is one new item, as the demo list has it.
 */
export async function findRepeats(tx: Prisma.TransactionClient, meetingId: string, episodes: readonly NewEpisode[]): Promise<boolean[]> {
  if (episodes.length === 0) return [];
  const personIds = [...new Set(episodes.flatMap((e) => e.personIds))];
  const times = episodes.map((e) => e.occurredAt.getTime());
  const from = repeatWindowStart(new Date(Math.min(...times)));
  const until = new Date(Math.max(...times));

  const priorEpisodes = await tx.episode.findMany({
    where: {
      occurredAt: { gte: from, lt: until },
      OR: [{ personAtRiskId: { in: personIds } }, { personUsingViolenceId: { in: personIds } }],
      agendaItems: { none: { agendaItem: { meetingId } } },
    },
    select: { occurredAt: true, personAtRiskId: true, personUsingViolenceId: true },
  });
  const decisions = await tx.decision.findMany({
    where: { decidedAt: { gte: from, lt: until }, case: { members: { some: { personId: { in: personIds } } } } },
    select: { decidedAt: true, case: { select: { members: { where: { personId: { in: personIds } }, select: { personId: true } } } } },
  });

  const history = new Map<string, number[]>();
  const note = (personId: string | null, at: Date) => {
    if (!personId) return;
    const times = history.get(personId);
    if (times) times.push(at.getTime());
    else history.set(personId, [at.getTime()]);
  };
  for (const e of priorEpisodes) {
    note(e.personAtRiskId, e.occurredAt);
    note(e.personUsingViolenceId, e.occurredAt);
  }
  for (const d of decisions) for (const m of d.case.members) note(m.personId, d.decidedAt);

  return episodes.map((e) => {
    const start = repeatWindowStart(e.occurredAt).getTime();
    const end = e.occurredAt.getTime();
    return e.personIds.some((id) => (history.get(id) ?? []).some((t) => t >= start && t < end));
  });
}

import type { AppContext } from '../app-context.js';

/**
 * Meeting documents carry each item's episodes with the people's names as the records gave them
 * at import. After a person's record changes (a hidden name, a correction), every meeting that
 * lists them takes the records again now, on every process that has it open (collab/agenda-sync.ts).
 * Returns how many meetings were brought up to date.
 */
export async function refreshPersonInMeetings(ctx: Pick<AppContext, 'db' | 'docs'>, personId: string): Promise<number> {
  const links = await ctx.db.agendaItemEpisode.findMany({
    where: { episode: { OR: [{ personAtRiskId: personId }, { personUsingViolenceId: personId }] } },
    select: { agendaItemId: true, agendaItem: { select: { meetingId: true } } },
  });
  const byMeeting = new Map<string, Set<string>>();
  for (const l of links) byMeeting.set(l.agendaItem.meetingId, (byMeeting.get(l.agendaItem.meetingId) ?? new Set()).add(l.agendaItemId));
  for (const [meetingId, items] of byMeeting) await ctx.docs.applyAgendaItems(meetingId, [...items]);
  return byMeeting.size;
}

import type { HiddenName, HiddenNameRequest } from '../../shared/api/privacy.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel } from '../auth/principal.js';

type Ctx = Pick<AppContext, 'db' | 'audit' | 'docs'>;

/**
 * Hides or shows a person's name. Case pages, searches and exports read the records, so they
 * change at once; the meeting documents carry each item's episodes with the people's names as the
 * records gave them, so every meeting that lists this person is brought up to date now, on every
 * process that has it open (collab/agenda-sync.ts).
 */
export async function setHiddenName(ctx: Ctx, p: StaffPrincipal, personId: string, body: HiddenNameRequest): Promise<HiddenName> {
  const reason = body.hidden ? body.reason ?? null : null;
  const before = await ctx.db.$transaction(async (tx) => {
    const was = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { hiddenName: true, hiddenNameReason: true } });
    await tx.person.update({ where: { id: personId }, data: { hiddenName: body.hidden, hiddenNameReason: reason } });
    await ctx.audit.record({
      actorId: actorId(p), actorLabel: actorLabel(p), action: body.hidden ? 'person.name-hidden' : 'person.name-shown',
      subjectType: 'Person', subjectId: personId, details: { reason, was: { hidden: was.hiddenName, reason: was.hiddenNameReason } },
    }, tx);
    return was;
  });
  const links = before.hiddenName === body.hidden ? [] : await ctx.db.agendaItemEpisode.findMany({
    where: { episode: { OR: [{ personAtRiskId: personId }, { personUsingViolenceId: personId }] } },
    select: { agendaItemId: true, agendaItem: { select: { meetingId: true } } },
  });
  const byMeeting = new Map<string, Set<string>>();
  for (const l of links) byMeeting.set(l.agendaItem.meetingId, (byMeeting.get(l.agendaItem.meetingId) ?? new Set()).add(l.agendaItemId));
  for (const [meetingId, items] of byMeeting) await ctx.docs.applyAgendaItems(meetingId, [...items]);
  return { personId, hidden: body.hidden, reason, meetingsUpdated: byMeeting.size };
}

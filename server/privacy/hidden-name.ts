import type { HiddenName, HiddenNameRequest } from '../../shared/api/privacy.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { refreshPersonInMeetings } from './refresh-person.js';

type Ctx = Pick<AppContext, 'db' | 'audit' | 'docs'>;

/**
 * Hides or shows a person's name. Case pages, searches and exports read the records, so they
 * change at once; the meeting documents that list the person are brought up to date now.
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
  const meetingsUpdated = before.hiddenName === body.hidden ? 0 : await refreshPersonInMeetings(ctx, personId);
  return { personId, hidden: body.hidden, reason, meetingsUpdated };
}

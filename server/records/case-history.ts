import type { CaseAction, CaseHistory } from '../../shared/api/records.js';
import { isoDateOf } from '../../shared/nz-time.js';
import { needsToKnow, type Viewer } from '../access/need-to-know.js';
import type { Db } from '../db/client.js';

export const caseActionSelect = {
  id: true, type: true, description: true, assignee: true, dueDate: true, priority: true, status: true, outcomeNote: true, decisionId: true,
  agency: { select: { code: true, name: true } },
} as const;

export function toCaseAction(a: { dueDate: Date } & Omit<CaseAction, 'dueDate'>): CaseAction {
  return { ...a, dueDate: isoDateOf(a.dueDate) };
}

/**
 * A family's record across meetings as one viewer may see it: the whole record where their agency
 * needs to know (access/need-to-know.ts, the rule the agency minutes apply too), the outcome of each
 * meeting otherwise. Null when there is no such case; the caller has checked the site.
 */
export async function loadCaseHistory(db: Db, caseId: string, viewer: Viewer, seesHiddenNames: boolean): Promise<CaseHistory | null> {
  const c = await db.case.findUnique({
    where: { id: caseId },
    include: {
      leadAgency: { select: { code: true, name: true } },
      members: { include: { person: true } },
      episodes: { orderBy: { occurredAt: 'desc' } },
      agendaItems: {
        include: {
          meeting: { select: { id: true, date: true } },
          decisions: { include: { leadAgency: { select: { code: true } } }, orderBy: { version: 'desc' } },
        },
      },
      actions: { select: { ...caseActionSelect, agencyId: true }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] },
      disclosures: { where: { status: 'SHARED' }, select: { agencyId: true } },
    },
  });
  if (!c) return null;
  const decisions = c.agendaItems.flatMap((i) => i.decisions);
  const full = needsToKnow(viewer, {
    leadAgencyIds: [c.leadAgencyId, ...decisions.filter((d) => d.supersededAt === null).map((d) => d.leadAgencyId)],
    actionAgencyIds: c.actions.map((a) => a.agencyId),
    sharingAgencyIds: c.disclosures.map((d) => d.agencyId),
  });
  const family = { id: c.id, reference: c.reference, status: c.status, currentRisk: c.currentRisk, leadAgency: c.leadAgency };
  const items = [...c.agendaItems].sort((a, b) => b.meeting.date.getTime() - a.meeting.date.getTime());
  const outcomeOf = (d: (typeof decisions)[number]) => ({
    id: d.id, version: d.version, riskLevel: d.riskLevel, pathway: d.pathway, leadAgency: d.leadAgency?.code ?? null,
    decidedAt: d.decidedAt.toISOString(), superseded: d.supersededAt !== null,
  });
  const entryOf = (i: (typeof items)[number]) => ({ meetingId: i.meeting.id, date: isoDateOf(i.meeting.date), itemId: i.id, status: i.status });

  if (!full) {
    return { detail: 'outcome', ...family, meetings: items.map((i) => ({ ...entryOf(i), decisions: i.decisions.map(outcomeOf) })) };
  }
  return {
    detail: 'full', ...family, flags: c.flags,
    people: c.members.map((m) => ({
      id: m.person.id,
      name: m.person.hiddenName && !seesHiddenNames ? 'Name withheld' : `${m.person.preferredName ?? m.person.givenName} ${m.person.familyName}`,
      dob: m.person.dob && (!m.person.hiddenName || seesHiddenNames) ? isoDateOf(m.person.dob) : null,
      role: m.role,
    })),
    episodes: c.episodes.map((e) => ({
      id: e.id, policeRef: e.policeRef, occurredAt: e.occurredAt.toISOString(), area: e.area, source: e.source, summary: e.summary,
      protectionOrder: e.protectionOrder, strangulation: e.strangulation, weapons: e.weapons, childrenPresent: e.childrenPresent,
    })),
    meetings: items.map((i) => ({
      ...entryOf(i), reason: i.reason,
      decisions: i.decisions.map((d) => ({ ...outcomeOf(d), rationale: d.rationale, dissent: d.dissent })),
    })),
    actions: c.actions.map(({ agencyId: _agencyId, ...a }) => toCaseAction(a)),
  };
}

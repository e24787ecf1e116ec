import { z } from 'zod';
import type { ActionChange, CaseAction, CaseHistory } from '../../shared/api/records.js';
import { ActionStatus } from '../../shared/domain.js';
import { isoDateOf } from '../../shared/nz-time.js';
import { needsToKnow, type Viewer } from '../access/need-to-know.js';
import { planKept } from '../access/plan-access.js';
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
          meeting: { select: { id: true, date: true, status: true } },
          decisions: { include: { leadAgency: { select: { code: true } } }, orderBy: { version: 'desc' } },
        },
      },
      actions: { select: { ...caseActionSelect, agencyId: true, createdAt: true }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] },
      disclosures: {
        include: { agency: { select: { code: true, name: true } }, meeting: { select: { id: true, date: true } } },
        orderBy: { disclosedAt: 'asc' },
      },
    },
  });
  if (!c) return null;
  const decisions = c.agendaItems.flatMap((i) => i.decisions);
  const full = needsToKnow(viewer, {
    leadAgencyIds: [c.leadAgencyId, ...decisions.filter((d) => d.supersededAt === null).map((d) => d.leadAgencyId)],
    actionAgencyIds: c.actions.map((a) => a.agencyId),
    // A withheld disclosure shares nothing, so it gives no need to know.
    sharingAgencyIds: c.disclosures.filter((d) => d.status === 'SHARED').map((d) => d.agencyId),
  });
  const family = { id: c.id, reference: c.reference, status: c.status, currentRisk: c.currentRisk, leadAgency: c.leadAgency, planKept: planKept(c) };
  const items = [...c.agendaItems].sort((a, b) => b.meeting.date.getTime() - a.meeting.date.getTime());
  const outcomeOf = (d: (typeof decisions)[number]) => ({
    id: d.id, version: d.version, riskLevel: d.riskLevel, pathway: d.pathway, leadAgency: d.leadAgency?.code ?? null,
    decidedAt: d.decidedAt.toISOString(), superseded: d.supersededAt !== null,
  });
  const entryOf = (i: (typeof items)[number]) => ({ meetingId: i.meeting.id, date: isoDateOf(i.meeting.date), itemId: i.id, status: i.status });

  if (!full) {
    return { detail: 'outcome', ...family, meetings: items.map((i) => ({ ...entryOf(i), decisions: i.decisions.map(outcomeOf) })) };
  }
  const history = await actionHistory(db, c.actions.map((a) => a.id));
  return {
    detail: 'full', ...family, flags: c.flags,
    people: c.members.map(({ person: p, role }) => {
      // A hidden name (a protected person) hides everything that could identify them.
      const shown = !p.hiddenName || seesHiddenNames;
      return {
        id: p.id, role,
        name: shown ? `${p.preferredName ?? p.givenName} ${p.familyName}` : 'Name withheld',
        dob: p.dob && shown ? isoDateOf(p.dob) : null,
        iwiAffiliations: shown ? p.iwiAffiliations : [],
        preferredKaupapaProvider: shown ? p.preferredKaupapaProvider : null,
        nameHidden: p.hiddenName,
        nameHiddenReason: seesHiddenNames ? p.hiddenNameReason : null,
      };
    }),
    episodes: c.episodes.map((e) => ({
      id: e.id, policeRef: e.policeRef, occurredAt: e.occurredAt.toISOString(), area: e.area, source: e.source, summary: e.summary,
      protectionOrder: e.protectionOrder, strangulation: e.strangulation, weapons: e.weapons, childrenPresent: e.childrenPresent,
    })),
    meetings: items.map((i) => ({
      ...entryOf(i), reason: i.reason,
      decisions: i.decisions.map((d) => ({ ...outcomeOf(d), rationale: d.rationale, dissent: d.dissent })),
    })),
    actions: c.actions.map(({ agencyId: _agencyId, createdAt, ...a }) => ({
      ...toCaseAction(a), createdAt: createdAt.toISOString(), history: history.get(a.id) ?? [],
    })),
    disclosures: c.disclosures.map((d) => ({
      id: d.id, agency: d.agency, status: d.status, kind: d.kind, legalBasis: d.legalBasis,
      content: d.status === 'SHARED' ? d.content : null, withheldReason: d.withheldReason,
      disclosedAt: d.disclosedAt.toISOString(), meetingId: d.meeting.id, meetingDate: isoDateOf(d.meeting.date),
    })),
  };
}

const StatusChange = z.object({ from: ActionStatus.nullable().catch(null), to: ActionStatus });

/** Each action's status changes, oldest first, as the audit trail recorded them. */
async function actionHistory(db: Db, actionIds: string[]): Promise<Map<string, ActionChange[]>> {
  const rows = await db.auditEvent.findMany({
    where: { action: 'action.update', subjectType: 'Action', subjectId: { in: actionIds } },
    select: { at: true, actorLabel: true, subjectId: true, meetingId: true, details: true },
    orderBy: { seq: 'asc' },
  });
  const byAction = new Map<string, ActionChange[]>();
  for (const row of rows) {
    const change = StatusChange.safeParse(row.details);
    if (!change.success || !row.subjectId) continue;
    const list = byAction.get(row.subjectId) ?? [];
    list.push({ at: row.at.toISOString(), by: row.actorLabel, ...change.data, meetingId: row.meetingId });
    byAction.set(row.subjectId, list);
  }
  return byAction;
}

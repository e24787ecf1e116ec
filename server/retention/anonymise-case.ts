import { PlanContent, PlanPrivateContent } from '../../shared/plan-doc/index.js';
import type { Prisma } from '../db/generated/client.js';

// Anonymising a closed case's records, in the caller's transaction: its people (those no case
// still kept needs), episodes, risk factors, decisions, actions, disclosures and safety plan
// versions lose every name, identifier and free text. Outcomes (levels, pathways, agencies, dates,
// a strategy's agency and status) stay for the statistics.
// The documents and minutes that showed the same things are rewritten afterwards (doc-scrub.ts).

/** What replaces free text that may hold names. */
export const REMOVED_TEXT = 'Removed under the retention schedule';
const ANON_GIVEN = 'Anonymised';
const ANON_FAMILY = 'person';

export interface CaseAnonymised {
  /** The case's agenda items, by meeting: the documents and minutes to rewrite. */
  itemsByMeeting: Map<string, string[]>;
  effects: Record<string, number>;
}

const removed = (text: string | null) => (text === null || text === '' ? text : REMOVED_TEXT);

export async function anonymiseCase(tx: Prisma.TransactionClient, caseId: string, disposingCaseIds: ReadonlySet<string>, now: Date): Promise<CaseAnonymised> {
  const c = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      members: { select: { personId: true } },
      episodes: { select: { id: true, personAtRiskId: true, personUsingViolenceId: true } },
      agendaItems: { select: { id: true, meetingId: true } },
    },
  });
  const personIds = new Set<string>([
    ...c.members.map((m) => m.personId),
    ...c.episodes.flatMap((e) => [e.personAtRiskId, e.personUsingViolenceId]).filter((id): id is string => id !== null),
  ]);
  // A person who is also in a case that is kept keeps their record: that case still needs it.
  const stillNeeded = await tx.caseMember.findMany({
    where: { personId: { in: [...personIds] }, case: { anonymisedAt: null, id: { notIn: [...disposingCaseIds] } } },
    select: { personId: true },
  });
  const kept = new Set(stillNeeded.map((m) => m.personId));
  const toAnonymise = [...personIds].filter((id) => !kept.has(id));

  const people = await tx.person.updateMany({
    where: { id: { in: toAnonymise } },
    data: {
      givenName: ANON_GIVEN, familyName: ANON_FAMILY, preferredName: null, nameKey: `${ANON_GIVEN} ${ANON_FAMILY}`.toLowerCase(),
      dob: null, gender: 'UNKNOWN', ethnicity: null, iwiAffiliations: [], policePersonRef: null,
      hiddenName: false, hiddenNameReason: null, anonymisedAt: now,
    },
  });
  // Police references identify the person and the call-out; each becomes an opaque one (unique, as the column is).
  for (const e of c.episodes) {
    await tx.episode.update({ where: { id: e.id }, data: { policeRef: `ANON-${e.id}`, summary: REMOVED_TEXT, area: REMOVED_TEXT } });
  }
  const risk = await tx.riskAssessment.updateMany({ where: { caseId }, data: { factors: [] } });

  const decisions = await tx.decision.findMany({ where: { caseId }, select: { id: true, rationale: true, dissent: true } });
  for (const d of decisions) {
    await tx.decision.update({ where: { id: d.id }, data: { rationale: removed(d.rationale) ?? '', dissent: removed(d.dissent) ?? '' } });
  }
  const actions = await tx.action.updateMany({ where: { caseId }, data: { description: REMOVED_TEXT, assignee: null, outcomeNote: null } });
  const disclosures = await tx.disclosure.findMany({ where: { caseId }, select: { id: true, content: true, withheldReason: true } });
  for (const d of disclosures) {
    await tx.disclosure.update({ where: { id: d.id }, data: { content: removed(d.content), withheldReason: removed(d.withheldReason) } });
  }
  const planVersions = await anonymisePlanVersions(tx, caseId);
  await tx.case.update({ where: { id: caseId }, data: { anonymisedAt: now } });

  const itemsByMeeting = new Map<string, string[]>();
  for (const item of c.agendaItems) itemsByMeeting.set(item.meetingId, [...(itemsByMeeting.get(item.meetingId) ?? []), item.id]);
  return {
    itemsByMeeting,
    effects: {
      people: people.count, peopleKeptForAnotherCase: kept.size, episodes: c.episodes.length, riskAssessments: risk.count,
      decisions: decisions.length, actions: actions.count, disclosures: disclosures.length, planVersions,
    },
  };
}

/**
 * Each version of the family's safety plan keeps its number, decision and date, and each strategy
 * its agency, due date and status; every text (risks, children, strategies, the victim's voice and
 * safe contact) is replaced, so the versions still read and compare.
 */
async function anonymisePlanVersions(tx: Prisma.TransactionClient, caseId: string): Promise<number> {
  const versions = await tx.planVersion.findMany({ where: { caseId }, select: { id: true, content: true, privateContent: true } });
  for (const v of versions) {
    const plan = PlanContent.parse(v.content);
    const secret = PlanPrivateContent.parse(v.privateContent);
    const content: PlanContent = {
      ...plan, risks: removed(plan.risks) ?? '', children: removed(plan.children) ?? '',
      strategies: plan.strategies.map((st) => ({ ...st, text: removed(st.text) ?? '' })),
    };
    const privateContent: PlanPrivateContent = { voice: removed(secret.voice) ?? '', safeContact: removed(secret.safeContact) ?? '' };
    await tx.planVersion.update({ where: { id: v.id }, data: { content, privateContent } });
  }
  return versions.length;
}

import type { FinalizeResult } from '../../shared/control.js';
import type { CaseStatus, Pathway } from '../../shared/domain.js';
import {
  decisionHash, getItem, itemSnapshot, listCarried, setDecisionState, updateAction, type CarriedView, type ItemSnapshot, type MeetingItem,
} from '../../shared/meeting-doc/index.js';
import { decisionErrors } from '../../shared/rules/decision-rules.js';
import { dateColumn } from '../../shared/nz-time.js';
import type { AppContext } from '../app-context.js';
import { ServerOrigin } from '../collab/origins.js';
import type { Prisma } from '../db/generated/client.js';
import { DomainError } from '../domain/domain-error.js';
import { doneAtAfter } from './done-at.js';
import { readPlan, snapshotPlan, type PlanState } from './plan-versions.js';

const FINALIZE = new ServerOrigin('finalize');

type RecordsContext = Pick<AppContext, 'db' | 'docs' | 'audit'>;

const CASE_STATUS_AFTER: Partial<Record<Pathway, CaseStatus>> = {
  REFER_ICM: 'ICM', CONTINUE_ICM: 'ICM', STEP_DOWN_FROM_ICM: 'MONITORING', CLOSE_CASE: 'CLOSED',
};

export interface Actor {
  participantId: string;
  actorId: string;
  actorLabel: string;
}

/**
 * `item:finalize`: reads the item from the meeting document, applies the rules, and writes the
 * Decision (a new version only when the content changed), its Actions and audit in one transaction;
 * then marks the item DECIDED in the document. Disclosures are not read from the document: they are
 * recorded when an agency shares or withholds (disclosure.ts), the agency's own act.
 */
export async function finalizeItem(ctx: RecordsContext, meetingId: string, itemId: string, actor: Actor): Promise<FinalizeResult> {
  const meeting = await ctx.db.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
  if (meeting?.status !== 'LIVE') throw new DomainError('conflict', 'MEETING_NOT_LIVE', 'Start the meeting before finalizing items');
  const agendaItem = await ctx.db.agendaItem.findFirst({ where: { id: itemId, meetingId }, select: { id: true, caseId: true } });
  if (!agendaItem) throw new DomainError('not_found', 'NOT_FOUND', 'No such item in this meeting');

  return ctx.docs.withDoc({ kind: 'meeting', meetingId }, async (shared) => {
    const item = getItem(shared.doc, itemId);
    if (!item) throw new DomainError('not_found', 'NOT_FOUND', 'The item is not in the meeting document');
    const snapshot = itemSnapshot(item);
    const errors = decisionErrors(snapshot);
    if (errors.length > 0) throw new DomainError('invalid', 'RULES_FAILED', 'This item cannot be finalized yet', errors);
    const hash = await decisionHash(snapshot);
    const carried = listCarried(item);
    const plan = await readPlan(ctx.docs.withDoc, agendaItem.caseId);

    const result = await ctx.db.$transaction(async (tx) => {
      await recordCarried(tx, ctx, { meetingId, caseId: agendaItem.caseId, carried, actor });
      return writeDecision(tx, ctx, { meetingId, caseId: agendaItem.caseId, snapshot, hash, actor, plan });
    }, { timeout: 30_000 });
    item.doc.transact(() => {
      confirmProposals(item, snapshot);
      setDecisionState(item, { status: 'DECIDED', decidedHash: hash, decidedVersion: result.version });
    }, FINALIZE);
    return result;
  });
}

/** The chair's finalize is the chair's confirmation of actions other agencies proposed. */
function confirmProposals(item: MeetingItem, snapshot: ItemSnapshot): void {
  for (const action of snapshot.actions) if (action.proposedBy !== null) updateAction(item, action.id, { proposedBy: null });
}

/**
 * What the meeting marked each action it carried from earlier meetings (done, still open, not
 * done and why) reaches the Action record, audited as an update made in the meeting.
 */
async function recordCarried(
  tx: Prisma.TransactionClient, ctx: RecordsContext,
  { meetingId, caseId, carried, actor }: { meetingId: string; caseId: string; carried: CarriedView[]; actor: Actor },
): Promise<void> {
  if (carried.length === 0) return;
  const records = await tx.action.findMany({ where: { caseId, id: { in: carried.map((c) => c.id) } }, select: { id: true, status: true } });
  for (const record of records) {
    const marked = carried.find((c) => c.id === record.id);
    if (!marked || marked.status === record.status) continue;
    await tx.action.update({ where: { id: record.id }, data: { status: marked.status, doneAt: doneAtAfter(record.status, marked.status, new Date()) } });
    await ctx.audit.record({
      actorId: actor.actorId, actorLabel: actor.actorLabel, action: 'action.update', subjectType: 'Action', subjectId: record.id, meetingId,
      details: { from: record.status, to: marked.status, in: 'meeting' },
    }, tx);
  }
}

/** The Report of Concern the rules required, kept only with its pathway (a draft left from another pathway is not a report). */
function reportOfConcern({ pathway, reportOfConcern: report }: ItemSnapshot) {
  if (pathway !== 'OT_REPORT_OF_CONCERN' || !report?.on) return {};
  return { reportOfConcernBy: report.by.trim(), reportOfConcernOn: dateColumn(report.on), reportOfConcernRef: report.reference.trim() };
}

interface DecisionInput {
  meetingId: string;
  caseId: string;
  snapshot: ItemSnapshot;
  hash: string;
  actor: Actor;
  /** The family's safety plan as it stands: each new decision keeps it as a version. */
  plan: PlanState;
}

async function writeDecision(tx: Prisma.TransactionClient, ctx: RecordsContext, input: DecisionInput): Promise<FinalizeResult> {
  const { snapshot, hash, actor, caseId, meetingId, plan } = input;
  // One finalize of an item at a time, across processes: the other waits, then sees the new version.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`finalize:${snapshot.id}`}))`;
  const latest = await tx.decision.findFirst({ where: { agendaItemId: snapshot.id }, orderBy: { version: 'desc' } });
  if (latest?.contentHash === hash) {
    await tx.agendaItem.update({ where: { id: snapshot.id }, data: { status: 'DECIDED' } });
    return { itemId: snapshot.id, decisionId: latest.id, version: latest.version, created: false };
  }

  const codes = [...new Set([snapshot.leadAgency, ...snapshot.actions.map((a) => a.agency)])];
  const agencies = await tx.agency.findMany({ where: { code: { in: codes.filter((c): c is string => !!c) } }, select: { id: true, code: true } });
  const agencyId = (code: string | null) => {
    const found = agencies.find((a) => a.code === code);
    if (!found) throw new DomainError('invalid', 'RULES_FAILED', `Unknown agency ${code}`, [{ field: 'leadAgency', message: `Unknown agency ${code}` }]);
    return found.id;
  };

  const now = new Date();
  if (latest) await tx.decision.update({ where: { id: latest.id }, data: { supersededAt: now } });
  const decision = await tx.decision.create({
    data: {
      agendaItemId: snapshot.id, caseId, version: (latest?.version ?? 0) + 1,
      riskLevel: snapshot.riskLevel!, pathway: snapshot.pathway!, leadAgencyId: snapshot.leadAgency ? agencyId(snapshot.leadAgency) : null,
      rationale: snapshot.rationale, dissent: snapshot.dissent, decidedAt: now, decidedById: actor.participantId, contentHash: hash,
      ...reportOfConcern(snapshot),
      ...(snapshot.reason === 'ICM_REVIEW' && snapshot.icmReview && { icmReview: { ...snapshot.icmReview, progress: snapshot.icmReview.progress.trim() } }),
    },
  });

  // Actions keep their identity across versions through their id in the document.
  for (const action of snapshot.actions) {
    const where = { caseId_docActionId: { caseId, docActionId: action.id } };
    const before = await tx.action.findUnique({ where, select: { status: true } });
    const data = {
      decisionId: decision.id, agencyId: agencyId(action.agency), assignee: action.assignee || null, type: action.type,
      description: action.description, dueDate: dateColumn(action.due!), priority: action.priority, status: action.status,
      doneAt: doneAtAfter(before?.status ?? null, action.status, now),
    };
    await tx.action.upsert({ where, create: { ...data, caseId, docActionId: action.id }, update: data });
  }
  const kept = snapshot.actions.map((a) => a.id);
  await tx.action.updateMany({
    where: { caseId, decision: { agendaItemId: snapshot.id }, docActionId: { notIn: kept }, status: { in: ['OPEN', 'IN_PROGRESS'] } },
    data: { status: 'CANCELLED', outcomeNote: 'Removed when the meeting re-decided this item' },
  });

  await snapshotPlan(tx, caseId, decision.id, plan);
  await tx.agendaItem.update({ where: { id: snapshot.id }, data: { status: 'DECIDED' } });
  await tx.case.update({
    where: { id: caseId },
    data: {
      currentRisk: snapshot.riskLevel, leadAgencyId: decision.leadAgencyId,
      status: CASE_STATUS_AFTER[snapshot.pathway!] ?? 'OPEN',
    },
  });
  await ctx.audit.record({
    actorId: actor.actorId, actorLabel: actor.actorLabel, action: 'decision.finalize', subjectType: 'Decision',
    subjectId: decision.id, meetingId,
    details: {
      itemId: snapshot.id, familyRef: snapshot.familyRef, version: decision.version, riskLevel: decision.riskLevel, pathway: decision.pathway, actions: kept.length,
      ...(decision.reportOfConcernRef && { reportOfConcern: { by: decision.reportOfConcernBy, on: snapshot.reportOfConcern?.on, reference: decision.reportOfConcernRef } }),
      // Proposals this finalize confirms, so the record shows whose proposal an agency's action was.
      confirmedProposals: snapshot.actions.filter((a) => a.proposedBy !== null).map((a) => ({ actionId: a.id, agency: a.agency, proposedBy: a.proposedBy })),
    },
  }, tx);
  return { itemId: snapshot.id, decisionId: decision.id, version: decision.version, created: true };
}

import { PlanVersionSummary, type PlanComparison, type PlanVersionDetail } from '../../shared/api/plan.js';
import { isoDateOf } from '../../shared/nz-time.js';
import {
  comparePlans, PlanContent, PlanPrivateContent, planPrivateSnapshot, planSnapshot,
} from '../../shared/plan-doc/index.js';
import { escapeInvalidTextDeep } from '../../shared/valid-text.js';
import type { WithDoc } from '../collab/doc-registry.js';
import type { Db, Prisma } from '../db/client.js';
import { DomainError } from '../domain/domain-error.js';

// Each decision about a family keeps its safety plan as it stood (a PlanVersion), so the plan's
// history lines up with the meetings that reviewed it, and any two versions can be compared.

export interface PlanState {
  content: PlanContent;
  privateContent: PlanPrivateContent;
}

/** The plan and its private part as they stand, read from the live documents (loaded if need be). */
export async function readPlan(withDoc: WithDoc, caseId: string): Promise<PlanState> {
  const [content, privateContent] = await Promise.all([
    withDoc({ kind: 'plan', caseId }, ({ doc }) => planSnapshot(doc)),
    withDoc({ kind: 'plan-private', caseId }, ({ doc }) => planPrivateSnapshot(doc)),
  ]);
  return { content, privateContent };
}

/** Stores the plan as the version of this decision, inside the decision's transaction. */
export async function snapshotPlan(tx: Prisma.TransactionClient, caseId: string, decisionId: string, plan: PlanState): Promise<void> {
  // Two items of one family decided at once: one numbers its version after the other.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`plan-version:${caseId}`}))`;
  const last = await tx.planVersion.findFirst({ where: { caseId }, orderBy: { version: 'desc' }, select: { version: true } });
  // PostgreSQL refuses a NUL in JSON text: what a client typed is kept, escaped.
  const json = (value: unknown) => escapeInvalidTextDeep(value) as Prisma.InputJsonValue;
  await tx.planVersion.create({
    data: { caseId, decisionId, version: (last?.version ?? 0) + 1, content: json(plan.content), privateContent: json(plan.privateContent) },
  });
}

const summarySelect = {
  id: true, version: true, decisionId: true, createdAt: true,
  decision: { select: { version: true, agendaItem: { select: { meeting: { select: { date: true } } } } } },
} as const;

type SummaryRow = Prisma.PlanVersionGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): PlanVersionSummary {
  return {
    id: row.id, version: row.version, decisionId: row.decisionId, decisionVersion: row.decision.version,
    meetingDate: isoDateOf(row.decision.agendaItem.meeting.date), createdAt: row.createdAt.toISOString(),
  };
}

export async function listPlanVersions(db: Db, caseId: string): Promise<PlanVersionSummary[]> {
  const rows = await db.planVersion.findMany({ where: { caseId }, select: summarySelect, orderBy: { version: 'desc' } });
  return rows.map(toSummary);
}

/** One version of this family's plan; the private part only for those who read it. */
export async function readPlanVersion(db: Db, caseId: string, versionId: string, seesPrivate: boolean): Promise<PlanVersionDetail> {
  const row = await db.planVersion.findFirst({ where: { id: versionId, caseId }, select: { ...summarySelect, content: true, privateContent: true } });
  if (!row) throw new DomainError('not_found', 'NOT_FOUND', 'No such version of this family plan');
  return {
    ...toSummary(row),
    content: PlanContent.parse(row.content),
    privateContent: seesPrivate ? PlanPrivateContent.parse(row.privateContent) : null,
  };
}

export async function comparePlanVersions(db: Db, caseId: string, fromId: string, toId: string, seesPrivate: boolean): Promise<PlanComparison> {
  const [from, to] = await Promise.all([readPlanVersion(db, caseId, fromId, seesPrivate), readPlanVersion(db, caseId, toId, seesPrivate)]);
  return { from: PlanVersionSummary.parse(from), to: PlanVersionSummary.parse(to), changes: comparePlans(from, to) };
}

import type { AssessmentRecord, Checklist, ItemAssessments, NewAssessment } from '../../shared/api/assessments.js';
import type { MeetingStatus } from '../../shared/domain.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import type { Prisma } from '../db/generated/client.js';
import { conflict, forbidden, invalidField, notFound } from '../domain/domain-error.js';
import { participantFor } from '../meeting/participants.js';
import { loadChecklists, scoreChecklist } from '../risk/checklists.js';

// An agency's structured assessments of a family on an item (docs/architecture.md, Risk beyond the
// police scores), kept as RiskAssessment rows of the family's case beside the police scores.

type RecordsContext = Pick<AppContext, 'db' | 'audit'>;

const ASSESSMENT_SELECT = {
  id: true, tool: true, rawScore: true, band: true, level: true, factors: true, assessedAt: true, agency: { select: { code: true, name: true } },
} as const;
type AssessmentRow = Prisma.RiskAssessmentGetPayload<{ select: typeof ASSESSMENT_SELECT }>;

/** factors is `{ checklistId?, name, items: string[] }` for the assessments made here; older rows hold a plain list. */
function factorsOf(value: Prisma.JsonValue): { name: string | null; items: string[] } {
  if (Array.isArray(value)) return { name: null, items: value.filter((v): v is string => typeof v === 'string') };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const items = Array.isArray(value.items) ? value.items.filter((v): v is string => typeof v === 'string') : [];
    return { name: typeof value.name === 'string' ? value.name : null, items };
  }
  return { name: null, items: [] };
}

function toRecord(row: AssessmentRow): AssessmentRecord | null {
  if (row.tool !== 'DASH' && row.tool !== 'OTHER' && row.tool !== 'PROFESSIONAL_JUDGEMENT') return null;
  const factors = factorsOf(row.factors);
  return {
    id: row.id, tool: row.tool, agency: row.agency, score: row.rawScore, level: row.level,
    name: factors.name ?? (row.tool === 'PROFESSIONAL_JUDGEMENT' ? 'Professional judgement' : row.tool === 'DASH' ? 'DASH' : 'Checklist'),
    factors: factors.items, assessedAt: row.assessedAt.toISOString(),
  };
}

async function itemOf(ctx: RecordsContext, meetingId: string, itemId: string) {
  const item = await ctx.db.agendaItem.findFirst({ where: { id: itemId, meetingId }, select: { id: true, caseId: true } });
  if (!item) throw notFound('Item');
  return item;
}

/** The family's structured assessments (newest first) and the checklists an agency may score. */
export async function listItemAssessments(ctx: RecordsContext, meetingId: string, itemId: string): Promise<ItemAssessments> {
  const item = await itemOf(ctx, meetingId, itemId);
  const rows = await ctx.db.riskAssessment.findMany({
    where: { caseId: item.caseId, tool: { in: ['DASH', 'OTHER', 'PROFESSIONAL_JUDGEMENT'] } },
    select: ASSESSMENT_SELECT, orderBy: { assessedAt: 'desc' },
  });
  return { checklists: loadChecklists(), assessments: rows.flatMap((r) => toRecord(r) ?? []) };
}

function checklistNamed(id: string): Checklist {
  const found = loadChecklists().find((c) => c.id === id);
  if (!found) throw invalidField('checklistId', `No checklist ${id} is configured`);
  return found;
}

/** Adds the caller's agency's assessment to the item's family, scored when it is a checklist; audited. */
export async function addItemAssessment(
  ctx: RecordsContext, principal: Principal, meeting: { id: string; status: MeetingStatus }, itemId: string, input: NewAssessment,
): Promise<AssessmentRecord> {
  if (meeting.status === 'CLOSED') throw conflict('MEETING_CLOSED', 'The meeting has closed');
  const item = await itemOf(ctx, meeting.id, itemId);
  const participant = await participantFor(ctx.db, principal, meeting);
  if (!participant.ok) throw forbidden('Not a participant of this meeting');

  const data = input.kind === 'CHECKLIST'
    ? (() => {
      const checklist = checklistNamed(input.checklistId);
      const scored = scoreChecklist(checklist, input.answers);
      return {
        tool: checklist.tool, rawScore: scored.score, band: scored.level, level: scored.level,
        factors: { checklistId: checklist.id, name: checklist.name, items: scored.yes },
      };
    })()
    : { tool: 'PROFESSIONAL_JUDGEMENT' as const, rawScore: null, band: null, level: input.level, factors: { name: 'Professional judgement', items: input.factors } };

  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.riskAssessment.create({
      data: { caseId: item.caseId, agencyId: principal.agency.id, ...data },
      select: ASSESSMENT_SELECT,
    });
    await ctx.audit.record({
      actorId: actorId(principal), actorLabel: actorLabel(principal), action: 'assessment.add', subjectType: 'Case', subjectId: item.caseId,
      meetingId: meeting.id, details: { assessmentId: created.id, itemId, tool: created.tool, score: created.rawScore, level: created.level },
    }, tx);
    return created;
  });
  return toRecord(row)!;
}

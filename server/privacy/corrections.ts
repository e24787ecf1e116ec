import { z } from 'zod';
import type { CorrectableFields, CorrectionDecision, CorrectionView } from '../../shared/api/privacy.js';
import { foldName } from '../../shared/names.js';
import { dateColumn, isoDateOf } from '../../shared/nz-time.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel } from '../auth/principal.js';
import type { CorrectionRequest, Prisma } from '../db/generated/client.js';
import { conflict, notFound } from '../domain/domain-error.js';
import { refreshPersonInMeetings } from './refresh-person.js';

// Correction requests (Privacy Act 2020, IPP 7): recorded as received, then decided: corrected
// (the person's record changes, and every meeting document that lists them follows), or declined
// with the person's statement of the correction sought attached to their record. Each step audited.

type Ctx = Pick<AppContext, 'db' | 'audit' | 'docs'>;

const Change = z.record(z.string(), z.object({ from: z.string().nullable(), to: z.string().nullable() }));

export const toCorrectionView = (c: CorrectionRequest): CorrectionView => ({
  id: c.id, personId: c.personId, requestRef: c.requestRef, requestedChange: c.requestedChange, receivedAt: c.receivedAt.toISOString(),
  status: c.status, decidedAt: c.decidedAt?.toISOString() ?? null, decisionNote: c.decisionNote, statement: c.statement,
  correction: c.correction === null ? null : Change.parse(c.correction),
});

const actor = (p: StaffPrincipal) => ({ actorId: actorId(p), actorLabel: actorLabel(p) });

export async function recordCorrectionRequest(ctx: Ctx, p: StaffPrincipal, personId: string, body: { requestRef: string; requestedChange: string }): Promise<CorrectionView> {
  return ctx.db.$transaction(async (tx) => {
    const created = await tx.correctionRequest.create({ data: { personId, requestRef: body.requestRef, requestedChange: body.requestedChange, receivedById: p.userId } });
    await ctx.audit.record({ ...actor(p), action: 'privacy.correction-requested', subjectType: 'Person', subjectId: personId, details: { correctionId: created.id, requestRef: body.requestRef } }, tx);
    return toCorrectionView(created);
  });
}

export async function listCorrections(ctx: Pick<Ctx, 'db'>, personId: string): Promise<CorrectionView[]> {
  return (await ctx.db.correctionRequest.findMany({ where: { personId }, orderBy: { receivedAt: 'asc' } })).map(toCorrectionView);
}

/** The person's fields as a correction would change them, before and after. */
function changesOf(person: { givenName: string; familyName: string; preferredName: string | null; dob: Date | null }, fields: CorrectableFields) {
  const now = { givenName: person.givenName, familyName: person.familyName, preferredName: person.preferredName, dob: person.dob ? isoDateOf(person.dob) : null };
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const key of ['givenName', 'familyName', 'preferredName', 'dob'] as const) {
    const to = fields[key];
    if (to !== undefined && to !== now[key]) changes[key] = { from: now[key], to };
  }
  return { changes, next: { ...now, ...fields } };
}

/** Decides a request whose person the officer reaches (the caller checked); a decided one is not decided again. */
export async function decideCorrection(ctx: Ctx, p: StaffPrincipal, correctionId: string, decision: CorrectionDecision): Promise<CorrectionView> {
  const decided = await ctx.db.$transaction(async (tx) => {
    const request = await tx.correctionRequest.findUnique({ where: { id: correctionId }, include: { person: true } });
    if (!request) throw notFound('Correction request');
    if (request.status !== 'REQUESTED') throw conflict('ALREADY_DECIDED', `This request was already decided (${request.status.toLowerCase()}).`);
    const common = { decidedById: p.userId, decidedAt: new Date(), decisionNote: decision.note ?? null };
    if (decision.decision === 'DECLINE') {
      const updated = await tx.correctionRequest.update({ where: { id: correctionId }, data: { ...common, status: 'DECLINED', statement: decision.statement } });
      await ctx.audit.record({ ...actor(p), action: 'privacy.correction-declined', subjectType: 'Person', subjectId: request.personId, details: { correctionId, note: decision.note } }, tx);
      return updated;
    }
    const { changes, next } = changesOf(request.person, decision.fields);
    const data: Prisma.PersonUpdateInput = {
      givenName: next.givenName, familyName: next.familyName, preferredName: next.preferredName,
      nameKey: foldName(next.givenName, next.familyName), dob: next.dob === null ? null : dateColumn(next.dob),
    };
    await tx.person.update({ where: { id: request.personId }, data });
    const updated = await tx.correctionRequest.update({ where: { id: correctionId }, data: { ...common, status: 'CORRECTED', correction: changes } });
    await ctx.audit.record({ ...actor(p), action: 'privacy.corrected', subjectType: 'Person', subjectId: request.personId, details: { correctionId, changes } }, tx);
    return updated;
  });
  if (decided.status === 'CORRECTED') await refreshPersonInMeetings(ctx, decided.personId);
  return toCorrectionView(decided);
}

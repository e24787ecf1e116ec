import type { DisclosureRecord, DisclosureRequest } from '../../shared/api/records.js';
import { getItem, getPrepEntry, setResearch } from '../../shared/meeting-doc/index.js';
import { invalidTextReason } from '../../shared/valid-text.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import { ServerOrigin } from '../collab/origins.js';
import { conflict, DomainError, forbidden, invalidField, notFound } from '../domain/domain-error.js';
import { participantFor } from '../meeting/participants.js';

const SHARE = new ServerOrigin('share');

/**
 * Sharing copies the agency's private prep entry for an item into the meeting document and
 * records a Disclosure (content, fact/opinion, legal basis). Withholding records only the reason.
 */
export async function recordDisclosure(ctx: AppContext, principal: Principal, meetingId: string, request: DisclosureRequest): Promise<DisclosureRecord> {
  const meeting = await ctx.db.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
  if (!meeting) throw notFound('Meeting');
  if (meeting.status === 'CLOSED') throw conflict('MEETING_CLOSED', 'The meeting has closed');
  const item = await ctx.db.agendaItem.findFirst({ where: { id: request.itemId, meetingId }, select: { id: true, caseId: true } });
  if (!item) throw notFound('Item');
  const participant = await participantFor(ctx.db, principal, { id: meetingId, status: meeting.status });
  if (!participant.ok) throw forbidden('Not a participant of this meeting');
  const agency = principal.agency;
  const base = { meetingId, agendaItemId: item.id, caseId: item.caseId, agencyId: agency.id, participantId: participant.id };

  let row;
  if (request.decision === 'SHARE') {
    const prepared = await ctx.docs.withDoc({ kind: 'prep', meetingId, agencyCode: agency.code }, (prep) => {
      const entry = getPrepEntry(prep.doc, item.id);
      return entry && { kind: entry.kind, legalBasis: entry.legalBasis, text: entry.text.toString().trim() };
    });
    if (!prepared?.text) throw new DomainError('invalid', 'NOTHING_TO_SHARE', `${agency.name} has no prepared research on this item`);
    // The prep document takes any text a client sends; the record takes only what it can hold.
    const invalid = invalidTextReason(prepared.text);
    if (invalid) throw invalidField('text', invalid, `The prepared text ${invalid}: remove it and share again`);
    await ctx.docs.withDoc({ kind: 'meeting', meetingId }, (shared) => {
      const target = getItem(shared.doc, item.id);
      if (!target) throw notFound('Item');
      setResearch(target, agency.code, prepared, SHARE);
    });
    row = await ctx.db.disclosure.create({ data: { ...base, status: 'SHARED', kind: prepared.kind, legalBasis: prepared.legalBasis, content: prepared.text } });
  } else {
    row = await ctx.db.disclosure.create({ data: { ...base, status: 'WITHHELD', withheldReason: request.withheldReason } });
  }
  await ctx.audit.record({
    actorId: actorId(principal), actorLabel: actorLabel(principal), action: request.decision === 'SHARE' ? 'disclosure.share' : 'disclosure.withhold',
    subjectType: 'Disclosure', subjectId: row.id, meetingId, details: { itemId: item.id, agency: agency.code },
  });
  return { id: row.id, status: row.status, disclosedAt: row.disclosedAt.toISOString() };
}

import { z } from 'zod';

// The retention contract: what is due for disposal at a site, approving that batch, the
// certificate a disposal leaves, and legal holds on cases.

export const DisposalKind = z.enum(['closedCase', 'meetingDocuments', 'prepDocuments', 'minutesVersions']);
export type DisposalKind = z.infer<typeof DisposalKind>;

export const RuleView = z.object({ after: z.string(), keepFor: z.string(), then: z.string() });

/** One record in a batch: what it is (never a person's name), and since when it is due. */
export const DueItem = z.object({
  kind: DisposalKind,
  id: z.string(),
  label: z.string(),
  /** When the rule's event happened (case closed, meeting closed). */
  eventAt: z.iso.datetime(),
});
export type DueItem = z.infer<typeof DueItem>;

export const HeldItem = DueItem.extend({
  hold: z.object({ caseReference: z.string(), reason: z.string() }),
});
export type HeldItem = z.infer<typeof HeldItem>;

export const DueBatch = z.object({
  siteId: z.string(),
  listedAt: z.iso.datetime(),
  /** sha256 of the items: approving names it, so a batch that changed since it was listed is refused. */
  batchHash: z.string(),
  items: z.array(DueItem),
  /** Due but under a legal hold: not in the batch. */
  held: z.array(HeldItem),
  rules: z.record(z.string(), RuleView),
});
export type DueBatch = z.infer<typeof DueBatch>;

export const DueQuery = z.object({ siteId: z.uuid().optional() });

export const ApproveDisposalRequest = z.object({
  siteId: z.uuid(),
  batchHash: z.string().regex(/^[0-9a-f]{64}$/, 'the batchHash of a listed batch'),
  items: z.array(DueItem.pick({ kind: true, id: true })).min(1, 'the batch is empty: nothing to approve').max(10_000),
});
export type ApproveDisposalRequest = z.infer<typeof ApproveDisposalRequest>;

/** What a disposal did, as recorded in the audit trail. */
export const DisposalCertificate = z.object({
  auditSeq: z.string(),
  siteId: z.string(),
  batchHash: z.string(),
  approvedBy: z.string(),
  disposedAt: z.iso.datetime(),
  kinds: z.array(z.object({ kind: DisposalKind, rule: RuleView, count: z.number().int() })),
  /** What anonymising and deleting touched, by what it touched: people, episodes, documents rewritten… */
  effects: z.record(z.string(), z.number().int()),
});
export type DisposalCertificate = z.infer<typeof DisposalCertificate>;

export const LegalHoldRequest = z.object({ reason: z.string().trim().min(3, 'say why the case is held').max(500) });
export const LegalHold = z.object({
  caseId: z.string(),
  reference: z.string(),
  reason: z.string().nullable(),
  heldAt: z.iso.datetime().nullable(),
});
export type LegalHold = z.infer<typeof LegalHold>;

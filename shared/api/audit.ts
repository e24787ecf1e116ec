import { z } from 'zod';

// The audit trail for auditors (docs/architecture.md): newest first, filterable, paged by sequence number.

/** Sequence numbers are 64-bit: they travel as decimal strings. */
const Seq = z.string().regex(/^\d{1,19}$/, 'a sequence number');

export const AuditQuery = z.object({
  meetingId: z.uuid().optional(),
  actorId: z.string().max(64).optional(),
  /** An exact action (`invite.create`), or every action under a prefix (`invite.*`). */
  action: z.string().regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, 'an action such as invite.create or invite.*').max(64).optional(),
  /** From this instant, inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Up to this instant, exclusive. */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Rows older than this sequence number: the previous page's `nextCursor`. */
  cursor: Seq.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditRow = z.object({
  seq: Seq,
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  meetingId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditPage = z.object({
  rows: z.array(AuditRow),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: Seq.nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  /** Rows verified (before the break, when broken). */
  rows: z.number().int(),
  /** Of those, rows written before the keyed chain began (an older version's unkeyed sha256 chain). */
  legacyRows: z.number().int(),
  /** Checkpoints written outside the database that the rows matched. */
  checkpoints: z.number().int(),
  /** The first row changed, forged or missing; absent when the fault is not one row's (a wrong key, a forged checkpoint). */
  brokenAt: Seq.optional(),
  reason: z.string().optional(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

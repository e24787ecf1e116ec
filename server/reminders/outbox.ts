import type { Db } from '../db/client.js';

/** How long a claimed email is its process's to send before another may take it over. */
const LEASE_MS = 2 * 60_000;
/** The longest wait between two tries. */
const MAX_BACKOFF_MS = 6 * 3600_000;

export interface ClaimedEmail {
  id: string;
  notificationId: string;
  recipients: string[];
  subject: string;
  text: string;
  attempts: number;
}

/**
 * Takes up to `limit` emails due to be sent (or whose sender died mid-send) for this process:
 * one statement that locks the rows it picks and skips those another process holds, so no two
 * processes ever send the same email at once.
 */
export function claimDue(db: Db, limit: number, now = new Date()): Promise<ClaimedEmail[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  return db.$queryRaw<ClaimedEmail[]>`
    UPDATE "OutboxEmail" SET "status" = 'SENDING', "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxEmail"
      WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= ${now}) OR ("status" = 'SENDING' AND "leaseUntil" < ${now})
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "notificationId", "recipients", "subject", "text", "attempts"`;
}

export async function markSent(db: Db, id: string): Promise<void> {
  await db.outboxEmail.update({ where: { id }, data: { status: 'SENT', sentAt: new Date(), leaseUntil: null } });
}

/** A failed try: again after a doubling wait, or FAILED once the attempts are spent. */
export async function markFailed(db: Db, email: ClaimedEmail, error: string, policy: { maxAttempts: number; retryBaseMs: number }): Promise<void> {
  const spent = email.attempts >= policy.maxAttempts;
  const wait = Math.min(policy.retryBaseMs * 2 ** (email.attempts - 1), MAX_BACKOFF_MS);
  await db.outboxEmail.update({
    where: { id: email.id },
    data: { status: spent ? 'FAILED' : 'PENDING', nextAttemptAt: new Date(Date.now() + wait), leaseUntil: null, lastError: error.slice(0, 1000) },
  });
}

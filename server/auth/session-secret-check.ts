import { createHmac } from 'node:crypto';
import { ConfigError } from '../config.js';
import type { Db } from '../db/client.js';

const NAME = 'session-secret';

/** An HMAC of a constant under the secret: equal for equal secrets, and says nothing of the secret. */
export function sessionSecretFingerprint(secret: string): string {
  return createHmac('sha256', secret).update('SAM Room session secret fingerprint').digest('hex').slice(0, 16);
}

/**
 * Every process on one database must hash session tokens with the same secret, or each refuses the
 * others' sessions. The first process records the secret's fingerprint; a process with another
 * secret (say, generated into its own DATA_DIR) refuses to start, saying what to do.
 */
export async function checkSessionSecret(db: Db, secret: string): Promise<void> {
  const mine = sessionSecretFingerprint(secret);
  await db.keyFingerprint.createMany({ data: [{ name: NAME, fingerprint: mine }], skipDuplicates: true });
  const recorded = await db.keyFingerprint.findUniqueOrThrow({ where: { name: NAME } });
  if (recorded.fingerprint !== mine) {
    throw new ConfigError(
      `The sessions in this database were made with another SESSION_SECRET (fingerprint ${recorded.fingerprint}; this process has ${mine}). `
      + 'Every process sharing a database must use the same one: set SESSION_SECRET for all of them, or let them share DATA_DIR/session-secret.',
    );
  }
}

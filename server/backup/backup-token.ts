import { createHmac, timingSafeEqual } from 'node:crypto';

// The backup command proves it runs beside the server, with its DATA_DIR, by a short-lived HMAC
// under the session secret: whoever can read that secret can read the database files anyway.

const VALID_MS = 60_000;
const mac = (secret: string, at: string) => createHmac('sha256', secret).update(`sam-room-backup:${at}`).digest('base64url');

export const backupToken = (secret: string, now = Date.now()): string => `${now}.${mac(secret, String(now))}`;

export function verifyBackupToken(secret: string, token: string | undefined, now = Date.now()): boolean {
  const [at, given] = (token ?? '').split('.');
  if (!at || !given || !/^\d+$/.test(at) || Math.abs(now - Number(at)) > VALID_MS) return false;
  const expected = Buffer.from(mac(secret, at));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

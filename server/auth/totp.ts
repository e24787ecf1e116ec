import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

// RFC 6238 codes as every authenticator app makes them (SHA-1, 6 digits, 30 s), through otplib.

const ISSUER = 'SAM Room';
/** A code from the step before or after is accepted too: phone clocks drift. */
const TOLERANCE_SECONDS = 30;

export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// address an authenticator app reads, as text and as a QR code (PNG data URL). */
export async function totpEnrolmentUri(secret: string, email: string): Promise<{ otpauthUri: string; qrCode: string }> {
  const otpauthUri = generateURI({ issuer: ISSUER, label: email, secret });
  return { otpauthUri, qrCode: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
}

/**
 * The time step of a right code, or null. A code at or before `afterStep` (one already used) is
 * refused, so a code seen over someone's shoulder cannot be replayed.
 */
export async function verifyTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const result = await verify({
    secret, token: code, epochTolerance: TOLERANCE_SECONDS, ...(afterStep !== null && { afterTimeStep: afterStep }),
  });
  // otplib's result type covers HOTP too, which has no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

import { z } from 'zod';

// A second factor for local sign-in: a time-based code from an authenticator app (TOTP).

/** Six digits; spaces people type between the halves are ignored. */
export const TotpCode = z.string().transform((v) => v.replace(/\s+/g, '')).pipe(z.string().regex(/^\d{6}$/, 'the 6-digit code from your authenticator app'));

/** What an authenticator app needs: the otpauth:// address, as a QR code and as a key to type. */
export const TotpEnrolment = z.object({
  otpauthUri: z.string(),
  /** The same address as a QR code, a PNG data URL. */
  qrCode: z.string(),
  /** The base32 key, for apps that cannot scan. */
  secret: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpConfirmRequest = z.object({ code: TotpCode });
export type TotpConfirmRequest = z.input<typeof TotpConfirmRequest>;

/**
 * A staff account's second factor: none, enrolled, or required before anything else (an
 * administrator without one while local sign-in is on).
 */
export const SecondFactorState = z.enum(['none', 'enrolled', 'required']);
export type SecondFactorState = z.infer<typeof SecondFactorState>;

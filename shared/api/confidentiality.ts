import { z } from 'zod';

// The confidentiality statement (Family Violence Act 2018 s20) that each person acknowledges once
// per meeting before its content opens to them: invitees when joining by link, staff when they
// first enter the room.

/** Where the person asking stands with the statement for one meeting. */
export const ConfidentialityState = z.object({
  /** When they acknowledged it for this meeting; null if they have not. */
  acknowledgedAt: z.iso.datetime().nullable(),
  /** True while the meeting's content stays closed to them until they acknowledge it (a meeting in preparation or live). */
  required: z.boolean(),
});
export type ConfidentialityState = z.infer<typeof ConfidentialityState>;

export const AcknowledgeConfidentialityRequest = z.object({
  acknowledged: z.literal(true, { error: 'the confidentiality statement must be acknowledged' }),
});
export type AcknowledgeConfidentialityRequest = z.infer<typeof AcknowledgeConfidentialityRequest>;

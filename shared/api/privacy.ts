import { z } from 'zod';

// The privacy contract: hiding a person's name (with why), and privacy officers' requests.

export const HiddenNameRequest = z
  .object({
    hidden: z.boolean(),
    /** Why the name is hidden (a protected address, a court order); required to hide it. */
    reason: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.hidden && (v.reason ?? '').length < 3) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the name is hidden' });
  });
export type HiddenNameRequest = z.infer<typeof HiddenNameRequest>;

export const HiddenName = z.object({
  personId: z.string(),
  hidden: z.boolean(),
  reason: z.string().nullable(),
  /** Meeting documents whose items were brought up to date at once. */
  meetingsUpdated: z.number().int(),
});
export type HiddenName = z.infer<typeof HiddenName>;

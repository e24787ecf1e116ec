import { z } from 'zod';
import { AgencyKind, Role } from '../domain.js';
import { SecondFactorState, TotpCode } from './second-factor.js';

export const LoginRequest = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
  /** The authenticator app's code, for accounts with a second factor (asked for after the password). */
  code: TotpCode.optional(),
});
export type LoginRequest = z.input<typeof LoginRequest>;

export const AgencyRef = z.object({ code: z.string(), name: z.string(), kind: AgencyKind });
export type AgencyRef = z.infer<typeof AgencyRef>;

/** Who the session belongs to: a staff account, or an invitee admitted to one meeting. */
export const Me = z.object({
  kind: z.enum(['staff', 'invitee']),
  id: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: Role,
  agency: AgencyRef,
  siteId: z.string().nullable(),
  /** Spans every site (a national auditor or administrator). */
  national: z.boolean(),
  /** Set for invitees: the only meeting they may open. */
  meetingId: z.string().nullable(),
  /** Staff only ('none' for invitees); 'required' opens nothing but enrolment. */
  secondFactor: SecondFactorState,
  /** The site is a training site: synthetic whānau, marked TRAINING on every page. */
  trainingSite: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** What a one-time set-up or reset link is for, shown before the person chooses a password. */
export const PasswordLinkInfo = z.object({
  purpose: z.enum(['SETUP', 'RESET']),
  email: z.string(),
  displayName: z.string(),
});
export type PasswordLinkInfo = z.infer<typeof PasswordLinkInfo>;

/** The token travels in the body, never the path, so request logs cannot hold it. */
export const PasswordLinkRequest = z.object({ token: z.string().min(1).max(200) });
export type PasswordLinkRequest = z.infer<typeof PasswordLinkRequest>;

export const SetPasswordRequest = PasswordLinkRequest.extend({ password: z.string().min(1, 'required').max(1024) });
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

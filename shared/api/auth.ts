import { z } from 'zod';
import { AgencyKind, Role } from '../domain.js';

export const LoginRequest = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

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
  /** Set for invitees: the only meeting they may open. */
  meetingId: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

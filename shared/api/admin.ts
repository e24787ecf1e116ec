import { z } from 'zod';
import { AgencyCode, AgencyKind, Role } from '../domain.js';

// The administration contract: sites and their schedule, agencies, staff and their sessions.

const Name = z.string().trim().min(1, 'required').max(200);
/** "HH:mm", 24-hour. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00');

export const AdminSite = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  dailyMeetingTime: TimeOfDay,
  /** 1 = Monday … 7 = Sunday; null when the site holds no weekly ICM review. */
  icmReviewWeekday: z.number().int().min(1).max(7).nullable(),
  training: z.boolean(),
});
export type AdminSite = z.infer<typeof AdminSite>;

export const SiteCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'an upper-case code such as CANTERBURY');

export const CreateSiteRequest = z.object({
  code: SiteCode,
  name: Name,
  dailyMeetingTime: TimeOfDay.default('09:00'),
  icmReviewWeekday: z.number().int().min(1).max(7).nullable().default(null),
});
export type CreateSiteRequest = z.input<typeof CreateSiteRequest>;

/**
 * The first site and its national administrator on an empty database (`npm run admin:create`).
 * The administrator's agency is used when it exists, and otherwise made with `agencyName`.
 */
export const FirstAdminRequest = z.object({
  email: z.email().max(254),
  displayName: Name,
  siteCode: SiteCode,
  siteName: Name,
  agencyCode: AgencyCode,
  agencyName: Name.optional(),
  agencyKind: AgencyKind.default('OTHER'),
});
export type FirstAdminRequest = z.infer<typeof FirstAdminRequest>;

/** What a training site's reset did: rows removed, and the starting day written again. */
export const TrainingReset = z.object({
  removed: z.number().int(),
  families: z.number().int(),
  episodes: z.number().int(),
  meetings: z.number().int(),
});
export type TrainingReset = z.infer<typeof TrainingReset>;

export const ScheduleRequest = z.object({
  dailyMeetingTime: TimeOfDay,
  icmReviewWeekday: z.number().int().min(1).max(7).nullable(),
});
export type ScheduleRequest = z.infer<typeof ScheduleRequest>;

export const AdminAgency = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: AgencyKind, active: z.boolean() });
export type AdminAgency = z.infer<typeof AdminAgency>;

export const CreateAgencyRequest = z.object({ code: AgencyCode, name: Name, kind: AgencyKind });
export type CreateAgencyRequest = z.infer<typeof CreateAgencyRequest>;

export const UpdateAgencyRequest = z.object({ name: Name.optional(), kind: AgencyKind.optional(), active: z.boolean().optional() });
export type UpdateAgencyRequest = z.infer<typeof UpdateAgencyRequest>;

export const AdminUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  national: z.boolean(),
  agency: z.object({ code: z.string(), name: z.string() }),
  siteId: z.string(),
  /** Whether a password is set (false until the set-up link is used). */
  hasPassword: z.boolean(),
  singleSignOn: z.boolean(),
  /** Whether an authenticator app is set up for local sign-in. */
  secondFactor: z.boolean(),
  disabledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type AdminUser = z.infer<typeof AdminUser>;

/** Which site a list is of: the administrator's own unless `siteId` names another they reach. */
export const SiteQuery = z.object({ siteId: z.string().optional() });

export const CreateUserRequest = z.object({
  email: z.email().max(254),
  displayName: Name,
  agencyCode: AgencyCode,
  role: Role,
  siteId: z.string().min(1),
  /** Spans every site: auditors and administrators only, and only a national administrator may grant it. */
  national: z.boolean().default(false),
});
export type CreateUserRequest = z.input<typeof CreateUserRequest>;

export const UpdateUserRequest = z.object({
  displayName: Name.optional(),
  agencyCode: AgencyCode.optional(),
  role: Role.optional(),
  siteId: z.string().min(1).optional(),
  national: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** A one-time link for the person to set their password; shown once, only its hash is kept. */
export const SetupLink = z.object({ url: z.string(), expiresAt: z.iso.datetime() });
export type SetupLink = z.infer<typeof SetupLink>;

export const CreatedUser = z.object({ user: AdminUser, setupLink: SetupLink });
export type CreatedUser = z.infer<typeof CreatedUser>;

export const UserSession = z.object({ id: z.string(), createdAt: z.iso.datetime(), expiresAt: z.iso.datetime() });
export type UserSession = z.infer<typeof UserSession>;

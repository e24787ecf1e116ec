import { z } from 'zod';

export const NotificationKind = z.enum(['DAILY_DIGEST', 'ACTION_ASSIGNED']);

export const NotificationItem = z.object({
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** A path in the app. */
  link: z.string(),
  createdAt: z.iso.datetime(),
  read: z.boolean(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

/** The reminders to the requester's agency at their site, newest first, and how many they have not read. */
export const NotificationList = z.object({ unread: z.number().int(), items: z.array(NotificationItem) });
export type NotificationList = z.infer<typeof NotificationList>;

export const OutboxStatus = z.enum(['PENDING', 'SENDING', 'SENT', 'FAILED']);

export const OutboxQuery = z.object({ status: OutboxStatus.default('FAILED') });

/** A reminder email as an administrator checks on it: never its recipients' names, only how many. */
export const OutboxEntry = z.object({
  id: z.string(),
  agency: z.string(),
  kind: NotificationKind,
  subject: z.string(),
  recipients: z.number().int(),
  status: OutboxStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

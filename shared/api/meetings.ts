import { z } from 'zod';
import { IsoDate, MeetingKind, MeetingStatus } from '../domain.js';

export const Site = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type Site = z.infer<typeof Site>;

export const MeetingSummary = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  date: IsoDate,
  kind: MeetingKind,
  status: MeetingStatus,
  itemCount: z.number().int(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const MeetingListQuery = z.object({
  siteId: z.string().optional(),
  date: IsoDate.optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

export const CreateMeetingRequest = z.object({
  siteId: z.string(),
  date: IsoDate,
  kind: MeetingKind,
});
export type CreateMeetingRequest = z.infer<typeof CreateMeetingRequest>;

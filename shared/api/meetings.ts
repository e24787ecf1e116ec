import { z } from 'zod';
import { IsoDate, MeetingKind, MeetingStatus } from '../domain.js';
import { ConfidentialityState } from './confidentiality.js';

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

/** One meeting as the person asking enters it: the summary, and whether they still have to acknowledge the statement. */
export const MeetingDetail = MeetingSummary.extend({ confidentiality: ConfidentialityState });
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const MeetingListQuery = z.object({
  siteId: z.string().optional(),
  date: IsoDate.optional(),
  /** Meetings on or after this date, soonest first (the calendar ahead). */
  from: IsoDate.optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

export const CreateMeetingRequest = z.object({
  siteId: z.string(),
  date: IsoDate,
  kind: MeetingKind,
});
export type CreateMeetingRequest = z.infer<typeof CreateMeetingRequest>;

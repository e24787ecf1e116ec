import { z } from 'zod';
import { CaseStatus, IsoDate, RiskLevel } from '../domain.js';
import { CaseAction } from './records.js';

/** One of the agency's actions as its work list shows it: the action, and which family it is for. */
export const WorkAction = CaseAction.extend({
  caseId: z.string(),
  caseReference: z.string(),
  updatedAt: z.iso.datetime(),
});
export type WorkAction = z.infer<typeof WorkAction>;

/** A family the requester's agency leads, as the home page lists it. */
export const LedFamily = z.object({
  id: z.string(),
  reference: z.string(),
  status: CaseStatus,
  currentRisk: RiskLevel.nullable(),
  /** Actions of any agency for this family not yet done. */
  unfinishedActions: z.number().int(),
  /** The last meeting the family was on the list of. */
  lastMeeting: IsoDate.nullable(),
});
export type LedFamily = z.infer<typeof LedFamily>;

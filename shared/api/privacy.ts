import { z } from 'zod';
import { CorrectionStatus } from '../domain.js';

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

/** The person fields a correction can change; anything else is answered with a statement of correction. */
export const CorrectableFields = z.object({
  givenName: z.string().trim().min(1).max(200),
  familyName: z.string().trim().min(1).max(200),
  preferredName: z.string().trim().min(1).max(200).nullable(),
  dob: z.iso.date().nullable(),
}).partial();
export type CorrectableFields = z.infer<typeof CorrectableFields>;

export const CorrectionRequestBody = z.object({
  requestRef: z.string().trim().min(1, 'the request’s reference').max(100),
  requestedChange: z.string().trim().min(3, 'what the person asks to be corrected').max(5_000),
});

export const CorrectionDecision = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('CORRECT'),
    fields: CorrectableFields.refine((f) => Object.keys(f).length > 0, 'at least one field to correct'),
    note: z.string().trim().max(2_000).optional(),
  }),
  z.object({
    decision: z.literal('DECLINE'),
    /** The person's statement of the correction sought, attached to their record (IPP 7(2)). */
    statement: z.string().trim().min(3, 'the statement of correction to attach').max(5_000),
    note: z.string().trim().min(3, 'why the correction is declined').max(2_000),
  }),
]);
export type CorrectionDecision = z.infer<typeof CorrectionDecision>;

export const CorrectionView = z.object({
  id: z.string(),
  personId: z.string(),
  requestRef: z.string(),
  requestedChange: z.string(),
  receivedAt: z.iso.datetime(),
  status: CorrectionStatus,
  decidedAt: z.iso.datetime().nullable(),
  decisionNote: z.string().nullable(),
  statement: z.string().nullable(),
  correction: z.record(z.string(), z.object({ from: z.string().nullable(), to: z.string().nullable() })).nullable(),
});
export type CorrectionView = z.infer<typeof CorrectionView>;

/** Free text from the records with other people's names replaced by a marked withholding. */
export const MaskedText = z.object({ text: z.string(), withheld: z.number().int() });
export type MaskedText = z.infer<typeof MaskedText>;

/** Where something about another person was left out, and why. */
export const Withholding = z.object({ where: z.string(), what: z.string(), ground: z.string() });
export type Withholding = z.infer<typeof Withholding>;

export const PrivacyReportQuery = z.object({
  /** The privacy request's own reference (as the organisation's register has it). */
  requestRef: z.string().trim().min(1, 'the request’s reference').max(100),
  format: z.enum(['json', 'pdf']).default('json'),
});

const Agency = z.string().nullable();

/** Everything held about one person (Privacy Act 2020, IPP 6), with other people's details withheld. */
export const PrivacyReport = z.object({
  requestRef: z.string(),
  generatedAt: z.iso.datetime(),
  generatedBy: z.string(),
  site: z.object({ code: z.string(), name: z.string() }),
  person: z.object({
    id: z.string(), givenName: z.string(), familyName: z.string(), preferredName: z.string().nullable(), dob: z.iso.date().nullable(),
    gender: z.string(), ethnicity: z.string().nullable(), iwiAffiliations: z.array(z.string()), policePersonRef: z.string().nullable(),
    hiddenName: z.boolean(), hiddenNameReason: z.string().nullable(), recordedAt: z.iso.datetime(),
  }),
  cases: z.array(z.object({
    reference: z.string(), status: z.string(), role: z.string(), currentRisk: z.string().nullable(), leadAgency: Agency,
    otherMembers: z.array(z.object({ role: z.string(), withheld: z.literal(true) })),
  })),
  episodes: z.array(z.object({
    policeRef: z.string(), occurredAt: z.iso.datetime(), area: z.string(), source: z.string(), role: z.string(),
    summary: MaskedText, otherPartyWithheld: z.boolean(),
  })),
  riskAssessments: z.array(z.object({ tool: z.string(), level: z.string().nullable(), band: z.string().nullable(), agency: Agency, assessedAt: z.iso.datetime() })),
  decisions: z.array(z.object({
    caseReference: z.string(), meetingDate: z.iso.date(), version: z.number().int(), decidedAt: z.iso.datetime(), riskLevel: z.string(),
    pathway: z.string(), leadAgency: Agency, rationale: MaskedText, dissent: MaskedText, superseded: z.boolean(),
  })),
  actions: z.array(z.object({
    caseReference: z.string(), agency: z.string(), type: z.string(), description: MaskedText, dueDate: z.iso.date(), status: z.string(),
  })),
  disclosures: z.array(z.object({
    caseReference: z.string(), agency: z.string(), status: z.string(), kind: z.string().nullable(), legalBasis: z.string().nullable(),
    content: MaskedText.nullable(), withheldReason: MaskedText.nullable(),
  })),
  minutes: z.array(z.object({
    meetingDate: z.iso.date(), meetingKind: z.string(), caseReference: z.string(),
    versions: z.array(z.object({ id: z.string(), format: z.string(), agency: Agency, createdAt: z.iso.datetime() })),
  })),
  audit: z.array(z.object({ seq: z.string(), at: z.iso.datetime(), action: z.string(), actor: z.string(), subjectType: z.string().nullable() })),
  /** Correction requests, with any statement of correction attached to the record. */
  corrections: z.array(CorrectionView),
  withholdings: z.array(Withholding),
});
export type PrivacyReport = z.infer<typeof PrivacyReport>;

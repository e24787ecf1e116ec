import { generateKeyBetween } from 'fractional-indexing';
import { z } from 'zod';
import {
  ActionPriority,
  ActionStatus,
  AgencyCode,
  AgendaItemStatus,
  AgendaReason,
  DisclosureKind,
  EpisodeSource,
  IsoDate,
  LegalBasis,
  Pathway,
  ProtectionOrder,
  RiskLevel,
} from '../domain.js';

// What may be stored in a meeting or prep document. Every bound here is enforced twice: by the
// accessors when writing, and by validate.ts on the server for whatever a client sent anyway.

export const LIMITS = {
  /** Free-text fields, in UTF-16 code units (Y.Text length). */
  rationale: 20_000,
  dissent: 20_000,
  researchText: 20_000,
  actionDescription: 5_000,
  /** An action's outcome note, as the records keep it. */
  outcomeNote: 2_000,
  actionType: 100,
  assignee: 200,
  actionsPerItem: 50,
  researchPerItem: 30,
  flagsPerItem: 20,
  episodesPerItem: 200,
  /** Entries in one agency's prep doc (one per item of the meeting at most). */
  prepEntries: 1_000,
  familyRef: 100,
  /** Generous: a key grows by about one character per move into the same gap. */
  rankLength: 512,
  policeRef: 64,
  area: 200,
  episodeSummary: 10_000,
  personName: 200,
  /** Children named in one episode (the import names at most 10). */
  namedChildren: 20,
  reportBy: 200,
  reportReference: 64,
  icmProgress: 5_000,
} as const;

/** Ids of meetings, items and actions: uuid-ish, safe in doc names and as map keys. */
export const EntityId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'an id of 1–64 letters, digits or hyphens');
export type EntityId = z.infer<typeof EntityId>;

function isOrderKey(key: string): boolean {
  try {
    // fractional-indexing validates its input; its validator is not exported.
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** A fractional-index order key (base 62, compared as plain strings). */
export const Rank = z
  .string()
  .max(LIMITS.rankLength)
  .regex(/^[0-9A-Za-z]+$/, 'base-62 characters only')
  .refine(isOrderKey, 'a fractional-index order key');

/** Upper-snake flag names; an open set, so a new importer rule needs no schema change. */
export const Flag = z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'an upper-case flag name');
/** The flags the importer raises today, for it and the UI to name them (Flag accepts others). */
export const KnownFlag = z.enum([
  'REPEAT', 'STRANGULATION', 'WEAPONS', 'CHILDREN_PRESENT', 'PO_BREACHED', 'PRISON_RELEASE',
]);
export type KnownFlag = z.infer<typeof KnownFlag>;

export const Flags = z
  .array(Flag)
  .max(LIMITS.flagsPerItem)
  .refine((flags) => new Set(flags).size === flags.length, 'flags must not repeat');

/** sha256 hex of the decided content (decision-hash.ts). */
export const DecisionHash = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');

export const EpisodePerson = z.strictObject({
  name: z.string().max(LIMITS.personName),
  dob: IsoDate.nullable(),
});
export type EpisodePerson = z.infer<typeof EpisodePerson>;

/** One police episode as it stood at import; read-only in the doc. */
export const EpisodeSnapshot = z.strictObject({
  policeRef: z.string().min(1).max(LIMITS.policeRef),
  occurredAt: z.iso.datetime({ offset: true }),
  area: z.string().max(LIMITS.area),
  source: EpisodeSource,
  summary: z.string().max(LIMITS.episodeSummary),
  childrenPresent: z.number().int().min(0).max(99),
  protectionOrder: ProtectionOrder,
  weapons: z.boolean(),
  strangulation: z.boolean(),
  personAtRisk: EpisodePerson,
  personUsingViolence: EpisodePerson,
  /** The children the import named, in its order (childrenPresent may count more). */
  children: z.array(EpisodePerson).max(LIMITS.namedChildren),
  /** SAFVR probability, 0–1. */
  safvr: z.number().min(0).max(1).nullable(),
  safvrBand: RiskLevel.nullable(),
  dyra: RiskLevel.nullable(),
});
export type EpisodeSnapshot = z.infer<typeof EpisodeSnapshot>;

/**
 * A Report of Concern to Oranga Tamariki as the meeting records it: who made it, when, and its
 * reference. Parts may be empty while it is being written; the decision rules need all three.
 */
export const ReportOfConcern = z.strictObject({
  by: z.string().max(LIMITS.reportBy),
  on: IsoDate.nullable(),
  reference: z.string().max(LIMITS.reportReference),
});
export type ReportOfConcern = z.infer<typeof ReportOfConcern>;

/** How an ICM review found a service's engagement with the whānau, and when. */
export const Engagement = z.strictObject({
  status: z.enum(['ENGAGED', 'DECLINED', 'NOT_REACHED']).nullable(),
  on: IsoDate.nullable(),
});
export type Engagement = z.infer<typeof Engagement>;

/** What an ICM review records besides the decision: engagement of both services and progress against the plan. */
export const IcmReview = z.strictObject({
  victimSpecialist: Engagement,
  perpetratorOutreach: Engagement,
  progress: z.string().max(LIMITS.icmProgress),
});
export type IcmReview = z.infer<typeof IcmReview>;

/** The plain (non-Y) fields of an item, each stored under its own key in the item map. */
export const ItemValues = z.strictObject({
  caseId: EntityId,
  familyRef: z.string().min(1).max(LIMITS.familyRef),
  reason: AgendaReason,
  episodes: z.array(EpisodeSnapshot).max(LIMITS.episodesPerItem),
  /** The risk level of the family's latest decision at an earlier meeting, written at import (null: none). */
  lastDecidedRisk: RiskLevel.nullable(),
  rank: Rank,
  status: AgendaItemStatus,
  riskLevel: RiskLevel.nullable(),
  pathway: Pathway.nullable(),
  leadAgency: AgencyCode.nullable(),
  flags: Flags,
  reportOfConcern: ReportOfConcern.nullable(),
  icmReview: IcmReview.nullable(),
  decidedHash: DecisionHash.nullable(),
  /** The version of the item's latest decision (written by finalize); kept when the chair reopens it. */
  decidedVersion: z.number().int().min(1).nullable(),
});
export type ItemValues = z.infer<typeof ItemValues>;
export type ItemField = keyof ItemValues;

/**
 * What the meeting may set after import. caseId, familyRef, reason and episodes are written once by
 * addItem; rank by moveItem; the decision state only by the server (DecisionState).
 */
export const EditableItemValues = ItemValues.pick({
  riskLevel: true,
  pathway: true,
  leadAgency: true,
  flags: true,
  reportOfConcern: true,
  icmReview: true,
});
export type EditableItemValues = z.infer<typeof EditableItemValues>;
export type EditableItemField = keyof EditableItemValues;

/**
 * Where the item stands: written by the server's finalize, defer and reopen, never by a client (the
 * authority puts back whatever a client writes there).
 */
export const DecisionState = ItemValues.pick({ status: true, decidedHash: true, decidedVersion: true });
export type DecisionState = z.infer<typeof DecisionState>;
export const DECISION_STATE_FIELDS = DecisionState.keyof().options;

/** Per-field schemas typed by field, so a generic accessor gets T[K] back from parseField. */
export type FieldSchemas<T> = { [K in keyof T]-?: z.ZodType<T[K]> };

export function parseField<T, K extends keyof T>(
  schemas: FieldSchemas<T>,
  key: K,
  value: unknown,
): z.ZodSafeParseResult<T[K]> {
  return schemas[key].safeParse(value);
}

export const ITEM_FIELD_SCHEMAS: FieldSchemas<ItemValues> = ItemValues.shape;

/** What a new item starts with besides its import fields. */
export const NEW_ITEM_VALUES = {
  status: 'PENDING',
  riskLevel: null,
  pathway: null,
  leadAgency: null,
  reportOfConcern: null,
  icmReview: null,
  decidedHash: null,
  decidedVersion: null,
} as const satisfies Partial<ItemValues>;

/**
 * An action an earlier meeting set, still owed when this meeting's item was made: it shows in the
 * item so the meeting records what became of it. Only its status is the meeting's to change (its
 * agency or the chair, as for the item's own actions); finalize writes it to the Action record.
 */
export const CarriedAction = z.strictObject({
  agency: AgencyCode,
  type: z.string().max(LIMITS.actionType),
  description: z.string().max(LIMITS.actionDescription),
  due: IsoDate,
  status: ActionStatus,
  outcomeNote: z.string().max(LIMITS.outcomeNote).nullable(),
});
export type CarriedAction = z.infer<typeof CarriedAction>;

/** The statuses the meeting marks a carried action with. */
export const CarriedOutcome = z.enum(['DONE', 'OPEN', 'NOT_DONE_CIRCUMSTANCES', 'NOT_DONE_AGENCY']);
export type CarriedOutcome = z.infer<typeof CarriedOutcome>;

export const CarriedActionInit = CarriedAction.extend({ id: EntityId });
export type CarriedActionInit = z.infer<typeof CarriedActionInit>;

export const ItemInit = z.strictObject({
  id: EntityId,
  caseId: ItemValues.shape.caseId,
  familyRef: ItemValues.shape.familyRef,
  reason: ItemValues.shape.reason,
  episodes: ItemValues.shape.episodes,
  lastDecidedRisk: ItemValues.shape.lastDecidedRisk.default(null),
  flags: Flags.default([]),
  carried: z.array(CarriedActionInit).max(LIMITS.actionsPerItem).default([]),
  /** Omitted: placed after the current last item. */
  rank: Rank.optional(),
});
export type ItemInit = z.input<typeof ItemInit>;

/** What an agency shares on an item: kind and legal basis beside its Y.Text. */
export const ResearchValues = z.strictObject({ kind: DisclosureKind, legalBasis: LegalBasis });
export type ResearchValues = z.infer<typeof ResearchValues>;

export const ResearchInit = ResearchValues.extend({
  /** Given: replaces the entry's text (e.g. when sharing a prep entry into the meeting). */
  text: z.string().max(LIMITS.researchText).optional(),
});
export type ResearchInit = z.input<typeof ResearchInit>;

/** An action's plain fields; its description is a Y.Text beside them. */
export const ActionValues = z.strictObject({
  /** May be empty while the action is being drafted; finalize requires the business rules. */
  type: z.string().max(LIMITS.actionType),
  agency: AgencyCode.nullable(),
  assignee: z.string().max(LIMITS.assignee),
  due: IsoDate.nullable(),
  priority: ActionPriority,
  /** Set only by the action's agency or the chair (authorship.ts); OPEN while it is a proposal. */
  status: ActionStatus,
  /**
   * The agency that proposed this action for another agency, until that agency or the chair
   * confirms it (null: assigned by its own agency or the chair, or confirmed).
   */
  proposedBy: AgencyCode.nullable(),
});
export type ActionValues = z.infer<typeof ActionValues>;

export const ACTION_FIELD_SCHEMAS: FieldSchemas<ActionValues> = ActionValues.shape;

/** What a new action starts with, and what a corrupt action field reads as. */
export const ACTION_DEFAULTS: ActionValues = {
  type: '',
  agency: null,
  assignee: '',
  due: null,
  priority: 'STANDARD',
  status: 'OPEN',
  proposedBy: null,
};

export const ActionInit = ActionValues.extend({
  type: ActionValues.shape.type.default(ACTION_DEFAULTS.type),
  agency: ActionValues.shape.agency.default(ACTION_DEFAULTS.agency),
  assignee: ActionValues.shape.assignee.default(ACTION_DEFAULTS.assignee),
  due: ActionValues.shape.due.default(ACTION_DEFAULTS.due),
  priority: ActionValues.shape.priority.default(ACTION_DEFAULTS.priority),
  status: ActionValues.shape.status.default(ACTION_DEFAULTS.status),
  proposedBy: ActionValues.shape.proposedBy.default(ACTION_DEFAULTS.proposedBy),
  description: z.string().max(LIMITS.actionDescription).default(''),
});
export type ActionInit = z.input<typeof ActionInit>;

export const ActionSnapshot = ActionValues.extend({
  id: EntityId,
  description: z.string().max(LIMITS.actionDescription),
});
export type ActionSnapshot = z.infer<typeof ActionSnapshot>;

export const ResearchSnapshot = ResearchValues.extend({
  agency: AgencyCode,
  text: z.string().max(LIMITS.researchText),
});
export type ResearchSnapshot = z.infer<typeof ResearchSnapshot>;

/**
 * A whole item as plain JSON (texts as strings; research sorted by agency, actions by id), for
 * validation, exports and finalize.
 */
export const ItemSnapshot = ItemValues.extend({
  id: EntityId,
  rationale: z.string().max(LIMITS.rationale),
  dissent: z.string().max(LIMITS.dissent),
  research: z.array(ResearchSnapshot).max(LIMITS.researchPerItem),
  actions: z.array(ActionSnapshot).max(LIMITS.actionsPerItem),
});
export type ItemSnapshot = z.infer<typeof ItemSnapshot>;

/** One entry of an agency's prep doc, as plain JSON. */
export const PrepEntrySnapshot = ResearchValues.extend({
  itemId: EntityId,
  text: z.string().max(LIMITS.researchText),
});
export type PrepEntrySnapshot = z.infer<typeof PrepEntrySnapshot>;

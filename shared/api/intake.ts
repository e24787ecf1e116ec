import { z } from 'zod';
import { IsoDate } from '../domain.js';

/** A row the import could not take, named by its line (CSV file line, or JSON array index + 1). */
export const ImportRowError = z.object({
  line: z.number().int().min(1),
  /** The §5 column (dotted for nested fields, e.g. personAtRisk.dob); null for the whole row. */
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportResult = z.object({
  /** Episodes created. */
  imported: z.number().int(),
  /** Rows whose police reference is already on record: left untouched. */
  skippedDuplicates: z.number().int(),
  errors: z.array(ImportRowError),
  items: z.object({ created: z.number().int(), updated: z.number().int() }),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const PersonSearchQuery = z
  .object({
    q: z.string().trim().min(2).max(200).optional(),
    dob: IsoDate.optional(),
    policeRef: z.string().trim().min(1).max(64).optional(),
  })
  .refine((v) => v.q !== undefined || v.dob !== undefined || v.policeRef !== undefined, 'give at least one of q, dob, policeRef');
export type PersonSearchQuery = z.infer<typeof PersonSearchQuery>;

export const PersonSearchHit = z.object({
  id: z.string(),
  /** 'Name withheld' (and familyName '') for a hidden name, unless the caller chairs or coordinates. */
  givenName: z.string(),
  familyName: z.string(),
  nameWithheld: z.boolean(),
  dob: IsoDate.nullable(),
  policePersonRef: z.string().nullable(),
  cases: z.array(z.object({ id: z.string(), reference: z.string() })),
});
export type PersonSearchHit = z.infer<typeof PersonSearchHit>;

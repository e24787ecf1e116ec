import { z } from 'zod';
import { CommandError, FinalizeResult, type FieldError } from '../../../../shared/control.js';

// The acks of `item:finalize` (the FinalizeResult spread into {ok:true,…}) and `items:finalize`
// ({ok:true, results:[…]}, each item decided or refused on its own).

export const BulkItemResult = z.union([
  FinalizeResult.extend({ ok: z.literal(true) }),
  z.object({ itemId: z.string(), ok: z.literal(false), error: CommandError }),
]);
export type BulkItemResult = z.infer<typeof BulkItemResult>;

export function parseFinalizeResult(data: Record<string, unknown>): FinalizeResult | null {
  const parsed = FinalizeResult.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export function parseBulkResults(data: Record<string, unknown>): BulkItemResult[] | null {
  const parsed = z.object({ results: z.array(BulkItemResult) }).safeParse(data);
  return parsed.success ? parsed.data.results : null;
}

/** Errors from the rules and from the server, once each (the server runs the same rules). */
export function mergeErrors(a: readonly FieldError[], b: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((e) => {
    const key = `${e.field}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

import type { FieldError } from '../../../../shared/control.js';

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

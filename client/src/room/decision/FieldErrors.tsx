import type { FieldError } from '../../../../shared/control.js';
import { fieldErrorId } from './fieldIds.js';

/** The rule errors for one field, under it; the control points here with aria-describedby. */
export function FieldErrors({ itemId, field, errors }: { itemId: string; field: string; errors: readonly FieldError[] }) {
  const mine = errors.filter((e) => e.field === field);
  if (mine.length === 0) return null;
  return (
    <p id={fieldErrorId(itemId, field)} className="field-error">
      {mine.map((e) => e.message).join('. ')}
    </p>
  );
}

/** Props for the control of a field that may have errors. */
export function errorProps(itemId: string, field: string, errors: readonly FieldError[]) {
  const has = errors.some((e) => e.field === field);
  return {
    'aria-invalid': has ? true : undefined,
    'aria-describedby': has ? fieldErrorId(itemId, field) : undefined,
  } as const;
}

/** What the rules ask the chair to consider, without refusing the decision. */
export function FieldWarnings({ warnings }: { warnings: readonly FieldError[] }) {
  if (warnings.length === 0) return null;
  return (
    <p className="field-warning" role="status">
      {warnings.map((w) => w.message).join('. ')}
    </p>
  );
}

// Repetitions are summarised as the median with the spread (min–max), never as a mean, so one run
// disturbed by the shared machine does not move the figure.

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: number[]): Spread {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const mid = Math.floor(xs.length / 2);
  const median = xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return { median, min: xs[0]!, max: xs.at(-1)!, n: xs.length };
}

/** Ratios of paired runs (repetition i of each), summarised. */
export function ratioSpread(numerators: number[], denominators: number[]): Spread {
  const n = Math.min(numerators.length, denominators.length);
  return spread(Array.from({ length: n }, (_, i) => numerators[i]! / denominators[i]!));
}

export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-NZ', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "median (min–max)", or just the value for one run. */
export function fmtSpread(s: Spread, digits = 1, unit = ''): string {
  if (s.n === 0) return 'n/a';
  if (s.n === 1 || s.min === s.max) return `${fmt(s.median, digits)}${unit}`;
  return `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

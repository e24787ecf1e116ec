import type { BenchRuns } from './results-types.js';
import type { ChairItem } from './scenarios/chair-run.js';
import { spread, type Spread } from './stats.js';
import type { ChairOperation } from './chair-hands.js';

// The scripted chair's run reduced to what the report shows: operations and seconds of chair
// interaction per item (low risk, not low risk, all), the list's total, and the app's response per step.

/** The list size the chair's target is stated for. */
export const TARGET_ITEMS = 35;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : Number.NaN);
const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : Number.NaN);
/** Chair interaction: the chair's keying or pointing plus the app's response. */
const interactionMs = (ops: ChairOperation[]) => sum(ops.map((o) => o.chairMs + o.responseMs));

function group(items: ChairItem[]) {
  const ops = items.map((i) => i.operations.length);
  const seconds = items.map((i) => interactionMs(i.operations) / 1000);
  return {
    items: items.length,
    opsMean: mean(ops),
    opsMax: maxOf(ops),
    secondsMean: mean(seconds),
    secondsMax: maxOf(seconds),
    keyingMeanS: mean(items.map((i) => sum(i.operations.map((o) => o.chairMs)) / 1000)),
    responseMeanS: mean(items.map((i) => sum(i.operations.map((o) => o.responseMs)) / 1000)),
  };
}

export type ChairGroup = ReturnType<typeof group>;

export interface ChairStep {
  step: string;
  inputs: string[];
  operations: number;
  responseMs: Spread;
}

function steps(items: ChairItem[]): ChairStep[] {
  const byStep = new Map<string, ChairOperation[]>();
  for (const op of items.flatMap((i) => i.operations)) byStep.set(op.step, [...(byStep.get(op.step) ?? []), op]);
  return [...byStep].map(([step, ops]) => ({
    step, inputs: [...new Set(ops.map((o) => o.input))], operations: ops.length, responseMs: spread(ops.map((o) => o.responseMs)),
  }));
}

export function chairSummary(runs: BenchRuns) {
  const failed = runs.failures.find((f) => f.scenario === 'chair')?.error ?? null;
  // Run once per bench; a later run, if any, replaces it.
  const run = runs.chair?.at(-1);
  if (!run) return { ran: false as const, failed, skipped: runs.chairSkipped ?? null };
  const openingS = interactionMs(run.opening) / 1000;
  const all = group(run.items);
  return {
    ran: true as const,
    failed,
    low: group(run.items.filter((i) => i.riskLevel === 'LOW')),
    notLow: group(run.items.filter((i) => i.riskLevel !== 'LOW')),
    all,
    opening: { operations: run.opening.length, seconds: openingS, inputs: run.opening.map((o) => o.input) },
    listOperations: run.opening.length + sum(run.items.map((i) => i.operations.length)),
    listSeconds: openingS + sum(run.items.map((i) => interactionMs(i.operations))) / 1000,
    /** The same chair on a list of TARGET_ITEMS items like this one… */
    targetListSeconds: openingS + TARGET_ITEMS * all.secondsMean,
    /** …and on one where every item takes as long as this list's slowest. */
    targetListBoundSeconds: openingS + TARGET_ITEMS * all.secondsMax,
    wallSeconds: run.wallMs / 1000,
    steps: steps(run.items),
    verified: run.verified,
  };
}

export type ChairSummary = ReturnType<typeof chairSummary>;

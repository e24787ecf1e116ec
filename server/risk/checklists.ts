import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ChecklistFile, type Checklist } from '../../shared/api/assessments.js';
import type { RiskLevel } from '../../shared/domain.js';
import { DomainError } from '../domain/domain-error.js';

// The checklists agencies score (docs/architecture.md, Risk beyond the police scores). Their
// questions are licensed or local content, so they come from a file, validated when first read.

const DEFAULT_PATH = fileURLToPath(new URL('../../config/risk-checklists.json', import.meta.url));

const loaded = new Map<string, Checklist[]>();

/** The checklists in RISK_CHECKLISTS_FILE (default config/risk-checklists.json); a bad file stops with where it is wrong. */
export function loadChecklists(path = process.env.RISK_CHECKLISTS_FILE || DEFAULT_PATH): Checklist[] {
  const cached = loaded.get(path);
  if (cached) return cached;
  const parsed = ChecklistFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid checklist file:\n${z.prettifyError(parsed.error)}`);
  loaded.set(path, parsed.data.checklists);
  return parsed.data.checklists;
}

export interface ChecklistScore {
  score: number;
  level: RiskLevel;
  /** The questions answered yes, as their text. */
  yes: string[];
}

/** Scores a checklist: the weights of the questions answered yes, banded by the checklist's thresholds. Every question must be answered. */
export function scoreChecklist(checklist: Checklist, answers: Readonly<Record<string, boolean>>): ChecklistScore {
  const missing = checklist.questions.filter((q) => answers[q.id] === undefined);
  const unknown = Object.keys(answers).filter((id) => !checklist.questions.some((q) => q.id === id));
  const fields = [
    ...missing.map((q) => ({ field: `answers.${q.id}`, message: 'Answer yes or no' })),
    ...unknown.map((id) => ({ field: `answers.${id}`, message: `Not a question of ${checklist.name}` })),
  ];
  if (fields.length) throw new DomainError('invalid', 'VALIDATION_FAILED', 'Answer every question of the checklist, and only those', fields);
  const yes = checklist.questions.filter((q) => answers[q.id]);
  const score = yes.reduce((sum, q) => sum + q.weight, 0);
  const band = [...checklist.bands].reverse().find((b) => score >= b.from) ?? checklist.bands[0]!;
  return { score, level: band.level, yes: yes.map((q) => q.text) };
}

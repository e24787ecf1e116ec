import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/domain-error.js';
import { loadChecklists, scoreChecklist } from './checklists.js';

describe('configured checklists', () => {
  it('loads the shipped example, and bands a score by its thresholds', () => {
    const [example] = loadChecklists();
    expect(example?.id).toBe('example-family-safety');
    const answers = (yes: string[]) => Object.fromEntries(example!.questions.map((q) => [q.id, yes.includes(q.id)]));
    expect(scoreChecklist(example!, answers([]))).toMatchObject({ score: 0, level: 'LOW' });
    expect(scoreChecklist(example!, answers(['q1', 'q3', 'q4']))).toMatchObject({ score: 4, level: 'MEDIUM' });
    expect(scoreChecklist(example!, answers(['q1', 'q2', 'q5']))).toMatchObject({ score: 7, level: 'HIGH' });
  });

  it('refuses a file that does not parse, naming where', () => {
    expect(() => loadChecklists(new URL('../../package.json', import.meta.url).pathname)).toThrow(/not a valid checklist file/);
  });

  it('needs every question answered', () => {
    const [example] = loadChecklists();
    expect(() => scoreChecklist(example!, { q1: true })).toThrow(DomainError);
  });
});

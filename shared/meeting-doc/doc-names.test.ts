import { describe, expect, it } from 'vitest';
import { formatDocName, meetingDocName, parseDocName, planDocName, planPrivateDocName, prepDocName } from './doc-names.js';

describe('doc names', () => {
  const id = '3f6c1a9e-2b7d-4c1e-9a55-0d8e7f6a1b2c';

  it('builds and parses both kinds', () => {
    expect(meetingDocName(id)).toBe(`meeting:${id}`);
    expect(prepDocName(id, 'POLICE')).toBe(`prep:${id}:POLICE`);
    expect(parseDocName(`meeting:${id}`)).toEqual({ kind: 'meeting', meetingId: id });
    expect(parseDocName(`prep:${id}:ORANGA_TAMARIKI`)).toEqual({
      kind: 'prep',
      meetingId: id,
      agencyCode: 'ORANGA_TAMARIKI',
    });
    expect(parseDocName(`meeting:${'a'.repeat(64)}`)).not.toBeNull();
  });

  it('builds and parses a family plan and its private part, by case id', () => {
    expect(planDocName(id)).toBe(`plan:${id}`);
    expect(planPrivateDocName(id)).toBe(`plan-private:${id}`);
    expect(parseDocName(`plan:${id}`)).toEqual({ kind: 'plan', caseId: id });
    expect(parseDocName(`plan-private:${id}`)).toEqual({ kind: 'plan-private', caseId: id });
    expect(parseDocName(`plan:${id}:POLICE`)).toBeNull();
    expect(parseDocName('plan:../x')).toBeNull();
  });

  it.each([
    ['path traversal', 'meeting:../x'],
    ['lower-case agency', 'prep:id:lowercase'],
    ['empty', ''],
    ['empty id', 'meeting:'],
    ['kind only', 'meeting'],
    ['over-long id', `meeting:${'a'.repeat(65)}`],
    ['huge input', `meeting:${'a'.repeat(1_000_000)}`],
    ['extra segment (meeting)', 'meeting:id:POLICE'],
    ['extra segment (prep)', 'prep:id:POLICE:x'],
    ['prep without agency', 'prep:id'],
    ['prep with empty id', 'prep::POLICE'],
    ['one-letter agency', 'prep:id:P'],
    ['unknown kind', 'case:id'],
    ['upper-case kind', 'MEETING:id'],
    ['leading space', ' meeting:id'],
    ['trailing newline', 'meeting:id\n'],
    ['encoded slash', 'meeting:a%2Fb'],
    ['slash', 'meeting:a/b'],
    ['dot', 'meeting:a.b'],
    ['non-ASCII', 'meeting:Māori'],
  ])('rejects %s', (_label, name) => {
    expect(parseDocName(name)).toBeNull();
  });

  it('refuses to build a name the parser would reject', () => {
    expect(() => meetingDocName('a:b')).toThrow(/Invalid doc name/);
    expect(() => prepDocName(id, 'police')).toThrow(/Invalid doc name/);
    expect(() => formatDocName({ kind: 'meeting', meetingId: '' })).toThrow(/Invalid doc name/);
  });
});

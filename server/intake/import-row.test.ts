import { describe, expect, it } from 'vitest';
import { CsvRow, JsonRow, parseOccurredAt, parseRow } from './import-row.js';

const person = (givenName: string, familyName: string, dob = '', policePersonRef = '') => ({ givenName, familyName, dob, policePersonRef });

function csvRow(overrides: Record<string, unknown> = {}) {
  return {
    policeRef: 'T-1', occurredAt: '2025-03-01 21:40', area: 'Frankton', source: 'POLICE_FAMILY_HARM', summary: 'Summary.',
    personAtRisk: person('Mere', 'Tāne', '1990-01-01', 'PPRX-1'), personUsingViolence: person('Sam', "O'Brien", '1989-01-01', 'PPRX-2'),
    children: '', protectionOrder: '', strangulation: '', weapons: '', safvr: '', dyra: '',
    ...overrides,
  };
}

describe('parseOccurredAt', () => {
  it('reads a time without an offset as Pacific/Auckland, in daylight time and standard time', () => {
    expect(parseOccurredAt('2026-03-01 21:40')?.toISOString()).toBe('2026-03-01T08:40:00.000Z'); // NZDT +13
    expect(parseOccurredAt('2026-07-01T21:40')?.toISOString()).toBe('2026-07-01T09:40:00.000Z'); // NZST +12
  });

  it('keeps an explicit offset or Z', () => {
    expect(parseOccurredAt('2026-03-01T21:40:15+13:00')?.toISOString()).toBe('2026-03-01T08:40:15.000Z');
    expect(parseOccurredAt('2026-03-01 08:40Z')?.toISOString()).toBe('2026-03-01T08:40:00.000Z');
  });

  it('refuses a date alone, a bad date and free text', () => {
    expect(parseOccurredAt('2026-03-01')).toBeNull();
    expect(parseOccurredAt('2026-02-30 10:00')).toBeNull();
    expect(parseOccurredAt('last night')).toBeNull();
  });
});

describe('CSV row', () => {
  it('turns cells into typed values, with defaults for empty optional cells', () => {
    const parsed = parseRow(CsvRow, 2, csvRow());
    expect(parsed).toEqual({
      line: 2,
      row: expect.objectContaining({
        children: 0, protectionOrder: 'NONE', strangulation: false, weapons: false, safvr: null, dyra: null,
        personAtRisk: { givenName: 'Mere', familyName: 'Tāne', dob: '1990-01-01', policePersonRef: 'PPRX-1', ethnicity: null, iwi: [] },
      }),
    });
  });

  it('accepts spreadsheet spellings of flags and enums', () => {
    const parsed = parseRow(CsvRow, 2, csvRow({ strangulation: 'TRUE', weapons: 'False', dyra: 'high', source: 'corrections_release', safvr: ' 0.5 ' }));
    expect(parsed).toMatchObject({ row: { strangulation: true, weapons: false, dyra: 'HIGH', source: 'CORRECTIONS_RELEASE', safvr: 0.5 } });
  });

  it('stores names in composed form, so a typed-apart macron is one letter', () => {
    const parsed = parseRow(CsvRow, 2, csvRow({ personAtRisk: person('Ka\u0304ri', 'Te Ao', '', '') }));
    expect(parsed).toMatchObject({ row: { personAtRisk: { givenName: 'Kāri', dob: null, policePersonRef: null } } });
  });

  it('names every bad field of a row', () => {
    const parsed = parseRow(CsvRow, 7, csvRow({ safvr: '1.4', dyra: 'SEVERE', children: 'two', occurredAt: '2099-01-01 10:00' }));
    expect(parsed).toEqual(expect.arrayContaining([
      { line: 7, field: 'occurredAt', message: 'is in the future' },
      { line: 7, field: 'children', message: 'must be a whole number' },
      { line: 7, field: 'safvr', message: 'must be from 0 to 1' },
      { line: 7, field: 'dyra', message: 'must be one of LOW, MEDIUM, HIGH' },
    ]));
  });

  it('refuses the same person in both roles', () => {
    const sameRef = parseRow(CsvRow, 2, csvRow({ personUsingViolence: person('Someone', 'Else', '', 'PPRX-1') }));
    expect(sameRef).toEqual([{ line: 2, field: 'personUsingViolence.policePersonRef', message: 'is the same person as the person at risk' }]);
    const sameName = parseRow(CsvRow, 2, csvRow({ personAtRisk: person('Māka', 'Rua', '1990-01-01'), personUsingViolence: person('Maka', 'RUA', '1990-01-01') }));
    expect(sameName).toEqual([{ line: 2, field: 'personUsingViolence', message: 'has the same name and date of birth as the person at risk' }]);
  });

  it('requires the names, area, summary and a police reference without odd characters', () => {
    const parsed = parseRow(CsvRow, 3, csvRow({ policeRef: 'P 1;', area: ' ', personAtRisk: person('', 'Tāne') }));
    expect(parsed).toEqual(expect.arrayContaining([
      { line: 3, field: 'policeRef', message: 'letters, digits, and . / - only' },
      { line: 3, field: 'area', message: 'required' },
      { line: 3, field: 'personAtRisk.givenName', message: 'required' },
    ]));
  });
});

describe('JSON row', () => {
  const json = {
    policeRef: 'J-1', occurredAt: '2025-03-01T21:40', area: 'Huntly', source: 'POLICE_FAMILY_HARM', summary: 'S.',
    personAtRisk: { givenName: 'Tūī', familyName: 'Ngāwhika' }, personUsingViolence: { givenName: 'Nikau', familyName: 'Hara' },
  };

  it('defaults absent optional fields', () => {
    expect(parseRow(JsonRow, 1, json)).toMatchObject({ row: { children: 0, protectionOrder: 'NONE', weapons: false, safvr: null, dyra: null } });
  });

  it('wants typed values and no unknown keys', () => {
    const parsed = parseRow(JsonRow, 4, { ...json, children: '2', weapons: 'true', extra: 1 });
    expect(parsed).toEqual(expect.arrayContaining([
      { line: 4, field: 'children', message: 'must be a whole number' },
      { line: 4, field: 'weapons', message: 'must be true or false' },
      { line: 4, field: null, message: 'Unrecognized key: "extra"' },
    ]));
  });

  it('reports a missing required field as required', () => {
    const { summary: _omitted, ...rest } = json;
    expect(parseRow(JsonRow, 1, rest)).toEqual([{ line: 1, field: 'summary', message: 'required' }]);
  });
});

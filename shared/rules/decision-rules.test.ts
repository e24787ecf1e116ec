import { describe, expect, it } from 'vitest';
import type { ItemSnapshot } from '../meeting-doc/schemas.js';
import { decisionErrors, decisionWarnings, recordedBand } from './decision-rules.js';

const episode = (safvrBand: 'LOW' | 'MEDIUM' | 'HIGH' | null, dyra: 'LOW' | 'MEDIUM' | 'HIGH' | null = null) => ({
  policeRef: 'P000000001', occurredAt: '2026-11-22T01:00:00.000Z', area: 'Aranui', source: 'POLICE_FAMILY_HARM' as const,
  summary: '', childrenPresent: 0, protectionOrder: 'NONE' as const, weapons: false, strangulation: false,
  personAtRisk: { name: 'Mere Tūhoe', dob: null }, personUsingViolence: { name: 'Rāwiri Tūhoe', dob: null }, children: [],
  safvr: null, safvrBand, dyra,
});

function item(patch: Partial<ItemSnapshot>): ItemSnapshot {
  return {
    id: 'i1', caseId: 'c1', familyRef: 'CHC-W-0001', reason: 'NEW_EPISODE', episodes: [episode('MEDIUM')], lastDecidedRisk: null, rank: 'a0',
    status: 'PENDING', riskLevel: 'MEDIUM', pathway: 'NO_FURTHER_ACTION', leadAgency: null, flags: [], reportOfConcern: null, icmReview: null, decidedHash: null, decidedVersion: null,
    rationale: '', dissent: '', research: [], actions: [], ...patch,
  };
}
const fields = (i: ItemSnapshot) => decisionErrors(i).map((e) => e.field);
const action = { id: 'a1', type: 'SAFETY_PLAN', agency: 'OT', assignee: '', due: '2026-12-01', priority: 'STANDARD' as const, status: 'OPEN' as const, proposedBy: null, description: '' };

describe('decision rules', () => {
  it('passes a complete no-action decision at the tool band', () => {
    expect(decisionErrors(item({}))).toEqual([]);
  });

  it('needs a risk level and a pathway', () => {
    expect(fields(item({ riskLevel: null, pathway: null }))).toEqual(['riskLevel', 'pathway']);
  });

  it('needs a rationale when the level differs from the highest tool band', () => {
    expect(recordedBand(item({ episodes: [episode('LOW', 'HIGH'), episode('MEDIUM')] }))).toBe('HIGH');
    expect(fields(item({ riskLevel: 'HIGH' }))).toEqual(['rationale']);
    expect(fields(item({ riskLevel: 'HIGH', rationale: 'Strangulation disclosed at the meeting' }))).toEqual([]);
  });

  it('refuses text the records cannot hold, at its field', () => {
    const errors = decisionErrors(item({
      rationale: 'Seen\u0000', dissent: 'fine', research: [{ agency: 'OT', kind: 'FACT', legalBasis: 'FVA_S20', text: 'ok\u001b' }],
      actions: [{ ...action, description: 'Visit \ud83d' }],
    }));
    expect(errors).toEqual([
      { field: 'rationale', message: 'Retype this text: it contains a NUL character' },
      { field: 'research.OT.text', message: 'Retype this text: it contains the control character U+001B' },
      { field: 'actions.a1.description', message: expect.stringContaining('lone surrogate') },
    ]);
  });

  it('never lowers a recorded HIGH band silently', () => {
    const errors = decisionErrors(item({ episodes: [episode('HIGH')], riskLevel: 'MEDIUM' }));
    expect(errors).toEqual([{ field: 'rationale', message: expect.stringContaining('HIGH band is never lowered silently') }]);
  });

  it('needs a lead agency and an action for every pathway but NFA and information only', () => {
    expect(fields(item({ pathway: 'INFORMATION_ONLY' }))).toEqual([]);
    expect(fields(item({ pathway: 'LEAD_AGENCY_RESPONSE' }))).toEqual(['leadAgency', 'actions']);
    expect(fields(item({ pathway: 'REFER_ICM', leadAgency: 'POLICE', actions: [action] }))).toEqual([]);
  });

  it('needs each action to have an agency, a type and a due date', () => {
    const bare = { ...action, agency: null, type: ' ', due: null };
    expect(fields(item({ pathway: 'REFER_ICM', leadAgency: 'POLICE', actions: [bare] }))).toEqual([
      'actions.a1.agency', 'actions.a1.type', 'actions.a1.due',
    ]);
  });

  it('never lowers the family’s last decided level silently', () => {
    const lower = item({ lastDecidedRisk: 'HIGH', riskLevel: 'MEDIUM' });
    expect(decisionErrors(lower)).toEqual([{ field: 'rationale', message: expect.stringContaining('last decided level was HIGH') }]);
    expect(decisionErrors({ ...lower, rationale: 'Person using violence now in custody for two years' })).toEqual([]);
    // The same level or a higher one is no lowering.
    expect(fields(item({ lastDecidedRisk: 'MEDIUM', riskLevel: 'MEDIUM' }))).toEqual([]);
    expect(fields(item({ lastDecidedRisk: 'LOW', episodes: [episode(null)], riskLevel: 'MEDIUM' }))).toEqual([]);
  });

  it('needs the Report of Concern’s maker, date and reference when the pathway is a Report of Concern', () => {
    const roc = { pathway: 'OT_REPORT_OF_CONCERN' as const, leadAgency: 'OT', actions: [action] };
    expect(fields(item(roc))).toEqual(['reportOfConcern.by', 'reportOfConcern.on', 'reportOfConcern.reference']);
    expect(fields(item({ ...roc, reportOfConcern: { by: ' ', on: '2026-11-20', reference: '' } }))).toEqual(['reportOfConcern.by', 'reportOfConcern.reference']);
    expect(fields(item({ ...roc, reportOfConcern: { by: 'Hēmi Pāora-Whitcombe', on: '2026-11-20', reference: 'ROC-TEST-0042' } }))).toEqual([]);
  });

  it('warns, without refusing, when children were present and the risk is high', () => {
    const withChildren = { ...episode('HIGH'), childrenPresent: 1 };
    const high = item({ episodes: [withChildren], riskLevel: 'HIGH', pathway: 'NO_FURTHER_ACTION' });
    expect(decisionErrors(high)).toEqual([]);
    expect(decisionWarnings(high)).toEqual([{ field: 'pathway', message: expect.stringContaining('consider a Report of Concern') }]);
    expect(decisionWarnings({ ...high, pathway: 'OT_REPORT_OF_CONCERN' })).toEqual([]);
    expect(decisionWarnings({ ...high, riskLevel: 'MEDIUM' })).toEqual([]);
    expect(decisionWarnings({ ...high, episodes: [episode('HIGH')] })).toEqual([]);
  });

  it('needs an ICM review to continue or step down, with both services’ engagement and the progress', () => {
    const review = { reason: 'ICM_REVIEW' as const, pathway: 'CONTINUE_ICM' as const, leadAgency: 'POLICE', actions: [action] };
    expect(fields(item(review))).toEqual([
      'icmReview.victimSpecialist.status', 'icmReview.victimSpecialist.on', 'icmReview.perpetratorOutreach.status', 'icmReview.perpetratorOutreach.on', 'icmReview.progress',
    ]);
    const icmReview = {
      victimSpecialist: { status: 'ENGAGED' as const, on: '2026-11-24' }, perpetratorOutreach: { status: 'NOT_REACHED' as const, on: '2026-11-25' },
      progress: 'Safety plan reviewed with Hine; two strategies done.',
    };
    expect(fields(item({ ...review, icmReview }))).toEqual([]);
    expect(fields(item({ ...review, icmReview, pathway: 'LEAD_AGENCY_RESPONSE' }))).toEqual(['pathway']);
  });
});

import { describe, expect, it } from 'vitest';
import { actionChoices, agencyChoices, pathwayChoices } from './quickChoices.js';

describe('the decision type-ahead choices', () => {
  it('finds a pathway by the start of its words or its initials', () => {
    expect(pathwayChoices('lead')[0]).toMatchObject({ pathway: 'LEAD_AGENCY_RESPONSE', leadAgency: null });
    expect(pathwayChoices('nfa')[0]).toMatchObject({ pathway: 'NO_FURTHER_ACTION' });
    expect(pathwayChoices('icm').map((c) => c.pathway)).toEqual(['REFER_ICM', 'CONTINUE_ICM', 'STEP_DOWN_FROM_ICM']);
    expect(pathwayChoices('')).toHaveLength(9);
  });

  it('takes the lead agency in the same words, for pathways that need one', () => {
    expect(pathwayChoices('lead pol')[0]).toEqual({ pathway: 'LEAD_AGENCY_RESPONSE', leadAgency: 'POLICE', label: 'Lead agency response — led by Police' });
    expect(pathwayChoices('refer icm oranga')[0]).toMatchObject({ pathway: 'REFER_ICM', leadAgency: 'OT' });
    // Information only needs no lead agency: an agency word is not paired with it.
    expect(pathwayChoices('information police').map((c) => [c.pathway, c.leadAgency])).toEqual([['DEFER_FOR_INFORMATION', 'POLICE']]);
  });

  it('folds macrons both ways', () => {
    expect(agencyChoices('kainga')[0]?.code).toBe('HOUSING');
    expect(agencyChoices('Kāinga')[0]?.code).toBe('HOUSING');
    expect(agencyChoices('maori')[0]?.code).toBe('KAUPAPA_MAORI');
  });

  it('adds an action for the agency its first word names, or for the default agency', () => {
    expect(actionChoices('home visit', 'POLICE')[0]).toEqual({ type: 'Home visit', agency: 'POLICE', label: 'Home visit — Police' });
    expect(actionChoices('ot home', 'POLICE')[0]).toMatchObject({ type: 'Home visit', agency: 'OT' });
    expect(actionChoices('health: GP follow-up', 'POLICE').at(-1)).toMatchObject({ type: 'GP follow-up', agency: 'HEALTH' });
  });

  it('always offers what was typed, as written', () => {
    const choices = actionChoices('Whānau hui at the marae', 'IWI');
    expect(choices.at(-1)).toMatchObject({ type: 'Whānau hui at the marae', agency: 'IWI' });
    expect(actionChoices('safety plan', 'OT').map((c) => c.type)).toEqual(['Safety plan']);
    expect(actionChoices('   ', 'OT')[0]).toEqual({ type: 'Safety plan', agency: 'OT', label: 'Safety plan — OT' });
  });
});

import { foldName } from '../../../../shared/names.js';
import { Pathway, type AgencyCode } from '../../../../shared/domain.js';
import { pathwayNeedsAction } from '../../../../shared/rules/decision-rules.js';
import { AGENCIES, type AgencyInfo } from '../agencies.js';
import { ACTION_TYPE_SUGGESTIONS, PATHWAY_LABELS } from '../labels.js';

// What the chair's type-ahead pickers offer for a few typed letters: "lead pol" is a lead agency
// response led by Police, "ot home visit" a home visit for Oranga Tamariki. Every typed word must
// start a word of the choice (macrons folded), or appear in its initials ("nfa", "icm").

const MAX_CHOICES = 8;

function words(text: string): string[] {
  return foldName(text).split(/[^a-z0-9]+/).filter(Boolean);
}

export function queryTokens(query: string): string[] {
  return words(query);
}

interface Searchable {
  words: string[];
  initials: string;
}

function searchable(...texts: string[]): Searchable {
  const all = texts.flatMap(words);
  return { words: all, initials: texts.map((t) => words(t).map((w) => w[0]).join('')).join(' ') };
}

function matches(token: string, target: Searchable): boolean {
  return target.words.some((w) => w.startsWith(token)) || (token.length >= 2 && target.initials.includes(token));
}

const agencySearch = new Map(AGENCIES.map((a) => [a.code, searchable(a.name, a.short, a.code.replaceAll('_', ' '))]));
const pathwaySearch = new Map(Pathway.options.map((p) => [p, searchable(PATHWAY_LABELS[p])]));

function agenciesMatching(tokens: string[]): AgencyInfo[] {
  return AGENCIES.filter((a) => tokens.every((t) => matches(t, agencySearch.get(a.code)!)));
}

export interface PathwayChoice {
  pathway: Pathway;
  /** Set when the typed words also named the lead agency. */
  leadAgency: AgencyCode | null;
  label: string;
}

/** Pathways (and, for those that need one, a pathway with its lead agency) matching the query; all before anything is typed. */
export function pathwayChoices(query: string): PathwayChoice[] {
  const tokens = queryTokens(query);
  const choices: PathwayChoice[] = [];
  for (const pathway of Pathway.options) {
    const search = pathwaySearch.get(pathway)!;
    const rest = tokens.filter((t) => !matches(t, search));
    const label = PATHWAY_LABELS[pathway];
    if (rest.length === 0) choices.push({ pathway, leadAgency: null, label });
    else if (rest.length < tokens.length && pathwayNeedsAction(pathway)) {
      for (const agency of agenciesMatching(rest)) choices.push({ pathway, leadAgency: agency.code, label: `${label} — led by ${agency.short}` });
    }
  }
  if (tokens.length === 0) return choices;
  // With words beyond the pathway's, the choices that use them come first.
  const named = choices.some((c) => c.leadAgency);
  return (named ? [...choices.filter((c) => c.leadAgency), ...choices.filter((c) => !c.leadAgency)] : choices).slice(0, MAX_CHOICES);
}

/** Agencies matching the query; all of them before anything is typed. */
export function agencyChoices(query: string): AgencyInfo[] {
  const tokens = queryTokens(query);
  return tokens.length === 0 ? [...AGENCIES] : agenciesMatching(tokens).slice(0, MAX_CHOICES);
}

export interface ActionChoice {
  type: string;
  agency: AgencyCode;
  label: string;
}

/**
 * Actions for the typed words. A first word naming an agency assigns the action to it ("ot home
 * visit"); otherwise it goes to `defaultAgency`. Suggested types come first; what was typed is
 * always offered as written, since the type is free text. Before anything is typed, the suggestions.
 */
export function actionChoices(query: string, defaultAgency: AgencyCode): ActionChoice[] {
  const typed = query.trim().replace(/\s+/g, ' ');
  const defaultShort = AGENCIES.find((a) => a.code === defaultAgency)?.short ?? defaultAgency;
  if (!typed) return ACTION_TYPE_SUGGESTIONS.map((type) => ({ type, agency: defaultAgency, label: `${type} — ${defaultShort}` }));
  const [first = '', ...others] = typed.split(' ');
  const named = others.length > 0 ? agenciesMatching(queryTokens(first)) : [];
  const agency = named.length === 1 ? named[0]!.code : defaultAgency;
  const typeText = named.length === 1 ? others.join(' ').replace(/^[:\-–]\s*/, '') : typed;
  const tokens = queryTokens(typeText);
  if (tokens.length === 0) return [];
  const short = AGENCIES.find((a) => a.code === agency)?.short ?? agency;
  const suggested = ACTION_TYPE_SUGGESTIONS.filter((s) => tokens.every((t) => matches(t, searchable(s))));
  const types = suggested.some((s) => foldName(s) === foldName(typeText)) ? suggested : [...suggested, typeText];
  return types.slice(0, MAX_CHOICES).map((type) => ({ type, agency, label: `${type} — ${short}` }));
}

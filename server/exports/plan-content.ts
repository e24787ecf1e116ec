import type { PlanContent, PlanPrivateContent } from '../../shared/plan-doc/index.js';
import { STRATEGY_STATUS_LABELS } from '../../shared/plan-doc/index.js';
import { dateTime, shortDate } from './nz-format.js';
import type { Table } from './minutes-content.js';

// What a family safety plan export says, once for both its PDF and its Word document.

export interface PlanExport {
  reference: string;
  leadAgency: string | null;
  asAt: Date;
  content: PlanContent;
  /** Only in the lead agency's copy (the export is theirs alone). */
  privateContent: PlanPrivateContent | null;
}

export const planTitle = (p: PlanExport) => `Safety plan ${p.reference}`;
export const planSubtitle = (p: PlanExport) => `As at ${dateTime(p.asAt)} · lead agency ${p.leadAgency ?? 'none'}`;

/** The free-text sections in reading order, with the strategies' place marked by null. */
export function planSections(p: PlanExport): Array<readonly [string, string] | null> {
  const orNone = (text: string) => text.trim() || 'Nothing recorded.';
  return [
    ['Risks and needs', orNone(p.content.risks)],
    null,
    ['Children’s safety', orNone(p.content.children)],
    ...(p.privateContent
      ? [['Victim’s voice', orNone(p.privateContent.voice)] as const, ['Safe contact arrangements', orNone(p.privateContent.safeContact)] as const]
      : []),
    ['Review date', p.content.reviewDate ? shortDate(p.content.reviewDate) : 'Not set'],
  ];
}

export function strategiesTable(p: PlanExport, agencyName: (code: string) => string): Table {
  return {
    columns: [{ header: 'Strategy' }, { header: 'Responsible agency' }, { header: 'Due', oneLine: true }, { header: 'Status', oneLine: true }],
    rows: p.content.strategies.map((s) => [
      s.text || '—', s.agency ? agencyName(s.agency) : 'Not yet agreed', s.due ? shortDate(s.due) : '—', STRATEGY_STATUS_LABELS[s.status],
    ]),
  };
}

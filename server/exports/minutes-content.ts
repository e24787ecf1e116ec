import type { RiskLevel } from '../../shared/domain.js';
import {
  actionStatusLabel, flagLabel, itemStatusLabel, meetingKindLabel, modeLabel, pathwayLabel, priorityLabel,
  protectionOrderLabel, reasonLabel, riskLabel, roleLabel, sourceLabel,
} from './labels.js';
import type { ActionModel, FullItem, ItemModel, MinutesModel } from './minutes-model.js';
import { dateTime, longDate, shortDate, timeOnDay } from './nz-format.js';

// What the minutes say, as plain strings and rows: the SafeLives minutes checklist adapted to
// ISR. PDF, DOCX and Markdown only lay these out, so the three formats cannot drift apart.

export interface Column {
  header: string;
  /** Values the export words itself (dates, labels, references): each line kept whole, never wrapped. */
  oneLine?: true;
}

/** Each renderer sizes the columns to what they hold, in its own fonts (column-widths.ts). */
export interface Table {
  columns: readonly Column[];
  rows: string[][];
}

export type Fields = [label: string, value: string][];

export const CONFIDENTIALITY_NOTICE =
  'Information in these minutes was shared under Part 2 of the Family Violence Act 2018 (sections 20–22), '
  + 'section 66C of the Oranga Tamariki Act 1989 and the Privacy Act 2020, to assess and manage family violence risk. '
  + 'It may be used only for that purpose, kept only in the systems of the agencies present, and shared onward '
  + 'only as those Acts allow. Do not copy or forward these minutes beyond the people who need them to carry out '
  + 'the actions recorded here.';

export function minutesTitle(model: MinutesModel): { title: string; subtitle: string } {
  return {
    title: `${model.draft ? 'DRAFT ' : ''}Safety Assessment Meeting minutes`,
    subtitle: `Integrated Safety Response · ${model.meeting.site.name} · ${longDate(model.meeting.date)}`,
  };
}

export function actionsTitle(model: MinutesModel): { title: string; subtitle: string } {
  return {
    title: `${model.draft ? 'DRAFT ' : ''}Action list`,
    subtitle: `Integrated Safety Response · ${model.meeting.site.name} · SAM of ${longDate(model.meeting.date)}`,
  };
}

/** The short line at the top of every page. */
export function runningHead(model: MinutesModel, what: 'Minutes' | 'Action list'): string {
  const version = model.agency ? ` · ${model.agency.name} need-to-know version` : '';
  return `${what} · SAM ${model.meeting.site.name} · ${shortDate(model.meeting.date)}${version}`;
}

/** Notices that must stand out at the top of the document: a draft warning, the need-to-know scope. */
export function banners(model: MinutesModel): { text: string; alert: boolean }[] {
  return [
    ...(model.draft ? [{
      text: `DRAFT: the meeting is ${model.meeting.status === 'LIVE' ? 'still in progress' : 'not yet started'}. These are not the approved minutes.`,
      alert: true,
    }] : []),
    ...(model.agency ? [{
      text: `Need-to-know version for ${model.agency.name}. Full detail is given only for families where ${model.agency.name} `
        + 'is the lead agency or holds an action; other items show the outcome only.',
      alert: false,
    }] : []),
  ];
}

export function meetingFacts(model: MinutesModel): Fields {
  const m = model.meeting;
  const remote = m.remoteCount === 0 ? 'no one joined remotely' : `${m.remoteCount} joined remotely`;
  return [
    ['Site', m.site.name],
    ['Date', longDate(m.date)],
    ['Meeting', meetingKindLabel(m.kind)],
    ['Venue', `${m.venue ?? 'Not recorded'}; ${remote}`],
    ['Chair', m.chair ?? 'Not recorded'],
    ['Started', m.startedAt ? timeOnDay(m.startedAt, m.date) : 'Not started'],
    ['Closed', m.closedAt ? timeOnDay(m.closedAt, m.date) : 'Not closed'],
    ['Items', `${model.items.length} families discussed`],
  ];
}

export function attendanceTable(model: MinutesModel): Table {
  return {
    columns: [
      { header: 'Agency' }, { header: 'Name' }, { header: 'Role', oneLine: true },
      { header: 'Attended', oneLine: true }, { header: 'Confidentiality acknowledged', oneLine: true },
    ],
    rows: model.attendance.map((a) => [
      a.agency.name, a.name, roleLabel(a.role), modeLabel(a.mode),
      a.acknowledgedAt ? `Yes, ${timeOnDay(a.acknowledgedAt, model.meeting.date)}` : 'No',
    ]),
  };
}

export function apologiesText(model: MinutesModel): string {
  // Before anyone has joined, every agency would look absent: say nothing rather than something wrong.
  if (model.attendance.length === 0) return 'Not recorded.';
  return model.apologies.length === 0 ? 'None: every agency was represented.' : model.apologies.map((a) => a.name).join('; ');
}

export function itemHeading(item: ItemModel): { title: string; right: string } {
  const outcome = item.detail === 'full' ? item.decision : item.outcome;
  return {
    title: `${item.number}. ${item.familyRef}${item.detail === 'full' ? ` · ${reasonLabel(item.reason)}` : ''}`,
    right: outcome && item.status !== 'DEFERRED' ? `Risk ${riskLabel(outcome.riskLevel).toUpperCase()}` : itemStatusLabel(item.status),
  };
}

const safvrText = (score: number, band: RiskLevel | null) => `SAFVR ${score.toFixed(2)}${band ? ` (${riskLabel(band)})` : ''}`;

/** An item's lines: for a full item who, what happened, and what was decided; for a reduced one the outcome only. */
export function itemFacts(item: ItemModel): Fields {
  if (item.detail === 'reduced') {
    if (!item.outcome) return [['Outcome', itemStatusLabel(item.status)]];
    return [
      ['Risk level', riskLabel(item.outcome.riskLevel)],
      ['Pathway', pathwayLabel(item.outcome.pathway)],
      ['Lead agency', item.outcome.leadAgency?.name ?? 'None'],
      ...(item.status === 'DEFERRED' ? [['Status', 'Deferred'] as [string, string]] : []),
    ];
  }
  const fields: Fields = item.people.map((p) => [p.role, p.dob ? `${p.name} (born ${shortDate(p.dob)})` : p.name]);
  fields.push(...episodeFields(item), ['Flags', item.flags.length ? item.flags.map(flagLabel).join(', ') : 'None']);
  const tools = [
    item.tools.safvr ? safvrText(item.tools.safvr.score, item.tools.safvr.band) : '',
    item.tools.dyra ? `DYRA ${riskLabel(item.tools.dyra)}` : '',
  ].filter(Boolean).join(' · ');
  const d = item.decision;
  const deferred: Fields = item.status === 'DEFERRED' ? [['Deferred', item.deferReason || 'No reason recorded']] : [];
  if (!d) {
    fields.push(['Tool scores', tools || 'None recorded'], ...(deferred.length ? deferred : [['Outcome', itemStatusLabel(item.status)] as [string, string]]));
    return fields;
  }
  fields.push(
    ['Risk level', riskLabel(d.riskLevel)],
    ['Tool scores', tools || 'None recorded'],
    ['Rationale', d.rationale || 'None recorded'],
    ['Pathway', pathwayLabel(d.pathway)],
    ['Lead agency', d.leadAgency?.name ?? 'None'],
    ['Dissent', d.dissent || 'None recorded'],
  );
  fields.push(...deferred);
  const by = d.decidedBy ? ` by ${d.decidedBy}` : '';
  fields.push(['Decided', `${dateTime(d.decidedAt)}${by}${d.version > 1 ? ` (version ${d.version})` : ''}`]);
  return fields;
}

/** One line per episode: label, then when, where, what and the tool scores. */
function episodeFields(item: FullItem): Fields {
  return item.episodes.map((e) => {
    const facts = [
      e.childrenPresent > 0 ? `Children present: ${e.childrenPresent}` : '',
      e.protectionOrder !== 'NONE' ? `Protection order: ${protectionOrderLabel(e.protectionOrder).toLowerCase()}` : '',
      e.weapons ? 'Weapons' : '',
      e.strangulation ? 'Strangulation' : '',
      e.safvr !== null ? safvrText(e.safvr, e.safvrBand) : '',
      e.dyra ? `DYRA ${riskLabel(e.dyra)}` : '',
    ].filter(Boolean).join(' · ');
    const head = `${dateTime(new Date(e.occurredAt))}, ${e.area} (${sourceLabel(e.source)}).`;
    return [`Episode ${e.policeRef}`, [head, e.summary, facts && `${facts}.`].filter(Boolean).join(' ')];
  });
}

/** "Type: description" exactly as typed; either part may be empty. */
const actionText = (a: ActionModel) => [a.type, a.description].filter((part) => part.trim() !== '').join(': ');
const statusText = (a: ActionModel) => (a.outcomeNote ? `${actionStatusLabel(a.status)}. ${a.outcomeNote}` : actionStatusLabel(a.status));

export function actionsTable(actions: readonly ActionModel[]): Table {
  return {
    columns: [
      { header: 'Agency' }, { header: 'Action' }, { header: 'Owner' },
      { header: 'Due', oneLine: true }, { header: 'Priority', oneLine: true }, { header: 'Status' },
    ],
    rows: actions.map((a) => [
      a.agency.name, actionText(a), a.assignee ?? 'Unassigned', shortDate(a.due), priorityLabel(a.priority), statusText(a),
    ]),
  };
}

export function carriedOverTable(actions: readonly ActionModel[]): Table {
  return {
    columns: [
      { header: 'Family', oneLine: true }, { header: 'Agency' }, { header: 'Action' },
      { header: 'Agreed', oneLine: true }, { header: 'Due', oneLine: true }, { header: 'Status and reason' },
    ],
    rows: actions.map((a) => [
      a.familyRef, a.agency.name, actionText(a), a.agreedOn ? shortDate(a.agreedOn) : 'Between meetings',
      shortDate(a.due), statusText(a),
    ]),
  };
}

/** The action list's table for one agency's group (the agency is the group's heading). */
export function actionListTable(actions: readonly ActionModel[]): Table {
  return {
    columns: [
      { header: 'Family', oneLine: true }, { header: 'Action' }, { header: 'Owner' },
      { header: 'Due', oneLine: true }, { header: 'Priority', oneLine: true }, { header: 'Status' },
    ],
    rows: actions.map((a) => [
      a.carriedOver ? `${a.familyRef}\n(carried over)` : a.familyRef, actionText(a), a.assignee ?? 'Unassigned',
      shortDate(a.due), priorityLabel(a.priority), statusText(a),
    ]),
  };
}

/** Consecutive actions of the same agency, in list order. */
export function groupByAgency(actions: readonly ActionModel[]): { agency: ActionModel['agency']; actions: ActionModel[] }[] {
  const groups: { agency: ActionModel['agency']; actions: ActionModel[] }[] = [];
  for (const a of actions) {
    const last = groups[groups.length - 1];
    if (last && last.agency.code === a.agency.code) last.actions.push(a);
    else groups.push({ agency: a.agency, actions: [a] });
  }
  return groups;
}

import {
  actionsTable, apologiesText, attendanceTable, banners, carriedOverTable, CONFIDENTIALITY_NOTICE, itemFacts,
  itemHeading, meetingFacts, minutesTitle, type Fields, type Table,
} from './minutes-content.js';
import type { MinutesModel } from './minutes-model.js';
import type { Stamp } from './watermark.js';

// Record text comes from people typing in a meeting: escape what Markdown would read as syntax
// (emphasis, links, raw HTML, table pipes), so a value always renders as the words typed.
const escape = (text: string) => text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
const cell = (text: string) => escape(text).replace(/\s*\r?\n\s*/g, ' ');
// A line break inside a list item: a hard break, then the item's indent.
const inline = (text: string) => escape(text).replace(/\r?\n/g, '  \n  ');

function table({ columns, rows }: Table): string[] {
  return [
    `| ${columns.map((c) => cell(c.header)).join(' | ')} |`,
    `|${columns.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ];
}

const fields = (rows: Fields) => [...rows.map(([label, value]) => `- **${escape(label)}:** ${inline(value)}`), ''];

/** The minutes as CommonMark with GitHub tables; the first line is the copy's watermark. */
export function minutesMarkdown(model: MinutesModel, stamp: Stamp): Buffer {
  const { title, subtitle } = minutesTitle(model);
  const lines: string[] = [
    `**RESTRICTED** · ${escape(stamp.line)}`,
    '',
    `# ${escape(title)}`,
    '',
    escape(subtitle),
    '',
    ...banners(model).flatMap((b) => [`> ${b.alert ? '**' : ''}${escape(b.text)}${b.alert ? '**' : ''}`, '']),
    ...fields(meetingFacts(model)),
    '## Confidentiality',
    '',
    escape(CONFIDENTIALITY_NOTICE),
    '',
    '## Attendance',
    '',
    ...(model.attendance.length ? table(attendanceTable(model)) : ['No attendance recorded.', '']),
    '## Apologies',
    '',
    escape(apologiesText(model)),
    '',
    '## Families discussed',
    '',
  ];
  if (model.items.length === 0) lines.push('No items on the list.', '');
  for (const item of model.items) {
    const head = itemHeading(item);
    lines.push(`### ${escape(head.title)} — ${escape(head.right)}`, '', ...fields(itemFacts(item)));
    if (item.detail === 'reduced') continue;
    lines.push(...(item.actions.length ? ['**Actions**', '', ...table(actionsTable(item.actions))] : ['No actions.', '']));
  }
  lines.push('## Carried-over actions', '');
  lines.push(...(model.carriedOver.length ? table(carriedOverTable(model.carriedOver)) : ['None outstanding from earlier meetings.', '']));
  return Buffer.from(lines.join('\n'), 'utf8');
}

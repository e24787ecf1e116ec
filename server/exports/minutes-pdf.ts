import {
  actionsTable, apologiesText, attendanceTable, banners, carriedOverTable, CONFIDENTIALITY_NOTICE,
  itemFacts, itemHeading, meetingFacts, minutesTitle, runningHead, type Table,
} from './minutes-content.js';
import type { ItemModel, MinutesModel } from './minutes-model.js';
import { PdfWriter } from './pdf-layout.js';
import type { Stamp } from './watermark.js';

/** The minutes as an A4 PDF with embedded fonts. */
export async function minutesPdf(model: MinutesModel, stamp: Stamp): Promise<Buffer> {
  const { title, subtitle } = minutesTitle(model);
  const pdf = new PdfWriter({
    title: `${title} – ${subtitle}`, subject: 'Integrated Safety Response: Safety Assessment Meeting minutes',
    running: runningHead(model, 'Minutes'), stamp: stamp.line, draft: model.draft, createdAt: stamp.at,
  });
  pdf.title(title, subtitle);
  for (const b of banners(model)) pdf.banner(b.text, b.alert);
  pdf.fields(meetingFacts(model));
  pdf.notice('Confidentiality', CONFIDENTIALITY_NOTICE);

  pdf.heading('Attendance');
  if (model.attendance.length) pdf.table(attendanceTable(model));
  else pdf.paragraph('No attendance recorded.', { muted: true });
  pdf.heading('Apologies');
  pdf.paragraph(apologiesText(model));

  pdf.heading('Families discussed');
  if (model.items.length === 0) pdf.paragraph('No items on the list.', { muted: true });
  const actionTables = new Map<ItemModel, Table>();
  for (const item of model.items) if (item.detail === 'full' && item.actions.length) actionTables.set(item, actionsTable(item.actions));
  // One set of widths for every item's actions, so the columns line up from family to family.
  const actionWidths = pdf.columnWidths([...actionTables.values()]);
  for (const item of model.items) {
    const head = itemHeading(item);
    pdf.bar(head.title, head.right);
    pdf.fields(itemFacts(item));
    if (item.detail === 'reduced') continue;
    const actions = actionTables.get(item);
    if (actions) pdf.table(actions, actionWidths);
    else pdf.paragraph('No actions.', { muted: true });
  }

  pdf.heading('Carried-over actions');
  if (model.carriedOver.length) pdf.table(carriedOverTable(model.carriedOver));
  else pdf.paragraph('None outstanding from earlier meetings.', { muted: true });
  return pdf.finish();
}

import { actionListTable, actionsTitle, banners, groupByAgency, runningHead } from './minutes-content.js';
import { actionListOf, type MinutesModel } from './minutes-model.js';
import { longDate } from './nz-format.js';
import { PdfWriter } from './pdf-layout.js';
import type { Stamp } from './watermark.js';

/** The action list as a landscape PDF, one group per agency, soonest due first. */
export async function actionsPdf(model: MinutesModel, stamp: Stamp): Promise<Buffer> {
  const { title, subtitle } = actionsTitle(model);
  const actions = actionListOf(model);
  const pdf = new PdfWriter({
    title: `${title} – ${subtitle}`, subject: 'Integrated Safety Response: SAM action list',
    running: runningHead(model, 'Action list'), stamp: stamp.line, draft: model.draft, createdAt: stamp.at, landscape: true,
  });
  pdf.title(title, subtitle);
  for (const b of banners(model)) pdf.banner(b.text, b.alert);
  const carried = actions.filter((a) => a.carriedOver).length;
  pdf.fields([
    ['Meeting', `${model.meeting.site.name}, ${longDate(model.meeting.date)}`],
    ['Actions', `${actions.length - carried} agreed at this meeting; ${carried} carried over from earlier meetings`],
  ]);
  const groups = groupByAgency(actions).map((group) => ({ ...group, table: actionListTable(group.actions) }));
  if (groups.length === 0) pdf.paragraph('No actions.', { muted: true });
  // One set of widths for every agency's table, so the columns line up down the list.
  const widths = pdf.columnWidths(groups.map((g) => g.table));
  for (const group of groups) {
    pdf.bar(group.agency.name, `${group.actions.length} ${group.actions.length === 1 ? 'action' : 'actions'}`);
    pdf.table(group.table, widths);
  }
  return pdf.finish();
}

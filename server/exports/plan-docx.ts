import { HeadingLevel, Paragraph, TextRun, type Table as DocxTable } from 'docx';
import { heading, packDocx, plain, table } from './minutes-docx.js';
import { planSections, planSubtitle, planTitle, strategiesTable, type PlanExport } from './plan-content.js';
import type { Stamp } from './watermark.js';

/** A whānau's safety plan as a Word document its lead agency can work from. */
export async function planDocx(plan: PlanExport, stamp: Stamp, agencyName: (code: string) => string): Promise<Buffer> {
  const title = planTitle(plan);
  const body: (Paragraph | DocxTable)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    plain(planSubtitle(plan), true),
  ];
  for (const section of planSections(plan)) {
    if (section === null) {
      body.push(heading('Strategies'));
      body.push(plan.content.strategies.length ? table(strategiesTable(plan, agencyName)) : plain('None yet.', true));
      continue;
    }
    body.push(heading(section[0]), plain(section[1]));
  }
  return packDocx({ title: `${title} – ${planSubtitle(plan)}`, running: title, mark: 'RESTRICTED', stamp, body });
}

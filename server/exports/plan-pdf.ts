import { PdfWriter } from './pdf-layout.js';
import { planSections, planSubtitle, planTitle, strategiesTable, type PlanExport } from './plan-content.js';
import type { Stamp } from './watermark.js';

/** A whānau's safety plan as its lead agency takes it away. */
export async function planPdf(plan: PlanExport, stamp: Stamp, agencyName: (code: string) => string): Promise<Buffer> {
  const title = planTitle(plan);
  const pdf = new PdfWriter({
    title, subject: 'Integrated Safety Response: family safety plan', running: title, stamp: stamp.line, draft: false, createdAt: stamp.at,
  });
  pdf.title(title, planSubtitle(plan));
  for (const section of planSections(plan)) {
    if (section === null) {
      pdf.heading('Strategies');
      if (plan.content.strategies.length === 0) pdf.paragraph('None yet.', { muted: true });
      else pdf.table(strategiesTable(plan, agencyName));
      continue;
    }
    pdf.heading(section[0]);
    pdf.paragraph(section[1]);
  }
  return pdf.finish();
}

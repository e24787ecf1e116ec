import type { CaseRecord } from '../../shared/api/records.js';
import { CASE_STATUS_LABELS, DISCLOSURE_KIND_LABELS, LEGAL_BASIS_LABELS, MEMBER_ROLE_LABELS } from '../../shared/labels.js';
import { actionStatusLabel, pathwayLabel, riskLabel, sourceLabel } from './labels.js';
import { dateTime, longDate, shortDate } from './nz-format.js';
import { PdfWriter } from './pdf-layout.js';
import type { Stamp } from './watermark.js';

/** A whānau's whole record as the lead agency takes it away: people, episodes, decisions, actions, disclosures. */
export async function caseRecordPdf(record: CaseRecord, stamp: Stamp): Promise<Buffer> {
  const pdf = new PdfWriter({
    title: `Whānau record ${record.reference}`, subject: 'Integrated Safety Response: whānau record',
    running: `Whānau record ${record.reference}`, stamp: stamp.line, draft: false, createdAt: stamp.at, landscape: true,
  });
  pdf.title(`Whānau record ${record.reference}`, `As at ${dateTime(stamp.at)}`);
  pdf.fields([
    ['Status', CASE_STATUS_LABELS[record.status]],
    ['Current risk', record.currentRisk ? riskLabel(record.currentRisk) : 'Not yet assessed'],
    ['Lead agency', record.leadAgency?.name ?? 'None'],
    ['Flags', record.flags.join(', ') || 'None'],
  ]);

  pdf.heading('People');
  pdf.table({
    columns: [{ header: 'Name' }, { header: 'Role', oneLine: true }, { header: 'Born', oneLine: true }, { header: 'Iwi' }, { header: 'Preferred kaupapa Māori provider' }],
    rows: record.people.map((p) => [p.name, MEMBER_ROLE_LABELS[p.role], p.dob ? shortDate(p.dob) : '—', p.iwiAffiliations.join(', ') || '—', p.preferredKaupapaProvider ?? '—']),
  });

  pdf.heading('Episodes');
  if (record.episodes.length === 0) pdf.paragraph('None.', { muted: true });
  else pdf.table({
    columns: [{ header: 'When', oneLine: true }, { header: 'Police ref', oneLine: true }, { header: 'Source' }, { header: 'Area' }, { header: 'Summary' }],
    rows: record.episodes.map((e) => [dateTime(new Date(e.occurredAt)), e.policeRef, sourceLabel(e.source), e.area, e.summary]),
  });

  pdf.heading('Meetings and decisions');
  if (record.meetings.length === 0) pdf.paragraph('Not yet discussed at a meeting.', { muted: true });
  for (const m of record.meetings) {
    pdf.bar(longDate(m.date), m.status);
    for (const d of m.decisions) {
      pdf.fields([
        ['Version', `${d.version}${d.superseded ? ' (superseded)' : ''}, decided ${dateTime(new Date(d.decidedAt))}`],
        ['Risk and pathway', `${riskLabel(d.riskLevel)} · ${pathwayLabel(d.pathway)}${d.leadAgency ? ` · lead ${d.leadAgency}` : ''}`],
        ['Rationale', d.rationale || '—'],
        ['Dissent', d.dissent || 'None recorded'],
      ]);
    }
  }

  pdf.heading('Actions');
  if (record.actions.length === 0) pdf.paragraph('None.', { muted: true });
  else pdf.table({
    columns: [{ header: 'Due', oneLine: true }, { header: 'Agency' }, { header: 'Action' }, { header: 'Status', oneLine: true }, { header: 'Outcome and history' }],
    rows: record.actions.map((a) => [
      shortDate(a.dueDate), a.agency.name, `${a.type}: ${a.description}`, actionStatusLabel(a.status),
      [a.outcomeNote ?? '', ...a.history.map((h) => `${dateTime(new Date(h.at))} ${h.by}: ${h.from ? actionStatusLabel(h.from) : '—'} → ${actionStatusLabel(h.to)}`)].filter(Boolean).join('\n') || '—',
    ]),
  });

  pdf.heading('Disclosures register');
  if (record.disclosures.length === 0) pdf.paragraph('No agency has shared or withheld information on this whānau.', { muted: true });
  else pdf.table({
    columns: [{ header: 'Meeting', oneLine: true }, { header: 'Agency' }, { header: 'Shared or withheld', oneLine: true }, { header: 'Fact or opinion', oneLine: true }, { header: 'Legal basis' }, { header: 'What, or why withheld' }],
    rows: record.disclosures.map((d) => [
      shortDate(d.meetingDate), d.agency.name, d.status === 'SHARED' ? 'Shared' : 'Withheld',
      d.kind ? DISCLOSURE_KIND_LABELS[d.kind] : '—', d.legalBasis ? LEGAL_BASIS_LABELS[d.legalBasis] : '—',
      (d.status === 'SHARED' ? d.content : d.withheldReason) ?? '—',
    ]),
  });
  return pdf.finish();
}

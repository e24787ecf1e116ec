import type { MaskedText, PrivacyReport } from '../../shared/api/privacy.js';
import { stampTime } from '../exports/nz-format.js';
import { PdfWriter } from '../exports/pdf-layout.js';

// The privacy report as a person would read it: the same content as the JSON, section by section,
// each withholding marked where it is and listed at the end.

const text = (m: MaskedText | null) => (m === null ? '—' : m.text || '—');
const person = (r: PrivacyReport) => [r.person.preferredName ?? r.person.givenName, r.person.familyName].join(' ');

export async function privacyPdf(report: PrivacyReport): Promise<Buffer> {
  const generatedAt = new Date(report.generatedAt);
  const pdf = new PdfWriter({
    title: `Personal information held about ${person(report)}`, subject: `Privacy request ${report.requestRef}`,
    running: `Privacy request ${report.requestRef}`, stamp: `Prepared by ${report.generatedBy} · ${stampTime(generatedAt)} · confidential`,
    draft: false, createdAt: generatedAt, landscape: true,
  });
  pdf.title(`Personal information held about ${person(report)}`, `${report.site.name} Integrated Safety Response · privacy request ${report.requestRef}`);
  pdf.banner('Information about other people is withheld (Privacy Act 2020, s 53(b)); each place is marked “[withheld: another person]” and listed at the end.', false);

  pdf.heading('The person');
  const p = report.person;
  pdf.fields([
    ['Name', `${p.givenName} ${p.familyName}${p.preferredName ? ` (known as ${p.preferredName})` : ''}`],
    ['Date of birth', p.dob ?? 'not recorded'],
    ['Gender', p.gender], ['Ethnicity', p.ethnicity ?? 'not recorded'], ['Iwi', p.iwiAffiliations.join(', ') || 'none recorded'],
    ['Police person reference', p.policePersonRef ?? 'none'],
    ['Name hidden', p.hiddenName ? `yes: ${p.hiddenNameReason ?? 'no reason recorded'}` : 'no'],
  ]);

  const section = (title: string, headers: string[], rows: string[][]) => {
    pdf.heading(title);
    if (rows.length === 0) pdf.paragraph('None.', { muted: true });
    else pdf.table({ columns: headers.map((header) => ({ header })), rows });
  };
  section('Families', ['Case', 'Role', 'Status', 'Current risk', 'Lead agency', 'Other members'],
    report.cases.map((c) => [c.reference, c.role, c.status, c.currentRisk ?? '—', c.leadAgency ?? '—', `${c.otherMembers.length}, withheld`]));
  section('Episodes', ['Police reference', 'When', 'Role', 'Area', 'Summary'],
    report.episodes.map((e) => [e.policeRef, e.occurredAt.slice(0, 16).replace('T', ' '), e.role, e.area, text(e.summary)]));
  section('Risk assessments', ['Tool', 'Level', 'Band', 'Agency', 'When'],
    report.riskAssessments.map((r) => [r.tool, r.level ?? '—', r.band ?? '—', r.agency ?? '—', r.assessedAt.slice(0, 10)]));
  section('Decisions', ['Case', 'Meeting', 'Version', 'Risk', 'Pathway', 'Lead', 'Rationale', 'Dissent'],
    report.decisions.map((d) => [d.caseReference, d.meetingDate, `${d.version}${d.superseded ? ' (superseded)' : ''}`, d.riskLevel, d.pathway, d.leadAgency ?? '—', text(d.rationale), text(d.dissent)]));
  section('Actions', ['Case', 'Agency', 'Type', 'Description', 'Due', 'Status'],
    report.actions.map((a) => [a.caseReference, a.agency, a.type, text(a.description), a.dueDate, a.status]));
  section('Information shared or withheld by agencies', ['Case', 'Agency', 'Status', 'Kind', 'Legal basis', 'Content or reason'],
    report.disclosures.map((d) => [d.caseReference, d.agency, d.status, d.kind ?? '—', d.legalBasis ?? '—', text(d.content ?? d.withheldReason)]));
  section('Meetings and stored minutes', ['Meeting', 'Kind', 'Case', 'Stored minutes versions'],
    report.minutes.map((m) => [m.meetingDate, m.meetingKind, m.caseReference, m.versions.map((v) => `${v.format}${v.agency ? ` (${v.agency})` : ''}`).join(', ') || 'none']));
  section('Audit trail', ['#', 'When', 'What', 'By'], report.audit.map((a) => [a.seq, a.at.slice(0, 19).replace('T', ' '), a.action, a.actor]));
  section('Correction requests', ['Reference', 'Received', 'Asked for', 'Decision', 'Correction made or statement attached'],
    report.corrections.map((c) => [
      c.requestRef, c.receivedAt.slice(0, 10), c.requestedChange, c.status,
      c.correction ? Object.entries(c.correction).map(([k, v]) => `${k}: ${v.from ?? '—'} → ${v.to ?? '—'}`).join('; ') : c.statement ?? '—',
    ]));
  section('What was withheld', ['Where', 'What', 'Ground'], report.withholdings.map((w) => [w.where, w.what, w.ground]));
  return pdf.finish();
}

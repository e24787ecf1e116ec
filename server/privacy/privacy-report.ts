import type { MaskedText, PrivacyReport, Withholding } from '../../shared/api/privacy.js';
import { isoDateOf } from '../../shared/nz-time.js';
import type { Db } from '../db/client.js';
import { listCorrections } from './corrections.js';
import { nameMasker } from './name-mask.js';

// Everything SAM Room holds about one person of a site, for a privacy request (IPP 6): their
// record, their families, the episodes they were part of, and every decision, action, disclosure,
// minutes version and audit event about those families. Other people's details are withheld
// (Privacy Act 2020, s 53(b)): other family members appear only as their role, the other party
// of an episode not at all, and their names in free text are replaced, each withholding listed.

const GROUND = 'Privacy Act 2020, s 53(b): would disclose information about another person';

export async function buildPrivacyReport(db: Db, personId: string, requestRef: string, generatedBy: string, now = new Date()): Promise<PrivacyReport> {
  const person = await db.person.findUniqueOrThrow({
    where: { id: personId },
    include: { site: true, memberships: { include: { case: { include: { leadAgency: true, members: { include: { person: true } } } } } } },
  });
  const caseIds = person.memberships.map((m) => m.caseId);
  const episodes = await db.episode.findMany({
    where: { siteId: person.siteId, OR: [{ personAtRiskId: personId }, { personUsingViolenceId: personId }] },
    include: { personAtRisk: true, personUsingViolence: true },
    orderBy: { occurredAt: 'asc' },
  });
  // Everyone else in the person's families and episodes: their names are what is masked.
  const others = [
    ...person.memberships.flatMap((m) => m.case.members.map((x) => x.person)),
    ...episodes.flatMap((e) => [e.personAtRisk, e.personUsingViolence]),
  ].filter((p): p is NonNullable<typeof p> => p !== null && p.id !== personId);
  const ownNames = new Set([person.givenName, person.familyName, person.preferredName].filter((n): n is string => !!n).map((n) => n.toLowerCase()));
  // A name the person shares (a family name) is theirs too: masking it would withhold their own.
  const mask = nameMasker(others.flatMap((p) => [p.givenName, p.familyName, p.preferredName ?? '']).filter((n) => !ownNames.has(n.toLowerCase())));
  const withholdings: Withholding[] = [];
  const masked = (where: string, text: string): MaskedText => {
    const m = mask(text);
    if (m.withheld > 0) withholdings.push({ where, what: `${m.withheld} mention${m.withheld === 1 ? '' : 's'} of another person's name`, ground: GROUND });
    return m;
  };

  const cases = person.memberships.map((m) => {
    const otherMembers = m.case.members.filter((x) => x.personId !== personId).map((x) => ({ role: x.role, withheld: true as const }));
    if (otherMembers.length > 0) withholdings.push({ where: `Case ${m.case.reference}`, what: `${otherMembers.length} other family member${otherMembers.length === 1 ? '' : 's'}' details`, ground: GROUND });
    return {
      reference: m.case.reference, status: m.case.status, role: m.role, currentRisk: m.case.currentRisk, leadAgency: m.case.leadAgency?.code ?? null, otherMembers,
    };
  });

  const episodeViews = episodes.map((e) => {
    const role = e.personAtRiskId === personId ? 'PERSON_AT_RISK' : 'PERSON_USING_VIOLENCE';
    const other = role === 'PERSON_AT_RISK' ? e.personUsingViolenceId : e.personAtRiskId;
    if (other) withholdings.push({ where: `Episode ${e.policeRef}`, what: 'the other person in the episode', ground: GROUND });
    return {
      policeRef: e.policeRef, occurredAt: e.occurredAt.toISOString(), area: e.area, source: e.source, role,
      summary: masked(`Episode ${e.policeRef}: summary`, e.summary), otherPartyWithheld: other !== null,
    };
  });

  const risk = await db.riskAssessment.findMany({
    where: { OR: [{ personId }, { episodeId: { in: episodes.map((e) => e.id) } }] }, include: { agency: true }, orderBy: { assessedAt: 'asc' },
  });
  const decisions = await db.decision.findMany({
    where: { caseId: { in: caseIds } }, include: { case: true, leadAgency: true, agendaItem: { include: { meeting: true } } }, orderBy: [{ decidedAt: 'asc' }, { version: 'asc' }],
  });
  const actions = await db.action.findMany({ where: { caseId: { in: caseIds } }, include: { case: true, agency: true }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] });
  const disclosures = await db.disclosure.findMany({ where: { caseId: { in: caseIds } }, include: { case: true, agency: true }, orderBy: { disclosedAt: 'asc' } });
  const items = await db.agendaItem.findMany({
    where: { caseId: { in: caseIds } },
    include: { case: true, meeting: { include: { minutes: { include: { agency: true }, orderBy: { createdAt: 'asc' } } } } },
    orderBy: { meeting: { date: 'asc' } },
  });
  const audit = await db.auditEvent.findMany({
    where: { subjectId: { in: [personId, ...caseIds] } }, orderBy: { seq: 'asc' },
    select: { seq: true, at: true, action: true, actorLabel: true, subjectType: true },
  });

  return {
    requestRef, generatedAt: now.toISOString(), generatedBy,
    site: { code: person.site.code, name: person.site.name },
    person: {
      id: person.id, givenName: person.givenName, familyName: person.familyName, preferredName: person.preferredName,
      dob: person.dob ? isoDateOf(person.dob) : null, gender: person.gender, ethnicity: person.ethnicity, iwiAffiliations: person.iwiAffiliations,
      policePersonRef: person.policePersonRef, hiddenName: person.hiddenName, hiddenNameReason: person.hiddenNameReason, recordedAt: person.createdAt.toISOString(),
    },
    cases,
    episodes: episodeViews,
    riskAssessments: risk.map((r) => ({ tool: r.tool, level: r.level, band: r.band, agency: r.agency?.code ?? null, assessedAt: r.assessedAt.toISOString() })),
    decisions: decisions.map((d) => {
      const where = `Decision on ${d.case.reference}, version ${d.version}`;
      return {
        caseReference: d.case.reference, meetingDate: isoDateOf(d.agendaItem.meeting.date), version: d.version, decidedAt: d.decidedAt.toISOString(),
        riskLevel: d.riskLevel, pathway: d.pathway, leadAgency: d.leadAgency?.code ?? null,
        rationale: masked(`${where}: rationale`, d.rationale), dissent: masked(`${where}: dissent`, d.dissent), superseded: d.supersededAt !== null,
      };
    }),
    actions: actions.map((a) => ({
      caseReference: a.case.reference, agency: a.agency.code, type: a.type, description: masked(`Action on ${a.case.reference} (${a.agency.code})`, a.description),
      dueDate: isoDateOf(a.dueDate), status: a.status,
    })),
    disclosures: disclosures.map((d) => {
      const where = `${d.agency.code} disclosure on ${d.case.reference}`;
      return {
        caseReference: d.case.reference, agency: d.agency.code, status: d.status, kind: d.kind, legalBasis: d.legalBasis,
        content: d.content === null ? null : masked(`${where}: content`, d.content),
        withheldReason: d.withheldReason === null ? null : masked(`${where}: reason withheld`, d.withheldReason),
      };
    }),
    minutes: items.map((i) => ({
      meetingDate: isoDateOf(i.meeting.date), meetingKind: i.meeting.kind, caseReference: i.case.reference,
      versions: i.meeting.minutes.map((v) => ({ id: v.id, format: v.format, agency: v.agency?.code ?? null, createdAt: v.createdAt.toISOString() })),
    })),
    audit: audit.map((a) => ({ seq: a.seq.toString(), at: a.at.toISOString(), action: a.action, actor: a.actorLabel, subjectType: a.subjectType })),
    corrections: await listCorrections({ db }, personId),
    withholdings,
  };
}

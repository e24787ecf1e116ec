import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/db/schema-engine.js';
import { pathwayLabel } from '../../server/exports/labels.js';
import { minutesDocx } from '../../server/exports/minutes-docx.js';
import { minutesMarkdown } from '../../server/exports/minutes-markdown.js';
import { loadMinutesModel } from '../../server/exports/minutes-model.js';
import { minutesPdf } from '../../server/exports/minutes-pdf.js';
import { recordStamp } from '../../server/exports/watermark.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
const MACRON = /[āēīōūĀĒĪŌŪ]/;

/** Whitespace collapsed, and a line broken after a hyphen joined again, as extracted text needs. */
const flat = (text: string) => text.replace(/\s+/g, ' ').replace(/- /g, '-').trim();

describe('minutes and action list exports', () => {
  let server: TestServer;
  let chair: Browserish;
  let dir: string;
  let meetingId: string;
  /** What the seeded closed meeting holds, read straight from the records. */
  let expected: {
    attendees: string[];
    items: { id: string; caseId: string; ref: string; policeRefs: string[]; pathway: string; rationale: string; lead: string | null; actions: { id: string; agency: string; description: string }[] }[];
  };

  const db = () => server.ctx.db;

  async function loadExpected(id: string) {
    const participants = await db().participant.findMany({ where: { meetingId: id, admittedAt: { not: null } } });
    const items = await db().agendaItem.findMany({
      where: { meetingId: id },
      include: {
        case: true,
        episodes: { include: { episode: true } },
        decisions: { orderBy: { version: 'desc' }, include: { leadAgency: true, actions: { include: { agency: true } } } },
      },
    });
    return {
      attendees: participants.map((p) => p.displayName),
      items: items.map((i) => ({
        id: i.id,
        caseId: i.caseId,
        ref: i.case.reference,
        policeRefs: i.episodes.map((e) => e.episode.policeRef),
        pathway: pathwayLabel(i.decisions[0]!.pathway),
        rationale: i.decisions[0]!.rationale,
        lead: i.decisions[0]!.leadAgency?.code ?? null,
        actions: i.decisions.flatMap((d) => d.actions).map((a) => ({ id: a.id, agency: a.agency.code, description: a.description })),
      })),
    };
  }

  async function signedIn(email: string): Promise<Browserish> {
    const b = new Browserish(server.url);
    expect((await b.login(email)).status).toBe(200);
    return b;
  }

  async function download(who: Browserish, url: string): Promise<Buffer> {
    const res = await who.request('GET', url);
    expect(res.status, await res.clone().text().catch(() => '')).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  async function tempFile(name: string, bytes: Buffer): Promise<string> {
    const file = path.join(dir, `${randomUUID()}-${name}`);
    await writeFile(file, bytes);
    return file;
  }

  // -raw keeps the content-stream order, so each table cell's text comes out in one piece.
  const pdfText = async (pdf: Buffer) => flat((await run('pdftotext', ['-raw', '-enc', 'UTF-8', await tempFile('x.pdf', pdf), '-'])).stdout);

  async function docxText(docx: Buffer): Promise<string> {
    const xml = (await run('unzip', ['-p', await tempFile('x.docx', docx), 'word/document.xml'], { maxBuffer: 64 << 20 })).stdout;
    const text = xml.replace(/<\/w:p>|<w:tab\/>|<w:br\/>/g, ' ').replace(/<[^>]+>/g, '')
      .replace(/&(lt|gt|amp|quot|apos|#\d+);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? String.fromCharCode(Number(e.slice(1))));
    return flat(text);
  }

  /** An agency that holds detail on some items of the meeting but not all: the interesting need-to-know case. */
  function partialAgency(): { code: string; full: typeof expected.items; reduced: typeof expected.items } {
    const codes = [...new Set(expected.items.flatMap((i) => [i.lead, ...i.actions.map((a) => a.agency)]))].filter((c): c is string => !!c).sort();
    for (const code of codes) {
      const full = expected.items.filter((i) => i.lead === code || i.actions.some((a) => a.agency === code));
      if (full.length > 0 && full.length < expected.items.length) {
        return { code, full, reduced: expected.items.filter((i) => !full.includes(i)) };
      }
    }
    throw new Error('the seeded meeting has no agency with detail on only some items');
  }

  beforeAll(async () => {
    server = await startTestServer();
    chair = await signedIn('chair@demo.test');
    dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-exports-'));
    const closed = await db().meeting.findFirstOrThrow({ where: { status: 'CLOSED', site: { code: 'CANTERBURY' } } });
    meetingId = closed.id;
    expected = await loadExpected(meetingId);
    expect(expected.items.length).toBeGreaterThan(1);
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('PDF minutes hold the attendance, every decision and every action, macrons intact', async () => {
    const text = await pdfText(await download(chair, `/api/meetings/${meetingId}/minutes?format=pdf`));
    expect(text).toContain('Safety Assessment Meeting minutes');
    expect(text).toContain('ISR hub meeting room, Ōtautahi');
    for (const name of expected.attendees) expect(text).toContain(flat(name));
    for (const item of expected.items) {
      expect(text).toContain(item.ref);
      expect(text).toContain(item.pathway);
      expect(text).toContain(flat(item.rationale));
      for (const ref of item.policeRefs) expect(text).toContain(ref);
      for (const a of item.actions) expect(text).toContain(flat(a.description));
    }
    const withMacrons = [...expected.attendees, ...expected.items.flatMap((i) => i.actions.map((a) => a.description))].filter((s) => MACRON.test(s));
    expect(withMacrons.length).toBeGreaterThan(0);
    for (const s of withMacrons) expect(text).toContain(flat(s));
    expect(text).toMatch(/Copy for .+ \(POLICE\)/);
    expect(text).not.toContain('DRAFT');
  });

  it('keeps page 1 of the PDF as a PNG test artifact', async () => {
    const pdf = await tempFile('minutes.pdf', await download(chair, `/api/meetings/${meetingId}/minutes?format=pdf`));
    const artifacts = path.join(projectRoot, 'tests/artifacts');
    await mkdir(artifacts, { recursive: true });
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(artifacts, 'minutes-page1')]);
    const { stdout } = await run('file', [path.join(artifacts, 'minutes-page1.png')]);
    expect(stdout).toContain('PNG image');
  });

  it('DOCX minutes hold the same content, with the watermark in the page header', async () => {
    const docx = await download(chair, `/api/meetings/${meetingId}/minutes?format=docx`);
    const text = await docxText(docx);
    for (const name of expected.attendees) expect(text).toContain(flat(name));
    for (const item of expected.items) {
      expect(text).toContain(item.ref);
      expect(text).toContain(item.pathway);
      for (const a of item.actions) expect(text).toContain(flat(a.description));
    }
    const headers = (await run('unzip', ['-p', await tempFile('h.docx', docx), 'word/header*.xml'])).stdout;
    expect(headers).toMatch(/Copy for [^<]+ \(POLICE\)/);
  });

  it('Markdown minutes start with the watermark and hold every decision and action', async () => {
    const md = (await download(chair, `/api/meetings/${meetingId}/minutes?format=md`)).toString('utf8');
    expect(md.split('\n')[0]).toMatch(/^\*\*RESTRICTED\*\* · Copy for .+ \(POLICE\) · .+ NZ[SD]T/);
    for (const name of expected.attendees) expect(md).toContain(name);
    for (const item of expected.items) {
      expect(md).toContain(item.ref);
      expect(md).toContain(item.pathway);
      for (const a of item.actions) expect(md).toContain(a.description.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`));
    }
  });

  it('answers with the file type, an attachment name and no-store', async () => {
    const meeting = await db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
    const date = meeting.date.toISOString().slice(0, 10);
    const cases: [string, string, string][] = [
      ['minutes?format=pdf', 'application/pdf', `SAM-minutes-Canterbury-${date}.pdf`],
      ['minutes?format=docx&agency=OT', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', `SAM-minutes-Canterbury-${date}-OT.docx`],
      ['minutes?format=md', 'text/markdown; charset=utf-8', `SAM-minutes-Canterbury-${date}.md`],
      ['actions?format=csv', 'text/csv; charset=utf-8', `SAM-actions-Canterbury-${date}.csv`],
      ['actions?format=pdf&agency=POLICE', 'application/pdf', `SAM-actions-Canterbury-${date}-POLICE.pdf`],
    ];
    for (const [query, type, filename] of cases) {
      const res = await chair.request('GET', `/api/meetings/${meetingId}/${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it("gives an agency full detail only where it is lead or holds an action, and no other agency's detail elsewhere", async () => {
    const { code, full, reduced } = partialAgency();
    for (const format of ['md', 'pdf'] as const) {
      const bytes = await download(chair, `/api/meetings/${meetingId}/minutes?format=${format}&agency=${code}`);
      const text = format === 'md' ? flat(bytes.toString('utf8')) : await pdfText(bytes);
      expect(text).toContain('Need-to-know version');
      for (const item of expected.items) {
        expect(text).toContain(item.ref);
        expect(text).toContain(item.pathway);
      }
      for (const item of full) for (const ref of item.policeRefs) expect(text).toContain(ref);
      for (const item of reduced) {
        for (const ref of item.policeRefs) expect(text).not.toContain(ref);
        expect(text).not.toContain(flat(item.rationale));
        for (const a of item.actions) expect(text).not.toContain(flat(a.description));
      }
    }
    const rows = parse(await download(chair, `/api/meetings/${meetingId}/actions?format=csv&agency=${code}`), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(full.flatMap((i) => i.actions).filter((a) => a.agency === code).length);
    expect(rows.every((r) => r['Agency code'] === code)).toBe(true);
  });

  it('lets a representative export only their own agency’s version', async () => {
    const { code } = partialAgency();
    const user = await db().user.findFirstOrThrow({ where: { role: 'REP', agency: { code }, site: { code: 'CANTERBURY' } } });
    const rep = await signedIn(user.email);
    expect((await rep.request('GET', `/api/meetings/${meetingId}/minutes?format=md&agency=${code}`)).status).toBe(200);
    expect((await rep.request('GET', `/api/meetings/${meetingId}/actions?format=csv&agency=${code}`)).status).toBe(200);
    const other = code === 'POLICE' ? 'OT' : 'POLICE';
    for (const url of [`minutes?format=md&agency=${other}`, 'minutes?format=pdf', `actions?format=csv&agency=${other}`, 'actions?format=pdf']) {
      const res = await rep.request('GET', `/api/meetings/${meetingId}/${url}`);
      expect(res.status, url).toBe(403);
      expect((await res.json()).error.code).toBe('FORBIDDEN');
    }
    const refused = await db().auditEvent.findMany({ where: { action: 'export.refused', actorId: user.id } });
    expect(refused).toHaveLength(4);
  });

  it('refuses observers and auditors any export, and a signed-out request', async () => {
    for (const email of ['observer@demo.test', 'auditor@demo.test']) {
      const who = await signedIn(email);
      for (const url of ['minutes?format=pdf', 'minutes?format=md&agency=POLICE', 'actions?format=csv']) {
        expect((await who.request('GET', `/api/meetings/${meetingId}/${url}`)).status, `${email} ${url}`).toBe(403);
      }
    }
    expect((await fetch(`${server.url}/api/meetings/${meetingId}/minutes?format=pdf`)).status).toBe(401);
  });

  it('limits an invitee to their own agency, their own meeting, and to after admission', async () => {
    const prep = await db().meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } });
    const health = await db().agency.findUniqueOrThrow({ where: { code: 'HEALTH' } });
    const invitee = await db().participant.create({
      data: { meetingId: prep.id, displayName: 'Mere Tūhoe', agencyId: health.id, role: 'REP', mode: 'REMOTE', confidentialityAckAt: new Date(), lobbyAt: new Date() },
    });
    const { token } = await server.ctx.sessions.create({ participantId: invitee.id });
    const as = (url: string) => fetch(`${server.url}/api/meetings/${url}`, { headers: { cookie: `samroom_session=${token}` } });
    expect((await as(`${prep.id}/minutes?format=md&agency=HEALTH`)).status).toBe(403);
    await db().participant.update({ where: { id: invitee.id }, data: { admittedAt: new Date() } });
    const own = await as(`${prep.id}/minutes?format=md&agency=HEALTH`);
    expect(own.status).toBe(200);
    expect((await own.text()).split('\n')[0]).toContain('Copy for Mere Tūhoe (HEALTH)');
    expect((await as(`${prep.id}/actions?format=csv&agency=OT`)).status).toBe(403);
    expect((await as(`${meetingId}/minutes?format=md&agency=HEALTH`)).status).toBe(404);
  });

  it('publishes both exports in the OpenAPI contract', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    const minutes = doc.paths['/api/meetings/{id}/minutes'].get;
    expect(minutes.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'format', 'agency']));
    expect(Object.keys(minutes.responses[200].content)).toEqual(expect.arrayContaining(['application/pdf', 'text/markdown; charset=utf-8']));
    expect(Object.keys(doc.paths['/api/meetings/{id}/actions'].get.responses[200].content)).toContain('text/csv; charset=utf-8');
  });

  it('lets the coordinator export any version', async () => {
    const coordinator = await signedIn('coordinator@demo.test');
    expect((await coordinator.request('GET', `/api/meetings/${meetingId}/minutes?format=md`)).status).toBe(200);
    expect((await coordinator.request('GET', `/api/meetings/${meetingId}/actions?format=pdf&agency=HEALTH`)).status).toBe(200);
  });

  it('answers 404 for an unknown meeting and 400 naming a bad format or agency', async () => {
    expect((await chair.request('GET', `/api/meetings/${randomUUID()}/minutes?format=pdf`)).status).toBe(404);
    for (const [url, field] of [['minutes?format=xlsx', 'format'], ['actions?format=docx', 'format'], ['minutes', 'format'], ['minutes?format=md&agency=NOPE', 'agency']]) {
      const res = await chair.request('GET', `/api/meetings/${meetingId}/${url}`);
      expect(res.status, url).toBe(400);
      expect((await res.json()).error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
  });

  it('writes the action list CSV grouped by agency, Excel-safe, with formulas neutralised', async () => {
    const item = expected.items[0]!;
    const decision = await db().decision.findFirstOrThrow({ where: { agendaItemId: item.id }, orderBy: { version: 'desc' } });
    const agency = await db().agency.findUniqueOrThrow({ where: { code: 'MSD' } });
    await db().action.create({
      data: {
        caseId: item.caseId, decisionId: decision.id, agencyId: agency.id, type: 'GP follow-up',
        description: '=HYPERLINK("http://x")', assignee: '@attacker', dueDate: new Date('2030-01-01T00:00:00Z'),
      },
    });
    const csv = await download(chair, `/api/meetings/${meetingId}/actions?format=csv`);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.trimEnd().split('\r\n')) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);

    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    const injected = rows.find((r) => r.Description?.includes('HYPERLINK'));
    // The type is free text, kept as typed.
    expect(injected).toMatchObject({ 'Action type': 'GP follow-up', Description: '\'=HYPERLINK("http://x")', Owner: "'@attacker", 'Agency code': 'MSD' });
    const all = expected.items.flatMap((i) => i.actions);
    expect(rows).toHaveLength(all.length + 1);
    for (const a of all) expect(rows.some((r) => r.Description === a.description && r['Agency code'] === a.agency)).toBe(true);
    expect(rows.every((r) => /^Copy for .+ \(POLICE\)/.test(r['Exported for'] ?? ''))).toBe(true);
    // Grouped: each agency's rows are together, soonest due first.
    const order = rows.map((r) => r['Agency code']);
    expect(new Set(order).size).toBe(order.filter((c, i) => c !== order[i - 1]).length);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!['Agency code'] === rows[i - 1]!['Agency code']) expect(rows[i]!['Due date']! >= rows[i - 1]!['Due date']!).toBe(true);
    }
    expect(flat(await pdfText(await download(chair, `/api/meetings/${meetingId}/actions?format=pdf`)))).toContain('\'=HYPERLINK("http://x")'.slice(1));
  });

  it('stores one version per unchanged closed meeting and a new one after a record changes', async () => {
    for (const format of ['pdf', 'docx', 'md'] as const) {
      const stored = () => db().minutesVersion.findMany({ where: { meetingId, format: format.toUpperCase() as 'PDF', agencyId: null }, orderBy: { createdAt: 'asc' } });
      await download(chair, `/api/meetings/${meetingId}/minutes?format=${format}`);
      const before = await stored();
      await download(chair, `/api/meetings/${meetingId}/minutes?format=${format}`);
      // A different person's copy is watermarked differently but comes from the same record copy.
      await download(await signedIn('coordinator@demo.test'), `/api/meetings/${meetingId}/minutes?format=${format}`);
      const again = await stored();
      expect(again.map((v) => v.sha256)).toEqual(before.map((v) => v.sha256));
      const latest = again[again.length - 1]!;
      expect(createHash('sha256').update(latest.content).digest('hex')).toBe(latest.sha256);
      expect(latest.bytes).toBe(latest.content.length);
      // The stored record copy is reproducible: rendering it again from the records gives the same bytes.
      const model = await loadMinutesModel(db(), meetingId);
      const rerendered = await { pdf: minutesPdf, docx: minutesDocx, md: minutesMarkdown }[format](model, recordStamp(model));
      expect(createHash('sha256').update(rerendered).digest('hex')).toBe(latest.sha256);

      const action = await db().action.findFirstOrThrow({ where: { decision: { agendaItem: { meetingId } }, status: { not: 'DONE' } }, orderBy: { id: 'asc' } });
      await db().action.update({ where: { id: action.id }, data: { status: 'DONE', outcomeNote: `Completed (${format} check).` } });
      await download(chair, `/api/meetings/${meetingId}/minutes?format=${format}`);
      const after = await stored();
      expect(after).toHaveLength(again.length + 1);
      expect(after[after.length - 1]!.sha256).not.toBe(latest.sha256);
    }
  });

  it('audits every export with its format, agency and sha256', async () => {
    const bytes = await download(chair, `/api/meetings/${meetingId}/minutes?format=md&agency=OT`);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'export.minutes', meetingId }, orderBy: { seq: 'desc' } });
    expect(event.details).toMatchObject({
      format: 'md', agency: 'OT', draft: false, sha256: createHash('sha256').update(bytes).digest('hex'),
      version: { created: expect.any(Boolean), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const csv = await download(chair, `/api/meetings/${meetingId}/actions?format=csv`);
    const csvEvent = await db().auditEvent.findFirstOrThrow({ where: { action: 'export.actions', meetingId }, orderBy: { seq: 'desc' } });
    expect(csvEvent.details).toMatchObject({ format: 'csv', agency: null, sha256: createHash('sha256').update(csv).digest('hex') });
    expect(await server.ctx.audit.verify()).toMatchObject({ ok: true });
  });

  it("marks a meeting that is not closed as DRAFT, stores no version, and lists the actions it carries over", async () => {
    const prep = await db().meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } });
    const deferred = await db().agendaItem.findFirstOrThrow({ where: { meetingId: prep.id }, orderBy: { rank: 'desc' } });
    await db().agendaItem.update({ where: { id: deferred.id }, data: { status: 'DEFERRED', deferReason: 'Awaiting Ōtautahi health records.' } });
    const text = await pdfText(await download(chair, `/api/meetings/${prep.id}/minutes?format=pdf`));
    expect(text).toContain('DRAFT');
    expect(text).toContain('Not decided');
    expect(text).toContain('Deferred Awaiting Ōtautahi health records.');
    const carried = await db().action.findMany({
      where: { case: { agendaItems: { some: { meetingId: prep.id } } }, status: { notIn: ['DONE', 'CANCELLED'] } },
    });
    expect(carried.length).toBeGreaterThan(0);
    for (const a of carried) expect(text).toContain(flat(a.description));
    const md = (await download(chair, `/api/meetings/${prep.id}/minutes?format=md`)).toString('utf8');
    expect(md).toContain('DRAFT');
    expect(await db().minutesVersion.count({ where: { meetingId: prep.id } })).toBe(0);
  });

  // How long it takes is measured by `npm run bench`, not asserted here.
  it('exports the minutes PDF of a closed 300-item meeting, storing one record copy for all viewers', async () => {
    const big = await createClosedMeeting(300);
    // The first export also renders and stores the record copy (see minutes-versions.ts); every
    // later one, for anyone, renders only their watermarked copy.
    const first = await download(chair, `/api/meetings/${big}/minutes?format=pdf`);
    expect(await pdfText(first)).toContain('300. BIG-0300');
    expect(await db().minutesVersion.count({ where: { meetingId: big } })).toBe(1);
    const coordinator = await signedIn('coordinator@demo.test');
    expect(await pdfText(await download(coordinator, `/api/meetings/${big}/minutes?format=pdf`))).toContain('300. BIG-0300');
    expect(await db().minutesVersion.count({ where: { meetingId: big } })).toBe(1);
  });

  /** A closed meeting on a free date with `n` decided items, each with an episode and three actions. */
  async function createClosedMeeting(n: number): Promise<string> {
    const site = await db().site.findFirstOrThrow({ where: { code: 'CANTERBURY' } });
    const agencies = await db().agency.findMany({ orderBy: { code: 'asc' } });
    const police = agencies.find((a) => a.code === 'POLICE')!;
    const closedAt = new Date('2030-03-04T22:00:00Z');
    const meeting = await db().meeting.create({
      data: { siteId: site.id, date: new Date('2030-03-05T00:00:00Z'), kind: 'DAILY_SAM', status: 'CLOSED', venue: 'Te Pae, Ōtautahi', startedAt: new Date('2030-03-04T20:00:00Z'), closedAt },
    });
    const ids = Array.from({ length: n }, (_, i) => ({ i, caseId: randomUUID(), itemId: randomUUID(), decisionId: randomUUID(), episodeId: randomUUID(), par: randomUUID(), puv: randomUUID() }));
    const num = (i: number) => String(i + 1).padStart(4, '0');
    await db().person.createMany({
      data: ids.flatMap(({ i, par, puv }) => [
        { id: par, siteId: site.id, givenName: 'Ārani', familyName: `Pirini ${num(i)}`, nameKey: `arani pirini ${num(i)}` },
        { id: puv, siteId: site.id, givenName: 'Tāne', familyName: `Tūhiwai ${num(i)}`, nameKey: `tane tuhiwai ${num(i)}` },
      ]),
    });
    await db().case.createMany({ data: ids.map(({ i, caseId }) => ({ id: caseId, reference: `BIG-${num(i)}`, siteId: site.id })) });
    await db().episode.createMany({
      data: ids.map(({ i, caseId, episodeId, par, puv }) => ({
        id: episodeId, policeRef: `PBIG${num(i)}`, siteId: site.id, caseId, occurredAt: new Date('2030-03-04T10:00:00Z'), area: 'Ōtautahi CBD',
        source: 'POLICE_FAMILY_HARM' as const, summary: 'A neighbour called Police about shouting. Ārani reported months of controlling behaviour by Tāne; one child was present.',
        childrenPresent: 1, personAtRiskId: par, personUsingViolenceId: puv,
      })),
    });
    await db().riskAssessment.createMany({
      data: ids.map(({ caseId, episodeId, puv }) => ({ caseId, episodeId, personId: puv, agencyId: police.id, tool: 'SAFVR' as const, rawScore: 0.44, band: 'MEDIUM', level: 'MEDIUM' as const })),
    });
    // Ranks sort as plain strings in item order.
    await db().agendaItem.createMany({ data: ids.map(({ i, caseId, itemId }) => ({ id: itemId, meetingId: meeting.id, caseId, reason: 'NEW_EPISODE' as const, rank: `a${num(i)}`, status: 'DECIDED' as const })) });
    await db().agendaItemEpisode.createMany({ data: ids.map(({ itemId, episodeId }) => ({ agendaItemId: itemId, episodeId })) });
    await db().decision.createMany({
      data: ids.map(({ caseId, itemId, decisionId }) => ({
        id: decisionId, agendaItemId: itemId, caseId, version: 1, riskLevel: 'MEDIUM' as const, pathway: 'LEAD_AGENCY_RESPONSE' as const,
        leadAgencyId: agencies[0]!.id, rationale: 'SAFVR 0.44 (MEDIUM). Best placed to engage with Ārani and the whānau.', decidedAt: closedAt, contentHash: '0'.repeat(64),
      })),
    });
    await db().action.createMany({
      data: ids.flatMap(({ i, caseId, decisionId }) => [0, 1, 2].map((k) => ({
        caseId, decisionId, agencyId: agencies[(i + k) % agencies.length]!.id, type: 'Safety plan', description: `Contact Ārani (${num(i)}) and agree a safety plan.`,
        dueDate: new Date(`2030-03-0${6 + k}T00:00:00Z`), assignee: 'Hine Pirini',
      }))),
    });
    return meeting.id;
  }
});

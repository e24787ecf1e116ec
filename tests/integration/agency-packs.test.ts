import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LobbyState } from '../../shared/api/invites.js';
import { meetingDocName } from '../../shared/meeting-doc/index.js';
import { rawUpgrade, sessionToken } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
const HOUR = 3_600_000;

/** Whitespace collapsed, and a line broken after a hyphen joined again, as extracted text needs. */
const flat = (text: string) => text.replace(/\s+/g, ' ').replace(/- /g, '-').trim();

describe('agency packs at the close: each agency its own minutes and actions, the chair all of them in one step', () => {
  let server: TestServer;
  let dir: string;
  const staff: Record<string, Browserish> = {};
  const sockets: ControlClient[] = [];
  const db = () => server.ctx.db;

  const signedIn = async (who: string) => {
    const b = new Browserish(server.url);
    expect((await b.login(`${who}@demo.test`)).status).toBe(200);
    return b;
  };
  const pdfText = async (pdf: Uint8Array) => {
    const file = path.join(dir, `${randomUUID()}.pdf`);
    await writeFile(file, pdf);
    return flat((await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).stdout);
  };

  beforeAll(async () => {
    server = await startTestServer();
    dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-packs-'));
    for (const who of ['chair', 'coordinator', 'police']) staff[who] = await signedIn(who);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('a remote invitee after the close', () => {
    let meetingId: string;
    let rep: { browser: Browserish; participantId: string; cookie: string };
    let observer: { browser: Browserish; participantId: string };
    const asRep = (url: string) => rep.browser.request('GET', `/api/meetings/${meetingId}/${url}`);

    async function joinByLink(chairControl: ControlClient, agencyCode: string, role: 'REP' | 'OBSERVER', displayName: string) {
      const link = await staff.chair!.request('POST', `/api/meetings/${meetingId}/invites`, {
        agencyCode, role, expiresAt: new Date(Date.now() + 4 * HOUR).toISOString(), maxUses: 1,
      });
      const token = ((await link.json()) as { url: string }).url.split('/join/')[1]!;
      const browser = new Browserish(server.url);
      const joined = await browser.request('POST', `/api/join/${token}`, { displayName, mode: 'REMOTE', confidentialityAcknowledged: true });
      expect(joined.status).toBe(201);
      const { participantId } = (await joined.json()) as { participantId: string };
      expect(await chairControl.send('lobby:admit', { participantId })).toEqual({ ok: true });
      return { browser, participantId, cookie: joined.headers.getSetCookie()[0] ?? '' };
    }

    beforeAll(async () => {
      // A meeting run to its close the way a chair runs it: link, lobby, admission, start, close.
      const [site] = (await (await staff.chair!.request('GET', '/api/sites')).json()) as { id: string }[];
      const created = await staff.chair!.request('POST', '/api/meetings', { siteId: site!.id, date: '2031-04-07', kind: 'DAILY_SAM' });
      expect(created.status).toBe(201);
      meetingId = ((await created.json()) as { id: string }).id;
      expect((await staff.chair!.request('POST', `/api/meetings/${meetingId}/confidentiality`, { acknowledged: true })).status).toBe(200);
      const chair = connectControl(server.url, meetingId, sessionToken(staff.chair!));
      sockets.push(chair);
      expect(await handshakeOutcome(chair)).toBe('connected');
      rep = await joinByLink(chair, 'OT', 'REP', 'Aroha Ngāti');
      observer = await joinByLink(chair, 'MSD', 'OBSERVER', 'Trainee Observer');

      expect(await chair.send('meeting:start', {})).toMatchObject({ ok: true });
      for (const item of await db().agendaItem.findMany({ where: { meetingId }, select: { id: true } })) {
        expect(await chair.send('item:defer', { itemId: item.id, reason: 'More information needed' })).toEqual({ ok: true });
      }
      expect(await chair.send('meeting:close', {})).toMatchObject({ ok: true });
    });

    it('keeps their session alive for the window, and it opens nothing of the meeting but their pack', async () => {
      const meeting = await db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
      const session = await db().session.findFirstOrThrow({ where: { participantId: rep.participantId } });
      expect(session.expiresAt.getTime()).toBe(meeting.closedAt!.getTime() + 24 * HOUR);
      // The browser keeps the cookie long enough for that.
      const cookieExpires = Date.parse(/Expires=([^;]+)/.exec(rep.cookie)![1]!);
      expect(cookieExpires).toBeGreaterThanOrEqual(meeting.closedAt!.getTime() + 24 * HOUR - 1000);

      expect((await rep.browser.request('GET', '/api/me')).status).toBe(401);
      expect((await rep.browser.request('GET', `/api/meetings/${meetingId}`)).status).toBe(401);
      expect((await rawUpgrade(`${server.url.replace('http', 'ws')}/collab/${meetingDocName(meetingId)}?token=${sessionToken(rep.browser)}`)).status).toBe(401);
      const control = connectControl(server.url, meetingId, sessionToken(rep.browser));
      sockets.push(control);
      expect(await handshakeOutcome(control)).toBe('UNAUTHENTICATED');
      expect((await rep.browser.request('GET', `/api/meetings/${meetingId}/packs.zip`)).status).toBe(401);

      const lobby = LobbyState.parse(await (await rep.browser.request('GET', '/api/lobby')).json());
      expect(lobby).toMatchObject({ status: 'CLOSED', packsUntil: new Date(meeting.closedAt!.getTime() + 24 * HOUR).toISOString() });
    });

    it('lets them download their own agency’s minutes and action list within the window, each download audited', async () => {
      for (const url of ['minutes?format=pdf&agency=OT', 'minutes?format=md&agency=OT', 'actions?format=csv&agency=OT', 'actions?format=pdf&agency=OT']) {
        const res = await asRep(url);
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/-OT\.(pdf|md|csv)"$/);
      }
      const md = await (await asRep('minutes?format=md&agency=OT')).text();
      expect(md.split('\n')[0]).toContain('Copy for Aroha Ngāti (OT)');
      expect(md).toContain('Need-to-know version');
      const events = await db().auditEvent.findMany({ where: { actorId: rep.participantId, action: { in: ['export.minutes', 'export.actions'] } } });
      expect(events).toHaveLength(5);
      for (const e of events) expect(e.details).toMatchObject({ agency: 'OT', afterClose: true, draft: false, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    it('refuses them any other agency’s version and the full minutes (403, audited), and other meetings (404)', async () => {
      const before = await db().auditEvent.count({ where: { actorId: rep.participantId, action: 'export.refused' } });
      for (const url of ['minutes?format=pdf&agency=POLICE', 'minutes?format=pdf', 'minutes?format=docx', 'actions?format=csv', 'actions?format=csv&agency=HEALTH']) {
        const res = await asRep(url);
        expect(res.status, url).toBe(403);
      }
      expect(await db().auditEvent.count({ where: { actorId: rep.participantId, action: 'export.refused' } })).toBe(before + 5);
      const other = await db().meeting.findFirstOrThrow({ where: { status: 'CLOSED', id: { not: meetingId }, site: { code: 'CANTERBURY' } } });
      expect((await rep.browser.request('GET', `/api/meetings/${other.id}/minutes?format=pdf&agency=OT`)).status).toBe(404);
    });

    it('gives an invited observer nothing after the close, as before it', async () => {
      const lobby = LobbyState.parse(await (await observer.browser.request('GET', '/api/lobby')).json());
      expect(lobby).toMatchObject({ status: 'CLOSED', packsUntil: null });
      expect((await observer.browser.request('GET', `/api/meetings/${meetingId}/minutes?format=pdf&agency=MSD`)).status).toBe(403);
    });

    it('refuses them once the window has passed (403, audited), and the lobby stops offering it', async () => {
      const meeting = await db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
      await db().meeting.update({ where: { id: meetingId }, data: { closedAt: new Date(meeting.closedAt!.getTime() - 24 * HOUR - 1000) } });
      for (const url of ['minutes?format=pdf&agency=OT', 'actions?format=csv&agency=OT']) {
        const res = await asRep(url);
        expect(res.status, url).toBe(403);
        expect((await res.json()).error.message).toMatch(/has passed/);
      }
      const refused = await db().auditEvent.findMany({ where: { actorId: rep.participantId, action: 'export.refused' }, orderBy: { seq: 'desc' }, take: 2 });
      for (const e of refused) expect(e.details).toMatchObject({ reason: 'after-close window over' });
      expect(LobbyState.parse(await (await rep.browser.request('GET', '/api/lobby')).json()).packsUntil).toBeNull();
    });
  });

  describe("the chair's zip of every attending agency's pack", () => {
    let meetingId: string;
    let zip: Buffer;
    let files: Record<string, Uint8Array>;
    let attending: { id: string; code: string; name: string }[];

    beforeAll(async () => {
      meetingId = (await db().meeting.findFirstOrThrow({ where: { status: 'CLOSED', date: { lt: new Date('2031-01-01') }, site: { code: 'CANTERBURY' } } })).id;
      const participants = await db().participant.findMany({ where: { meetingId, admittedAt: { not: null } }, include: { agency: true } });
      attending = [...new Map(participants.map((p) => [p.agency.code, p.agency])).values()];
      const res = await staff.chair!.request('GET', `/api/meetings/${meetingId}/packs.zip`);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="SAM-agency-packs-Canterbury-\d{4}-\d{2}-\d{2}\.zip"$/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      zip = Buffer.from(await res.arrayBuffer());
      files = unzipSync(zip);
    });

    it('holds one folder per attending agency, each with its minutes PDF and its action list as CSV and PDF', async () => {
      const folders = [...new Set(Object.keys(files).map((name) => name.split('/')[0]!))].sort();
      expect(folders).toEqual(attending.map((a) => folders.find((f) => f.startsWith(`${a.code}-`))).sort());
      expect(folders).toHaveLength(attending.length);
      for (const a of attending) {
        const names = Object.keys(files).filter((n) => n.startsWith(`${a.code}-`)).map((n) => n.split('/')[1]).sort();
        expect(names).toEqual([
          expect.stringMatching(new RegExp(`^SAM-actions-Canterbury-.+-${a.code}\\.csv$`)),
          expect.stringMatching(new RegExp(`^SAM-actions-Canterbury-.+-${a.code}\\.pdf$`)),
          expect.stringMatching(new RegExp(`^SAM-minutes-Canterbury-.+-${a.code}\\.pdf$`)),
        ]);
      }
    });

    it("gives each agency its own need-to-know minutes: a detail withheld from one agency is in another's pack only", async () => {
      const items = await db().agendaItem.findMany({
        where: { meetingId },
        include: {
          episodes: { include: { episode: true } },
          decisions: { orderBy: { version: 'desc' }, include: { leadAgency: true, actions: { include: { agency: true } } } },
        },
      });
      const holds = (code: string, item: (typeof items)[number]) =>
        item.decisions[0]?.leadAgency?.code === code || item.decisions.some((d) => d.actions.some((a) => a.agency.code === code));
      // An item one attending agency holds in full and another sees only as an outcome.
      let found: { item: (typeof items)[number]; full: string; reduced: string } | null = null;
      for (const item of items) {
        const full = attending.find((a) => holds(a.code, item));
        const reduced = attending.find((a) => !holds(a.code, item));
        if (full && reduced) {
          found = { item, full: full.code, reduced: reduced.code };
          break;
        }
      }
      expect(found, 'an item some attending agencies hold and others do not').not.toBeNull();
      const { item, full, reduced } = found!;
      const minutesOf = (code: string) => pdfText(files[Object.keys(files).find((n) => n.startsWith(`${code}-`) && n.includes('SAM-minutes'))!]!);
      const [fullText, reducedText] = [await minutesOf(full), await minutesOf(reduced)];
      const policeRef = item.episodes[0]!.episode.policeRef;
      const rationale = flat(item.decisions[0]!.rationale);
      for (const text of [fullText, reducedText]) {
        expect(text).toContain('Need-to-know version');
        expect(text).toMatch(/Copy for .+ \(POLICE\)/);
      }
      expect(fullText).toContain(policeRef);
      expect(fullText).toContain(rationale);
      expect(reducedText).not.toContain(policeRef);
      expect(reducedText).not.toContain(rationale);
      for (const a of item.decisions.flatMap((d) => d.actions)) expect(reducedText).not.toContain(flat(a.description));

      for (const a of attending) {
        const csv = files[Object.keys(files).find((n) => n.startsWith(`${a.code}-`) && n.endsWith('.csv'))!]!;
        const rows = parse(Buffer.from(csv), { bom: true, columns: true }) as Record<string, string>[];
        expect(rows.every((r) => r['Agency code'] === a.code), a.code).toBe(true);
      }
    });

    it('audits the download with every file’s sha256, and stores each agency’s record copy', async () => {
      const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'export.packs', meetingId }, orderBy: { seq: 'desc' } });
      const details = event.details as { sha256: string; packs: { agency: string; files: { name: string; sha256: string }[] }[] };
      expect(details.sha256).toBe(createHash('sha256').update(zip).digest('hex'));
      expect(details.packs.map((p) => p.agency).sort()).toEqual(attending.map((a) => a.code).sort());
      for (const pack of details.packs) {
        for (const f of pack.files) expect(createHash('sha256').update(files[f.name]!).digest('hex')).toBe(f.sha256);
      }
      for (const a of attending) {
        expect(await db().minutesVersion.count({ where: { meetingId, format: 'PDF', agencyId: a.id } }), a.code).toBe(1);
      }
    });

    it('is for the chair and coordinator of a closed meeting only', async () => {
      expect((await (await signedIn('coordinator')).request('GET', `/api/meetings/${meetingId}/packs.zip`)).status).toBe(200);
      expect((await staff.police!.request('GET', `/api/meetings/${meetingId}/packs.zip`)).status).toBe(403);
      const police = await db().user.findUniqueOrThrow({ where: { email: 'police@demo.test' } });
      const refused = await db().auditEvent.findFirstOrThrow({ where: { action: 'export.refused', actorId: police.id } });
      expect(refused.details).toMatchObject({ export: 'packs', code: 'FORBIDDEN' });
      expect((await fetch(`${server.url}/api/meetings/${meetingId}/packs.zip`)).status).toBe(401);
      const prep = await db().meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } });
      const early = await staff.chair!.request('GET', `/api/meetings/${prep.id}/packs.zip`);
      expect(early.status).toBe(409);
      expect((await early.json()).error.code).toBe('MEETING_NOT_CLOSED');
      expect((await staff.chair!.request('GET', `/api/meetings/${randomUUID()}/packs.zip`)).status).toBe(404);
    });
  });
});

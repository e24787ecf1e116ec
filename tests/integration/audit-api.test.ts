import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../../server/db/client.js';
import { AuditPage, AuditVerifyResult } from '../../shared/api/audit.js';
import { auditVerify } from '../support/audit-cli.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

describe('the audit trail for auditors', () => {
  let server: TestServer;
  let auditor: Browserish;
  let meetingId: string;

  const page = async (query: string) => {
    const res = await auditor.request('GET', `/api/audit${query}`);
    expect(res.status).toBe(200);
    return AuditPage.parse(await res.json());
  };

  beforeAll(async () => {
    server = await startTestServer();
    auditor = new Browserish(server.url);
    await auditor.login('auditor@demo.test');
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    await new Browserish(server.url).login('chair@demo.test', 'wrong-password');
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const agencyCode of ['OT', 'HEALTH', 'MSD']) {
      const res = await chair.request('POST', `/api/meetings/${meetingId}/invites`, {
        agencyCode, role: 'REP', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), maxUses: 2,
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => server?.stop());

  it('lists events newest first, with their hashes, filtered by meeting, actor, action and time', async () => {
    const all = await page('');
    expect(all.rows.length).toBeGreaterThan(5);
    const seqs = all.rows.map((r) => BigInt(r.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a > b ? -1 : 1)));
    const newest = all.rows[0]!;
    expect(newest.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(all.rows[1]!.hash).toBe(newest.prevHash);

    const invites = await page(`?meetingId=${meetingId}&action=invite.create`);
    expect(invites.rows).toHaveLength(3);
    expect(invites.rows.map((r) => r.details.agency)).toEqual(['MSD', 'HEALTH', 'OT']);
    expect(invites.rows[0]).toMatchObject({ action: 'invite.create', meetingId, subject: { type: 'Invite' }, actorLabel: expect.stringContaining('CHAIR') });

    const chairId = invites.rows[0]!.actorId!;
    const byChair = await page(`?actorId=${chairId}`);
    expect(byChair.rows.every((r) => r.actorId === chairId)).toBe(true);
    expect(byChair.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login', 'invite.create']));

    const auth = await page('?action=auth.*');
    expect(new Set(auth.rows.map((r) => r.action))).toEqual(new Set(['auth.login', 'auth.login_failed']));

    const at = Date.parse(invites.rows[1]!.at);
    const window = await page(`?action=invite.create&from=${new Date(at).toISOString()}&to=${new Date(at + 1).toISOString()}`);
    expect(window.rows.map((r) => r.seq)).toContain(invites.rows[1]!.seq);
    expect((await page(`?action=invite.create&from=${new Date(Date.now() + 60_000).toISOString()}`)).rows).toEqual([]);
  });

  it('pages by sequence number without gaps or repeats', async () => {
    const whole = await page('?action=invite.create&limit=200');
    const first = await page('?action=invite.create&limit=2');
    expect(first.rows).toHaveLength(2);
    expect(first.nextCursor).toBe(first.rows[1]!.seq);
    const second = await page(`?action=invite.create&limit=2&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.rows, ...second.rows].map((r) => r.seq)).toEqual(whole.rows.map((r) => r.seq));
  });

  it('audits reading the trail, and refuses everyone but auditors (403, audited)', async () => {
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'audit.view' } })).toBeGreaterThan(0);
    for (const who of ['chair', 'coordinator', 'police', 'observer']) {
      const b = new Browserish(server.url);
      await b.login(`${who}@demo.test`);
      expect((await b.request('GET', '/api/audit')).status).toBe(403);
      expect((await b.request('GET', '/api/audit/verify')).status).toBe(403);
    }
    expect((await new Browserish(server.url).request('GET', '/api/audit')).status).toBe(401);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'audit.refused' } })).toBe(8);
    const bad = await auditor.request('GET', '/api/audit?limit=1000&action=DROP%20TABLE');
    expect(bad.status).toBe(400);
  });

  it('detects a tampered row, through the API and `npm run audit:verify`, naming that row', async () => {
    const verify = async () => AuditVerifyResult.parse(await (await auditor.request('GET', '/api/audit/verify')).json());
    const intact = await verify();
    expect(intact.ok).toBe(true);
    expect(intact.rows).toBeGreaterThan(10);

    const victim = (await page('?action=invite.create')).rows[1]!;
    // An insider rewrites history: the agency an invite was for.
    await server.ctx.db.auditEvent.update({ where: { seq: BigInt(victim.seq) }, data: { details: { ...victim.details, agency: 'POLICE' } as Prisma.InputJsonObject } });
    expect(await verify()).toMatchObject({ ok: false, brokenAt: victim.seq, reason: expect.stringContaining('content does not match') });

    const url = server.ctx.config.DATABASE_URL;
    if (!url) return; // embedded PGlite lives inside this process: the CLI can't open it at the same time
    const cli = await auditVerify(url, server.ctx.config.DATA_DIR);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`BROKEN at row seq=${victim.seq}`);
  });
});

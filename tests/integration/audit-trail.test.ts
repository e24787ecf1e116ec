import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditKeyMismatch } from '../../server/audit/audit-log.js';
import { legacyRowHash } from '../../server/audit/chain-hash.js';
import { CheckpointFile } from '../../server/audit/checkpoint-file.js';
import { loadConfig } from '../../server/config.js';
import type { Prisma } from '../../server/db/client.js';
import { createLogger } from '../../server/logger.js';
import { startServer } from '../../server/server.js';
import { meetingDocName, prepDocName } from '../../shared/meeting-doc/index.js';
import { AuditPage, AuditVerifyResult } from '../../shared/api/audit.js';
import { auditVerify } from '../support/audit-cli.js';
import { connectDoc, rawUpgrade, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

const lastCheckpoint = async (server: TestServer) => {
  const { checkpoints, bad } = await new CheckpointFile(server.ctx.config.AUDIT_CHECKPOINT_FILE, server.ctx.config.AUDIT_KEY).read();
  expect(bad).toBeNull();
  return checkpoints.at(-1);
};
const headSeq = async (server: TestServer) => (await server.ctx.db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } })).seq;

describe('the audit trail: document opens, checkpoints, and `npm run audit:verify`', () => {
  let server: TestServer;
  let auditor: Browserish;
  let meetingId: string;
  const clients: CollabClient[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ AUDIT_CHECKPOINT_INTERVAL_MS: '200' });
    auditor = new Browserish(server.url);
    await auditor.login('auditor@demo.test');
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['chair', 'police', 'observer']) {
      const b = new Browserish(server.url);
      await b.login(`${who}@demo.test`);
      await b.acknowledge(meetingId);
      tokens[who] = sessionToken(b);
    }
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  it('records every open of a meeting or prep document (who, which, read-only or not), and an auditor sees it', async () => {
    const open = async (who: string, docName: string) => {
      const client = connectDoc(server.url, docName, tokens[who]!);
      clients.push(client);
      await synced(client);
    };
    await open('chair', meetingDocName(meetingId));
    await open('observer', meetingDocName(meetingId));
    await open('police', prepDocName(meetingId, 'POLICE'));
    // A refused open is a refusal, not an open.
    expect((await rawUpgrade(`${server.url.replace('http', 'ws')}/collab/${prepDocName(meetingId, 'OT')}?token=${tokens.police}`)).status).toBe(403);

    const res = await auditor.request('GET', `/api/audit?action=doc.open&meetingId=${meetingId}`);
    expect(res.status).toBe(200);
    const { rows } = AuditPage.parse(await res.json());
    expect(rows.map((r) => ({ who: r.actorLabel.replace(/^.*\(/, '('), doc: r.subject?.id, mode: r.details.mode }))).toEqual([
      { who: '(POLICE, REP)', doc: prepDocName(meetingId, 'POLICE'), mode: 'write' },
      { who: '(POLICE, OBSERVER)', doc: meetingDocName(meetingId), mode: 'read' },
      { who: '(POLICE, CHAIR)', doc: meetingDocName(meetingId), mode: 'write' },
    ]);
    expect(rows.every((r) => r.subject?.type === 'Document' && r.actorId && typeof r.details.participantId === 'string')).toBe(true);
  });

  it('writes a signed checkpoint of the head periodically, outside the database', async () => {
    await server.ctx.audit.record({ actorLabel: 'test', action: 'test.event' });
    const head = await headSeq(server);
    await waitFor(async () => (await lastCheckpoint(server))?.seq === head, 'a checkpoint of the new head', 5_000);
    expect(server.ctx.config.AUDIT_CHECKPOINT_FILE).toBe(`${server.ctx.config.DATA_DIR}/audit-checkpoints.jsonl`);
  });

  it('detects a row forged with every later hash recomputed by the app\'s old sha256, through the API and the CLI', async () => {
    const url = server.ctx.config.DATABASE_URL;
    const original = await server.ctx.db.auditEvent.findMany({ where: { seq: { gte: (await server.ctx.db.auditEvent.findFirstOrThrow({ where: { action: 'auth.login' } })).seq } }, orderBy: { seq: 'asc' } });
    const victim = original[0]!;
    // An insider makes the auditor's login look like the chair's, and recomputes the chain after it.
    let prevHash = victim.prevHash;
    for (const row of original) {
      const forged = { ...row, prevHash, actorLabel: row.seq === victim.seq ? 'Someone Else (POLICE, CHAIR)' : row.actorLabel };
      const hash = legacyRowHash(forged);
      await server.ctx.db.auditEvent.update({ where: { seq: row.seq }, data: { actorLabel: forged.actorLabel, prevHash, hash } });
      prevHash = hash;
    }
    const broken = { ok: false, brokenAt: victim.seq.toString(), reason: expect.stringContaining('keyed hash') };
    if (url) {
      const cli = await auditVerify(url, server.ctx.config.DATA_DIR);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`BROKEN at row seq=${victim.seq}: content does not match its keyed hash`);
    }
    // Put history back, then ask through the API (which itself appends a row).
    for (const row of original) {
      await server.ctx.db.auditEvent.update({ where: { seq: row.seq }, data: { actorLabel: row.actorLabel, prevHash: row.prevHash, hash: row.hash } });
    }
    const verify = async () => AuditVerifyResult.parse(await (await auditor.request('GET', '/api/audit/verify')).json());
    expect(await verify()).toMatchObject({ ok: true, legacyRows: 0 });
    await server.ctx.db.auditEvent.update({ where: { seq: victim.seq }, data: { details: { forged: true } as Prisma.InputJsonObject } });
    expect(await verify()).toMatchObject(broken);
    await server.ctx.db.auditEvent.update({ where: { seq: victim.seq }, data: { details: victim.details as Prisma.InputJsonObject } });
    expect((await verify()).ok).toBe(true);
  });

  it('detects the newest rows deleted after a checkpoint (truncation), through the CLI and the API', async () => {
    const url = server.ctx.config.DATABASE_URL;
    await server.ctx.audit.record({ actorLabel: 'test', action: 'test.event' });
    const head = await headSeq(server);
    await waitFor(async () => (await lastCheckpoint(server))?.seq === head, 'a checkpoint of the head', 5_000);
    if (url) {
      const intact = await auditVerify(url, server.ctx.config.DATA_DIR);
      expect(intact.code).toBe(0);
      expect(intact.output).toMatch(/Audit trail intact: \d+ rows verified \(0 of them unkeyed.*\), [1-9]\d* checkpoints/);
    }

    // Someone covers their tracks: the doc opens and everything after them go.
    const firstOpen = (await server.ctx.db.auditEvent.findFirstOrThrow({ where: { action: 'doc.open' }, orderBy: { seq: 'asc' } })).seq;
    await server.ctx.db.auditEvent.deleteMany({ where: { seq: { gte: firstOpen } } });
    const truncated = { brokenAt: head.toString(), reason: expect.stringMatching(new RegExp(`ends at seq=\\d+, but the checkpoint of .* recorded seq=${head} as the head: the newest rows were deleted`)) };
    if (url) {
      const cli = await auditVerify(url, server.ctx.config.DATA_DIR);
      expect(cli.code).toBe(1);
      expect(cli.output).toMatch(new RegExp(`BROKEN at row seq=${head}: the trail ends at seq=${firstOpen - 1n}`));
    }
    const res = await auditor.request('GET', '/api/audit/verify');
    expect(AuditVerifyResult.parse(await res.json())).toMatchObject({ ok: false, ...truncated });
  });
});

describe('the audit trail across restarts and processes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ AUDIT_CHECKPOINT_INTERVAL_MS: '3600000' });
  });
  afterAll(() => server?.stop());

  it('writes the last checkpoint at shutdown', async () => {
    await server.ctx.audit.record({ actorLabel: 'test', action: 'test.last_words' });
    const last = await headSeq(server);
    expect((await lastCheckpoint(server))!.seq).toBeLessThan(last);
    await server.close();
    expect((await lastCheckpoint(server))!.seq).toBeGreaterThanOrEqual(last);
    const lines = (await readFile(server.ctx.config.AUDIT_CHECKPOINT_FILE, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2); // at start and at shutdown: nothing in between with an hour's interval
  });

  it('refuses to start a process with another audit key on the same database, saying so', async (ctx) => {
    const url = server.ctx.config.DATABASE_URL;
    if (!url) return ctx.skip(); // embedded PGlite lives inside one process
    const config = await loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: server.ctx.config.DATA_DIR, DATABASE_URL: url, SEED_DEMO: 'false',
      AUDIT_KEY: 'a-different-key-for-the-same-database-0123',
    });
    const attempt = startServer(config, createLogger('silent'));
    await expect(attempt).rejects.toThrow(AuditKeyMismatch);
    await expect(attempt).rejects.toThrow(/written with another AUDIT_KEY/);
    const cli = await auditVerify(url, server.ctx.config.DATA_DIR, { AUDIT_KEY: 'a-different-key-for-the-same-database-0123' });
    expect(cli.code).toBe(1);
    expect(cli.output).toContain('not the key the trail was written with');
  });
});

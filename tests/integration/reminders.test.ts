import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList, OutboxEntry } from '../../shared/api/notifications.js';
import { UNFINISHED_ACTION_STATUSES } from '../../shared/domain.js';
import { todayInNz } from '../../shared/nz-time.js';
import { createPrismaClient, type Db } from '../../server/db/client.js';
import { openDbTarget, type DbTarget } from '../../server/db/adapter.js';
import { waitFor } from '../support/collab-client.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { Browserish } from '../support/server.js';
import { inCi } from '../support/services.js';

// Reminders reach each agency once: two server processes share one database and one SMTP server
// (started here, on a loopback port), and each agency gets exactly one digest for the day, a
// refused send is tried again with backoff, and one that never goes through is left FAILED for
// an administrator to see. Nothing personal is in an email: counts and a link.

interface Received {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

const APP_URL = 'http://samroom.test';
const BOUNCING = 'housing@demo.test';
const FLAKY = 'health@demo.test';

describe('reminders, by email and in the app', () => {
  let testDb: TestDatabase;
  let target: DbTarget;
  let db: Db;
  let smtp: SMTPServer;
  const received: Received[] = [];
  let flakyRefusals = 0;
  /** Housing's mailbox is unavailable until a test says it is back. */
  let bouncing = true;
  const servers: ServerProcess[] = [];
  const dirs: string[] = [];
  let env: Record<string, string>;

  const start = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-reminders-'));
    dirs.push(dir);
    const server = await startServerProcess({ port: await freePort(), dataDir: dir, databaseUrl: testDb.url!, env });
    servers.push(server);
    return server;
  };
  const digests = () => received.filter((m) => m.subject.startsWith("SAM Room: Today's actions"));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    if (testDb.kind !== 'postgres') {
      if (inCi) throw new Error('PostgreSQL is needed for two processes to share a database');
      return;
    }
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        if (address.address === BOUNCING && bouncing) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        const to = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(stream).then((mail) => {
          // Health's mail server turns the first two tries away.
          if (to.includes(FLAKY) && flakyRefusals < 2) {
            flakyRefusals++;
            return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          }
          received.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', messageId: mail.messageId ?? '' });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as { port: number };
    env = {
      SESSION_SECRET: randomBytes(32).toString('base64url'), AUDIT_KEY: randomBytes(32).toString('base64url'),
      SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: APP_URL, REMINDER_INTERVAL_MS: '300', REMINDER_DIGEST_TIME: '00:00',
      REMINDER_MAX_ATTEMPTS: '3', REMINDER_RETRY_BASE_MS: '200',
    };
    // The first process seeds the database; the second joins it.
    await start();
    await start();
    target = await openDbTarget({ databaseUrl: testDb.url, pgliteDir: '' });
    db = createPrismaClient(target);
    // Whatever today's demo data owes, Health (whose mail server is flaky) and Housing (whose
    // mailbox bounces) each owe an action today: the next round writes their digests.
    const family = await db.case.findFirstOrThrow({ where: { site: { code: 'CANTERBURY' } }, select: { id: true } });
    for (const code of ['HEALTH', 'HOUSING']) {
      const agency = await db.agency.findUniqueOrThrow({ where: { code } });
      await db.action.create({
        data: { caseId: family.id, agencyId: agency.id, type: 'Follow-up', description: 'Check in with the whānau.', dueDate: new Date(`${todayInNz()}T00:00:00Z`) },
      });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGTERM')));
    await db?.$disconnect();
    await target?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await testDb?.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('sends each agency with actions overdue or due today exactly one digest, retrying a refused send', { timeout: 90_000 }, async ({ skip }) => {
    if (testDb.kind !== 'postgres') return skip();
    const today = todayInNz();
    const owing = await db.action.findMany({
      where: { status: { in: [...UNFINISHED_ACTION_STATUSES] }, dueDate: { lte: new Date(`${today}T00:00:00Z`) } },
      select: { agencyId: true, case: { select: { siteId: true } } }, distinct: ['agencyId'],
    });
    const agencies = await db.agency.findMany({ where: { id: { in: owing.map((o) => o.agencyId) } }, select: { id: true, code: true } });
    expect(agencies.length).toBeGreaterThan(1);
    const reachable = agencies.filter((a) => a.code !== 'HOUSING');

    await waitFor(async () => (await db.outboxEmail.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) === 0
      && (await db.outboxEmail.count({ where: { recipients: { has: FLAKY } } })) > 0
      && (await db.outboxEmail.count({ where: { recipients: { has: BOUNCING } } })) > 0
      && digests().length >= reachable.length, 'every email sent or given up', 60_000);

    // One digest per agency: a distinct set of recipients each, none twice.
    const byRecipients = new Map<string, number>();
    for (const m of digests()) byRecipients.set([...m.to].sort().join(','), (byRecipients.get([...m.to].sort().join(',')) ?? 0) + 1);
    expect([...byRecipients.values()].every((n) => n === 1)).toBe(true);
    expect(digests()).toHaveLength(reachable.length);
    expect(await db.notification.count({ where: { kind: 'DAILY_DIGEST' } })).toBe(agencies.length);

    // Health's was refused twice, then delivered once.
    const health = await db.outboxEmail.findFirstOrThrow({ where: { recipients: { has: FLAKY } } });
    expect(health).toMatchObject({ status: 'SENT', attempts: 3 });
    expect(digests().filter((m) => m.to.includes(FLAKY))).toHaveLength(1);
  });

  it('puts nothing personal in an email: counts, the agency and site, and a link', async ({ skip }) => {
    if (testDb.kind !== 'postgres') return skip();
    const people = await db.person.findMany({ select: { familyName: true } });
    for (const m of digests()) {
      expect(m.text).toContain(APP_URL);
      expect(m.text).toMatch(/\d+ actions? (overdue|due today)/);
      expect(m.text).not.toMatch(/CHC-|HLZ-/);
      for (const p of people) expect(m.text).not.toContain(p.familyName);
    }
  });

  it('leaves an email that never goes through FAILED, with its reason, for the coordinator to see', async ({ skip }) => {
    if (testDb.kind !== 'postgres') return skip();
    const failed = await db.outboxEmail.findFirstOrThrow({ where: { recipients: { has: BOUNCING } } });
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3 });
    const coordinator = new Browserish(servers[0]!.url);
    await coordinator.login('coordinator@demo.test');
    const list = (await (await coordinator.request('GET', '/api/reminders/outbox')).json()) as OutboxEntry[];
    expect(list.map((e) => e.id)).toContain(failed.id);
    expect(list.find((e) => e.id === failed.id)!.lastError).toContain('Mailbox unavailable');
    const rep = new Browserish(servers[1]!.url);
    await rep.login('police@demo.test');
    expect((await rep.request('GET', '/api/reminders/outbox')).status).toBe(403);
  });

  it('shows the failed email to its site’s administrators, and “try again” delivers it once', { timeout: 60_000 }, async ({ skip }) => {
    if (testDb.kind !== 'postgres') return skip();
    const failed = await db.outboxEmail.findFirstOrThrow({ where: { recipients: { has: BOUNCING } }, include: { notification: { include: { site: true } } } });
    const siteId = failed.notification.siteId;
    const [own, other] = failed.notification.site.code === 'CANTERBURY' ? ['admin@demo.test', 'admin.waikato@demo.test'] : ['admin.waikato@demo.test', 'admin@demo.test'];
    const admin = new Browserish(servers[0]!.url);
    await admin.login(own);
    const listed = (await (await admin.request('GET', `/api/admin/emails?siteId=${siteId}`)).json()) as OutboxEntry[];
    expect(listed.find((e) => e.id === failed.id)).toMatchObject({ agency: 'Kāinga Ora', kind: 'DAILY_DIGEST', status: 'FAILED', attempts: 3, recipients: 1 });
    expect(listed.find((e) => e.id === failed.id)!.lastError).toContain('Mailbox unavailable');
    // Nothing about who it was for: a count, not addresses.
    expect(JSON.stringify(listed)).not.toContain('@demo.test');

    // Another site's administrator neither lists nor touches it; a national one does both.
    const elsewhere = new Browserish(servers[1]!.url);
    await elsewhere.login(other);
    expect((await elsewhere.request('GET', `/api/admin/emails?siteId=${siteId}`)).status).toBe(404);
    expect(((await (await elsewhere.request('GET', '/api/admin/emails')).json()) as OutboxEntry[]).map((e) => e.id)).not.toContain(failed.id);
    expect((await elsewhere.request('POST', `/api/admin/emails/${failed.id}/retry`)).status).toBe(404);
    const national = new Browserish(servers[1]!.url);
    await national.login('national.admin@demo.test');
    expect(((await (await national.request('GET', `/api/admin/emails?siteId=${siteId}`)).json()) as OutboxEntry[]).map((e) => e.id)).toContain(failed.id);

    bouncing = false;
    const retried = await admin.request('POST', `/api/admin/emails/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ id: failed.id, status: 'PENDING', attempts: 3 });
    // Pressed twice: the second finds it already queued.
    expect((await national.request('POST', `/api/admin/emails/${failed.id}/retry`)).status).toBe(409);

    await waitFor(async () => (await db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } })).status === 'SENT', 'the retried email sent', 30_000);
    expect(received.filter((m) => m.to.includes(BOUNCING))).toHaveLength(1);
    expect(received.find((m) => m.to.includes(BOUNCING))!.messageId).toBe(`<${failed.notificationId}@samroom>`);
    expect(((await (await admin.request('GET', `/api/admin/emails?siteId=${siteId}`)).json()) as OutboxEntry[]).map((e) => e.id)).not.toContain(failed.id);
    const audited = await db.auditEvent.findMany({ where: { action: 'email.retry', subjectId: failed.id } });
    expect(audited.map((e) => e.actorId)).toEqual([(await db.user.findUniqueOrThrow({ where: { email: own } })).id]);
    // A chair or coordinator is not an administrator.
    const coordinator = new Browserish(servers[0]!.url);
    await coordinator.login('coordinator@demo.test');
    expect((await coordinator.request('GET', '/api/admin/emails')).status).toBe(403);
  });

  it('after a restart sends no digest again, and tells an agency once of a new action', { timeout: 90_000 }, async ({ skip }) => {
    if (testDb.kind !== 'postgres') return skip();
    const before = digests().length;
    await servers[0]!.stop('SIGTERM');
    await start();
    const decided = await db.action.findFirstOrThrow({ where: { decisionId: { not: null }, agency: { code: 'CORRECTIONS' } } });
    const fresh = await db.action.create({
      data: { caseId: decided.caseId, decisionId: decided.decisionId, agencyId: decided.agencyId, type: 'Sentence check', description: 'Confirm release conditions.', dueDate: new Date('2040-01-10T00:00:00Z') },
    });
    await waitFor(() => received.some((m) => m.subject === 'SAM Room: A new action for your agency' && m.to.includes('corrections@demo.test')), 'the new action’s notice', 30_000);
    await waitFor(async () => (await db.outboxEmail.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) === 0, 'the outbox settled');
    expect(received.filter((m) => m.subject === 'SAM Room: A new action for your agency')).toHaveLength(1);
    expect(digests()).toHaveLength(before);
    expect(await db.notification.count({ where: { dedupeKey: `assigned:${fresh.id}` } })).toBe(1);
  });

  it('lists an agency’s reminders in the app with an unread count, and marks them read', async ({ skip }) => {
    if (testDb.kind !== 'postgres') return skip();
    const digest = await db.notification.findFirstOrThrow({ where: { kind: 'DAILY_DIGEST' } });
    const rep = await db.user.findFirstOrThrow({ where: { agencyId: digest.agencyId, siteId: digest.siteId, role: 'REP' } });
    const owner = new Browserish(servers[1]!.url);
    await owner.login(rep.email);
    const theirs = (await (await owner.request('GET', '/api/notifications')).json()) as NotificationList;
    expect(theirs.items.find((n) => n.id === digest.id)).toMatchObject({ kind: 'DAILY_DIGEST', read: false, link: '/' });

    const corrections = new Browserish(servers[1]!.url);
    await corrections.login('corrections@demo.test');
    const list = async () => (await (await corrections.request('GET', '/api/notifications')).json()) as NotificationList;
    const first = await list();
    expect(first.unread).toBeGreaterThanOrEqual(1);
    expect(first.items.map((n) => n.kind)).toContain('ACTION_ASSIGNED');
    expect((await corrections.request('POST', `/api/notifications/${first.items[0]!.id}/read`)).status).toBe(204);
    expect((await list()).unread).toBe(first.unread - 1);
    // Another agency's reminder is not there to mark.
    const other = await db.notification.findFirstOrThrow({ where: { agency: { code: { not: 'CORRECTIONS' } } } });
    expect((await corrections.request('POST', `/api/notifications/${other.id}/read`)).status).toBe(404);
    expect((await corrections.request('POST', '/api/notifications/read-all')).status).toBe(204);
    expect((await list()).unread).toBe(0);
  });
});

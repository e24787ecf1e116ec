import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAgency, AdminSite, CreatedUser } from '../../shared/api/admin.js';
import { adminCreate } from '../support/admin-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';
import { requireService, TEST_DATABASE_URL } from '../support/services.js';

// A site set up from an empty database: one command makes the first site and its national
// administrator and prints a set-up link; everything after that goes through the administration API.
// The command and the server are separate processes, so this needs PostgreSQL (PGlite is in-process).

const postgresHere = await requireService('PostgreSQL', TEST_DATABASE_URL, 5432);
const json = async <T,>(res: Response): Promise<T> => (await res.json()) as T;
const linkIn = (output: string) => /^(http\S+\/password#\S+)$/m.exec(output)?.[1];

describe.skipIf(!postgresHere)('the first administrator on an empty database', () => {
  let db: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let server: TestServer | undefined;

  const args = [
    '--email', 'Mereana.Te-Whata@isr.example.nz', '--name', 'Mereana Te Whata-O’Connell',
    '--site-code', 'TAIRAWHITI', '--site-name', 'Tairāwhiti', '--agency-code', 'ISR', '--agency-name', 'Integrated Safety Response',
  ];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-first-admin-'));
    env = { DATABASE_URL: db.url!, DATA_DIR: dataDir, SEED_DEMO: 'false', PUBLIC_URL: 'https://samroom.example.nz' };
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses bad options, naming the option', async () => {
    const res = await adminCreate(['--email', 'not-an-email', '--name', 'Ana', '--site-code', 'lower', '--site-name', 'X', '--agency-code', 'ISR'], env);
    expect(res.code).toBe(2);
    expect(res.output).toContain('--email');
    expect(res.output).toContain('--site-code: an upper-case code');
    const noAgencyName = await adminCreate(args.slice(0, -2), env);
    expect(noAgencyName.code).toBe(1);
    expect(noAgencyName.output).toContain('--agency-name: There is no agency with code ISR');
  }, 60_000);

  it('makes the site and the administrator, whose link sets a password; they then set the site up through the API', async () => {
    const made = await adminCreate(args, env);
    expect(made.code, made.output).toBe(0);
    const link = linkIn(made.output);
    expect(link).toMatch(/^https:\/\/samroom\.example\.nz\/password#/);
    // Once only: a second administrator is never made this way.
    const again = await adminCreate([...args.slice(0, 1), 'someone.else@isr.example.nz', ...args.slice(2)], env);
    expect(again.code).toBe(1);
    expect(again.output).toContain('An administrator already exists');

    server = await startTestServer(env);
    expect(server.demo).toBeNull();
    const admin = new Browserish(server.url);
    const token = link!.split('#')[1]!;
    expect(await json(await admin.request('POST', '/api/auth/password-link', { token }))).toMatchObject({ purpose: 'SETUP', email: 'mereana.te-whata@isr.example.nz' });
    expect((await admin.request('POST', '/api/auth/password', { token, password: 'kōtuku over the awa 3' })).status).toBe(204);
    // Signing in, they are held at setting up an authenticator app, which the helper does as they would.
    expect((await admin.login('mereana.te-whata@isr.example.nz', 'kōtuku over the awa 3')).status).toBe(200);
    expect(await json(await admin.request('GET', '/api/me'))).toMatchObject({ role: 'SITE_ADMIN', national: true, secondFactor: 'enrolled' });

    const [site] = await json<AdminSite[]>(await admin.request('GET', '/api/admin/sites'));
    expect(site).toMatchObject({ code: 'TAIRAWHITI', name: 'Tairāwhiti', training: false });
    const police = await admin.request('POST', '/api/admin/agencies', { code: 'POLICE', name: 'New Zealand Police', kind: 'POLICE' });
    expect(police.status, await police.clone().text()).toBe(201);
    expect(await json<AdminAgency>(police)).toMatchObject({ code: 'POLICE', active: true });
    expect((await admin.request('PUT', `/api/admin/sites/${site!.id}/schedule`, { dailyMeetingTime: '08:30', icmReviewWeekday: 3 })).status).toBe(200);
    const staff = await admin.request('POST', '/api/admin/users', {
      email: 'rawiri.pohatu@police.example.nz', displayName: 'Rāwiri Pōhatu', agencyCode: 'POLICE', role: 'CHAIR', siteId: site!.id,
    });
    expect(staff.status, await staff.clone().text()).toBe(201);
    const { setupLink } = await json<CreatedUser>(staff);
    const chair = new Browserish(server.url);
    expect((await chair.request('POST', '/api/auth/password', { token: setupLink.url.split('#')[1], password: 'tōtara beside the river' })).status).toBe(204);
    expect((await chair.login('rawiri.pohatu@police.example.nz', 'tōtara beside the river')).status).toBe(200);

    const trail = await server.ctx.db.auditEvent.findMany({ where: { actorLabel: 'operator (npm run admin:create)' }, select: { action: true } });
    expect(trail.map((e) => e.action).sort()).toEqual(['agency.create', 'site.create', 'user.create']);
    expect((await server.ctx.audit.verify()).ok).toBe(true);
  }, 120_000);
});

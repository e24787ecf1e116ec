import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startIdentityProvider, type TestIdentityProvider } from '../support/oidc-provider.js';
import { buildClientIfStale } from './support/room-server.js';
import { ROOM_VIEWPORT, signIn } from './support/room-page.js';

// Single sign-on end to end in Chromium: SAM Room against a real OpenID provider (oidc-provider,
// in this process on a loopback port), the authorization code flow with PKCE. The provider's
// claims say agency, role and site; an unknown agency is refused with a page that says so.

test.describe.configure({ mode: 'serial' });

let idp: TestIdentityProvider;
let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  buildClientIfStale();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  idp = await startIdentityProvider({ clientId: 'samroom', clientSecret: 'test-secret-kowhai-0123456789', redirectUri: `${publicUrl}/api/auth/oidc/callback` });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-sso-'));
  server = await startServerProcess({
    port, dataDir,
    env: {
      PUBLIC_URL: publicUrl, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: 'samroom', OIDC_CLIENT_SECRET: 'test-secret-kowhai-0123456789', OIDC_NAME: 'Te Tari Pūtea ID',
      OIDC_AGENCY_CLAIM: 'agency', OIDC_ROLE_CLAIM: 'role', OIDC_SITE_CLAIM: 'site',
    },
  });
});

test.afterAll(async () => {
  await server?.stop('SIGTERM');
  await idp?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The provider's development login and consent pages, as a person fills them. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Sign in with Te Tari Pūtea ID' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

test('signs in through the organisation, with agency, role and site from its claims, and signs out', async ({ browser }) => {
  idp.accounts.set('hana-ot', { email: 'hana.pomare@ot.example.nz', name: 'Hana Pōmare', agency: 'OT', role: 'REP', site: 'WAIKATO' });
  const context = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT });
  const page = await context.newPage();
  await signInAtProvider(page, 'hana-ot');
  await expect(page.getByRole('banner')).toContainText('Hana Pōmare');
  await expect(page.getByRole('banner')).toContainText('Oranga Tamariki · Agency representative');
  const me = (await (await context.request.get('/api/me')).json()) as { agency: { code: string }; role: string; siteId: string };
  const sites = (await (await context.request.get('/api/sites')).json()) as { id: string; code: string }[];
  expect(me).toMatchObject({ agency: { code: 'OT' }, role: 'REP' });
  expect(sites.map((s) => s.code)).toEqual(['WAIKATO']);
  await page.screenshot({ path: test.info().outputPath('sso-signed-in.png'), fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  expect((await context.request.get('/api/me')).status()).toBe(401);
  await context.close();
});

test('a pre-provisioned account is matched by email the first time, then by the provider’s subject', async ({ browser }) => {
  idp.accounts.set('chair-sub-1', { email: 'chair@demo.test', name: 'Chair', agency: 'POLICE', role: 'CHAIR', site: 'CANTERBURY' });
  const context = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT });
  const page = await context.newPage();
  await signInAtProvider(page, 'chair-sub-1');
  const me = (await (await context.request.get('/api/me')).json()) as { email: string; displayName: string };
  expect(me.email).toBe('chair@demo.test');
  // The seeded name stays: the account was matched, not made again.
  expect(me.displayName).not.toBe('Chair');
  await context.close();
});

test('an unknown agency is refused with a page that says what and who can fix it, and no account is made', async ({ browser }) => {
  idp.accounts.set('nobody-agency', { email: 'tane.unknown@example.nz', name: 'Tāne Unknown', agency: 'NOT_AN_AGENCY', role: 'REP', site: 'CANTERBURY' });
  const context = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT });
  const page = await context.newPage();
  await signInAtProvider(page, 'nobody-agency');
  await expect(page.getByRole('heading', { name: 'You weren’t signed in' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('“NOT_AN_AGENCY”, which SAM Room doesn’t know');
  await page.screenshot({ path: test.info().outputPath('sso-refused.png'), fullPage: true });
  expect((await context.request.get('/api/me')).status()).toBe(401);
  // Nobody with that email exists: the national administrator's list of Canterbury staff lacks it.
  const { context: admin } = await signIn(browser, server.url, 'national.admin@demo.test');
  const users = (await (await admin.request.get('/api/admin/users')).json()) as { email: string }[];
  expect(users.length).toBeGreaterThan(0);
  expect(users.map((u) => u.email)).not.toContain('tane.unknown@example.nz');
  await admin.close();
  await context.close();
});

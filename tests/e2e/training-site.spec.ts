import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { CreatedUser } from '../../shared/api/admin.js';
import { ROOM_VIEWPORT, signIn, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// A national administrator makes a training site in real Chromium and resets it; a trainee there
// sees TRAINING across every page, and a live site's staff do not.

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let national: Person;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  national = await signIn(browser, server.url, 'national.admin@demo.test');
});
test.afterAll(async () => {
  await national?.context.close();
  await server?.stopAndClean();
});

test('a national administrator makes a training site and resets it; its trainee sees TRAINING on every page', async ({ browser }) => {
  const { page } = national;
  await page.goto('/admin');
  await expect(page.getByRole('note')).toHaveCount(0);
  await page.getByLabel('New site code').fill('training_otautahi');
  await page.getByLabel('Name', { exact: true }).first().fill('Ōtautahi training');
  await page.getByLabel('Training site').check();
  await page.getByRole('button', { name: 'Add site' }).click();
  await expect(page.getByLabel('Site', { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel('Site', { exact: true }).locator('option:checked')).toHaveText('Ōtautahi training (training)');
  const reset = page.getByRole('button', { name: 'Reset training site' });
  await expect(reset).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('training-admin.png') });

  page.once('dialog', (dialog) => void dialog.accept());
  await reset.click();
  await expect(page.getByRole('status').filter({ hasText: 'back to its starting state' })).toContainText(/\d+ whānau on today’s list/);

  // A trainee, through the normal staff administration.
  const sites = (await (await page.request.get('/api/admin/sites')).json()) as { id: string; code: string }[];
  const site = sites.find((s) => s.code === 'TRAINING_OTAUTAHI')!;
  const made = await page.request.post('/api/admin/users', {
    data: { email: 'aroha.trainee@demo.test', displayName: 'Aroha Tāwhai-Ó’Neill', agencyCode: 'OT', role: 'CHAIR', siteId: site.id },
    headers: { 'X-Requested-With': 'samroom' },
  });
  expect(made.status()).toBe(201);
  const { setupLink } = (await made.json()) as CreatedUser;
  const context = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT });
  const trainee = await context.newPage();
  await trainee.goto(setupLink.url);
  await trainee.getByLabel('New password').fill('tūī singing at dawn');
  await trainee.getByLabel('Type it again').fill('tūī singing at dawn');
  await trainee.getByRole('button', { name: 'Set password' }).click();
  await trainee.getByRole('link', { name: 'Sign in' }).click();
  await trainee.getByLabel('Email').fill('aroha.trainee@demo.test');
  await trainee.getByLabel('Password').fill('tūī singing at dawn');
  await trainee.getByRole('button', { name: 'Sign in' }).click();
  const banner = trainee.getByRole('note').filter({ hasText: 'TRAINING' });
  await expect(banner).toBeVisible();
  await trainee.screenshot({ path: test.info().outputPath('training-home.png') });
  const meetingLink = trainee.locator('a[href^="/meetings/"]').first();
  await meetingLink.click();
  await expect(banner).toBeVisible();
  await trainee.screenshot({ path: test.info().outputPath('training-meeting.png') });

  // Someone the trainee invites by link waits in the lobby under the same banner.
  const meetingId = new URL(trainee.url()).pathname.split('/')[2]!;
  const created = await trainee.request.post(`/api/meetings/${meetingId}/invites`, {
    data: { agencyCode: 'HEALTH', role: 'REP', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), maxUses: 1 },
    headers: { 'X-Requested-With': 'samroom' },
  });
  expect(created.status()).toBe(201);
  const guestContext = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT });
  const guest = await guestContext.newPage();
  await guest.goto(((await created.json()) as { url: string }).url);
  await expect(guest.getByRole('note').filter({ hasText: 'TRAINING' })).toBeVisible();
  await guest.getByLabel('Your name').fill('Hine Tūhoe-Rāwiri');
  await guest.getByRole('radio', { name: 'Remotely' }).check();
  await guest.getByRole('checkbox', { name: /information shared at this meeting is confidential/ }).check();
  await guest.getByRole('button', { name: 'Join' }).click();
  await expect(guest.getByText('Waiting for the chair to admit you…')).toBeVisible();
  await expect(guest.getByRole('note').filter({ hasText: 'TRAINING' })).toBeVisible();
  await guest.screenshot({ path: test.info().outputPath('training-lobby.png') });
  await guestContext.close();
  await context.close();
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { codeAt } from '../support/authenticator.js';
import { DEMO_PASSWORD } from '../support/server.js';
import { ROOM_VIEWPORT } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// An administrator in real Chromium: sent to set up an authenticator app before anything else,
// scans (here: reads the key an app would scan), confirms with a first code, and from then on
// signs in with a code after the password. Codes come from otplib, as an authenticator app's.

let server: RoomServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startRoomServer();
});
test.afterAll(async () => server?.stopAndClean());

const step = () => Math.floor(Date.now() / 30_000);

test('an administrator enrols an authenticator app, then signs in with a code', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT });
  const page = await context.newPage();
  const signInWithPassword = async () => {
    await page.goto('/signin');
    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  await signInWithPassword();
  await expect(page).toHaveURL(/\/second-factor$/);
  await expect(page.getByRole('heading', { name: 'Set up your authenticator app' })).toBeVisible();
  // Nothing else opens first.
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/second-factor$/);
  const qr = page.getByRole('img', { name: 'QR code for SAM Room, admin@demo.test' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('second-factor-enrol.png'), fullPage: true });

  const secret = (await page.getByLabel('Key').innerText()).replace(/\s+/g, '');
  await page.getByLabel('Enter the 6-digit code the app shows').fill('000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  const first = step();
  await page.getByLabel('Enter the 6-digit code the app shows').fill(await codeAt(secret, first));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Staff' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await signInWithPassword();
  const codeField = page.getByLabel('Code from your authenticator app');
  await expect(codeField).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('second-factor-sign-in.png'), fullPage: true });
  await codeField.fill(await codeAt(secret, first + 1));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const ownRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'admin@demo.test', exact: true }) });
  await expect(ownRow.getByRole('button', { name: /Reset the authenticator app of/ })).toBeVisible();
  await ownRow.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('second-factor-admin.png') });
  await context.close();
});

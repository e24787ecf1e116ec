import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { board, connection, openRoom, ROOM_VIEWPORT, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// An administrator runs the site's people in real Chromium: a new person is invited, sets their
// password through the one-time link, signs in and enters the meeting, and the moment they are
// disabled their live connection ends.

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let admin: Person;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  admin = await signIn(browser, server.url, 'admin@demo.test');
});

test.afterAll(async () => {
  await admin?.context.close();
  await server?.stopAndClean();
});

const staffRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

test('a new person is invited, sets a password, signs in, is disabled and loses their live connection', async ({ browser }) => {
  const { page } = admin;
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Staff' })).toBeVisible();

  // The schedule.
  await page.getByLabel('Daily SAM starts at').fill('08:15');
  await page.getByLabel('Weekly ICM review').selectOption({ label: 'Friday' });
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Schedule saved.')).toBeVisible();

  // Invite.
  const name = 'Mereana Ō’Sullivan-Tūhoe';
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill('mereana.osullivan@demo.test');
  await page.getByLabel('Agency').selectOption({ label: 'Oranga Tamariki' });
  await page.getByLabel('Role').selectOption({ label: 'Agency representative' });
  await page.getByRole('button', { name: 'Add and make a set-up link' }).click();
  const link = await page.getByLabel(/Set-up link for Mereana/).inputValue();
  expect(link).toMatch(/\/password#[\w-]{43}$/);
  await expect(staffRow(page, name)).toContainText('Invited');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('admin-invited.png'), fullPage: true });

  // The person sets a password: a common one is refused with the reason, a good one accepted.
  const context = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT });
  const person = await context.newPage();
  await person.goto(link);
  await expect(person.getByText(`Welcome, ${name}`)).toBeVisible();
  await expect(person).toHaveURL(/\/password$/);
  await person.getByLabel('New password').fill('password1234');
  await person.getByLabel('Type it again').fill('password1234');
  await person.getByRole('button', { name: 'Set password' }).click();
  await expect(person.getByRole('alert')).toContainText('commonly used');
  const good = 'harakeke weaving at dawn';
  await person.getByLabel('New password').fill(good);
  await person.getByLabel('Type it again').fill(good);
  await person.getByRole('button', { name: 'Set password' }).click();
  await person.getByRole('link', { name: 'Sign in' }).click();

  await person.getByLabel('Email').fill('mereana.osullivan@demo.test');
  await person.getByLabel('Password').fill(good);
  await person.getByRole('button', { name: 'Sign in' }).click();
  await expect(person.getByRole('banner')).toContainText(name);

  const meetingId = await todaysMeetingId({ context, page: person });
  await openRoom({ context, page: person }, meetingId);
  await expect(board(person).locator('.board-row').first()).toBeVisible();

  // Their session shows to the administrator; disabling ends the connection at once.
  await page.reload();
  await expect(staffRow(page, name)).toContainText('Active');
  await page.getByRole('button', { name: `Sessions of ${name}` }).click();
  await expect(page.getByRole('list', { name: `Sessions of ${name}` }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: `Disable ${name}` }).click();
  await expect(staffRow(page, name)).toContainText('Disabled');

  await expect(person.getByRole('alert').filter({ hasText: 'Your account has been disabled' })).toBeVisible();
  await expect(connection(person)).not.toHaveAttribute('data-state', 'connected');
  await person.screenshot({ path: test.info().outputPath('person-disabled.png'), fullPage: true });
  await context.close();
});

test('a staff member who is not an administrator is told the page is not theirs', async ({ browser }) => {
  const chair = await signIn(browser, server.url, 'chair@demo.test');
  await chair.page.goto('/admin');
  await expect(chair.page.getByRole('alert')).toContainText('Only administrators');
  await expect(chair.page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await chair.context.close();
});

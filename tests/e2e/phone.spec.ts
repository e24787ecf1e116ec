import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../support/server.js';
import { familyRefs, openRoom, panel, panelHeading, rowButton, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// A representative joining from a car or a corridor on a phone (375 px wide): they follow the
// list and the chair's focus, read the item, see who is here, and write their agency's part.

test.describe.configure({ mode: 'serial' });

const PHONE = { width: 375, height: 740 };

let server: RoomServer;
let meetingId: string;
let chair: Person;
let phone: Person;
let refs: string[];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, isMobile: true, hasTouch: true, timezoneId: 'UTC' });
  const login = await context.request.post('/api/auth/login', {
    data: { email: 'corrections@demo.test', password: DEMO_PASSWORD },
    headers: { 'X-Requested-With': 'samroom' },
  });
  expect(login.ok()).toBe(true);
  phone = { context, page: await context.newPage() };
  meetingId = await todaysMeetingId(chair);
  await Promise.all([openRoom(chair, meetingId), openRoom(phone, meetingId)]);
  refs = await familyRefs(chair.page);
});

test.afterAll(async () => {
  for (const p of [chair, phone]) await p?.context.close();
  await server?.stopAndClean();
});

/** Nothing on the page is wider than the screen: no sideways scrolling to read anything. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page wider than the phone').toBeLessThanOrEqual(0);
}

test('on a phone the room follows the chair’s focus and shows who is here', async () => {
  const page = phone.page;
  await expectNoSidewaysScroll(page);
  await expect(page.getByRole('region', { name: /Here/ })).toContainText('Corrections');

  await chair.page.getByRole('button', { name: 'Start meeting' }).click();
  // Started, the chair's keyboard is on the open item's decision; from there to the third row.
  await expect(chair.page.locator('.risk-picker :focus')).toHaveCount(1);
  await rowButton(chair.page, refs[2]!).focus();
  await chair.page.keyboard.press('f');
  // The item in focus is what the phone shows, without scrolling past the list to find it.
  await expect(panelHeading(page)).toHaveText(refs[2]!);
  await expect(panelHeading(page)).toBeInViewport();
  await expect(page.getByRole('link', { name: /Back to the list/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: test.info().outputPath('phone-item.png'), fullPage: false });
});

test('on a phone a representative writes their own agency’s information and shares it', async () => {
  const page = phone.page;
  const prep = panel(page).getByRole('region', { name: /^Our preparation/ });
  await prep.getByRole('textbox', { name: 'Our notes on this family' }).tap();
  await page.keyboard.type('Released on parole last month; reporting weekly.');
  await prep.getByRole('button', { name: 'Share with the meeting' }).tap();
  await expect(prep.getByRole('status')).toContainText('Shared with the meeting');
  await expect(panel(chair.page).getByRole('textbox', { name: 'Corrections: what the agency holds' })).toHaveValue('Released on parole last month; reporting weekly.');
  await expectNoSidewaysScroll(page);
});

test('on a phone the list is a tap away, and the room has no serious accessibility problems', async () => {
  const page = phone.page;
  await page.getByRole('link', { name: /Back to the list/ }).tap();
  await expect(rowButton(page, refs[2]!)).toBeInViewport();
  await expect(rowButton(page, refs[2]!)).toBeFocused();
  await rowButton(page, refs[5]!).tap();
  await expect(panelHeading(page)).toHaveText(refs[5]!);
  await expect(panelHeading(page)).toBeInViewport();

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('phone-room.png'), fullPage: true });
});

test('on a phone the home page fits the screen: its tables scroll inside their own box', async () => {
  const { page } = phone;
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /Kia ora/ })).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await expectNoSidewaysScroll(page);
});

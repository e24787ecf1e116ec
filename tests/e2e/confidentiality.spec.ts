import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DateTime } from 'luxon';
import { acknowledgeStatement, board, connection, openRoom, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// A staff member entering a live meeting acknowledges the confidentiality statement first, in
// real Chromium: nothing of the meeting shows before, the room opens after, the statement is not
// asked again, and the minutes' attendance carries the time.

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let meetingId: string;
let chair: Person;
let police: Person;
let policeName: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  police = await signIn(browser, server.url, 'police@demo.test');
  meetingId = await todaysMeetingId(chair);
  policeName = ((await (await police.context.request.get('/api/me')).json()) as { displayName: string }).displayName;
  await openRoom(chair, meetingId);
  await chair.page.getByRole('button', { name: 'Start meeting' }).click();
  await expect(chair.page.locator('.room__date')).toContainText('Live');
});

test.afterAll(async () => {
  await chair?.context.close();
  await police?.context.close();
  await server?.stopAndClean();
});

test('a staff member acknowledges the statement before a live meeting opens, once', async () => {
  const { page } = police;
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByRole('heading', { name: 'Before you enter the meeting' })).toBeVisible();
  await expect(page.getByText('Family Violence Act 2018', { exact: false }).first()).toBeVisible();
  // Nothing of the meeting before it: no list, no connection, nobody sees them in the room.
  await expect(board(page)).toHaveCount(0);
  await expect(connection(page)).toHaveCount(0);
  await expect(chair.page.getByRole('region', { name: /Here/ })).not.toContainText(policeName);

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('confidentiality-statement.png'), fullPage: true });

  // Entering without ticking says why and stays put.
  await page.getByRole('button', { name: 'Enter the meeting' }).click();
  await expect(page.getByText('Tick the box to confirm you will keep the meeting’s information confidential.')).toBeVisible();
  await expect(board(page)).toHaveCount(0);

  await acknowledgeStatement(page);
  await expect(board(page).locator('.board-row').first()).toBeVisible();
  await expect(connection(page)).toHaveAttribute('data-state', 'connected');
  await expect(chair.page.getByRole('region', { name: /Here/ })).toContainText(policeName);

  // Once per meeting: coming back opens the room straight away.
  await page.reload();
  await expect(board(page).locator('.board-row').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Before you enter the meeting' })).toHaveCount(0);

  // The minutes' attendance carries the time of the acknowledgement.
  const detail = await (await page.request.get(`/api/meetings/${meetingId}`)).json() as { confidentiality: { acknowledgedAt: string } };
  const time = DateTime.fromISO(detail.confidentiality.acknowledgedAt, { zone: 'Pacific/Auckland' }).toFormat('HH:mm');
  const minutes = await (await chair.context.request.get(`/api/meetings/${meetingId}/minutes?format=md`)).text();
  const row = minutes.split('\n').find((l) => l.startsWith('|') && l.includes(policeName)) ?? '';
  expect(row).toContain(`Yes, ${time}`);
});

import path from 'node:path';
import { expect, test } from '@playwright/test';
import { board, openRoom, rows, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// The coordinator imports the day's file from the room, and a representative downloads their
// agency's minutes — with a second person watching the list grow live.

let server: RoomServer;
let coordinator: Person;
let police: Person;
let meetingId: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  coordinator = await signIn(browser, server.url, 'coordinator@demo.test');
  police = await signIn(browser, server.url, 'police@demo.test');
  meetingId = await todaysMeetingId(coordinator);
});

test.afterAll(async () => {
  for (const p of [coordinator, police]) await p?.context.close();
  await server?.stopAndClean();
});

test('the coordinator imports episodes from the room and everyone sees the new items at once', async () => {
  const [page, watcher] = await Promise.all([openRoom(coordinator, meetingId), openRoom(police, meetingId)]);
  const before = await rows(watcher).count();
  await page.getByText('Import, invitations, minutes', { exact: true }).click();
  await page.getByLabel('CSV or JSON file of the day’s episodes').setInputFiles(path.resolve(import.meta.dirname, '../fixtures/import/good.csv'));
  await expect(page.getByText(/episodes? imported; \d+ new items?/)).toBeVisible();
  await expect.poll(() => rows(watcher).count()).toBeGreaterThan(before);
  await expect(board(watcher)).toBeVisible();
});

test('a representative downloads their agency’s minutes, watermarked for them', async () => {
  const page = await openRoom(police, meetingId);
  await page.getByText('Minutes and actions', { exact: true }).click();
  await expect(page.getByRole('heading', { name: /Minutes and actions for/ })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Minutes (Markdown)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/POLICE\.md$/);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text).toMatch(/Copy for .+ \(POLICE\)/);
  expect(text).toContain('DRAFT');
});

import { expect, test } from '@playwright/test';
import { familyRefs, openItem, openRoom, panel, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// An action one agency adds for another is its proposal until that agency or the chair confirms
// it; only they set its status. The server enforces this (tests/integration/authorship.test.ts);
// here the room shows it.

let server: RoomServer;
let chair: Person;
let police: Person;
let corrections: Person;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  police = await signIn(browser, server.url, 'police@demo.test');
  corrections = await signIn(browser, server.url, 'corrections@demo.test');
  const meetingId = await todaysMeetingId(chair);
  await Promise.all([chair, police, corrections].map((p) => openRoom(p, meetingId)));
});

test.afterAll(async () => {
  for (const p of [chair, police, corrections]) await p?.context.close();
  await server?.stopAndClean();
});

test('Police proposes an action for Corrections; Corrections confirms it and then sets its status', async () => {
  const [ref] = await familyRefs(chair.page);
  await Promise.all([chair, police, corrections].map((p) => openItem(p.page, ref!)));
  await panel(police.page).getByRole('button', { name: 'Add blank action' }).click();
  await panel(police.page).getByRole('combobox', { name: 'Action 1 Agency' }).selectOption('CORRECTIONS');

  const proposal = (p: Person) => panel(p.page).locator('.action__proposal');
  const status = (p: Person) => panel(p.page).getByRole('combobox', { name: 'Action 1 Status' });
  for (const p of [police, corrections, chair]) await expect(proposal(p)).toContainText('Proposed by Police');
  // Police can neither confirm its own proposal nor set the status; Corrections and the chair can confirm.
  await expect(proposal(police).getByRole('button')).toHaveCount(0);
  await expect(status(police)).toBeDisabled();
  await expect(status(corrections)).toBeDisabled();
  await expect(proposal(chair).getByRole('button', { name: 'confirm action 1' })).toBeVisible();

  await proposal(corrections).getByRole('button', { name: 'confirm action 1' }).click();
  for (const p of [police, corrections, chair]) await expect(proposal(p)).toHaveCount(0);
  await status(corrections).selectOption('IN_PROGRESS');
  await expect(status(police)).toHaveValue('IN_PROGRESS');
  await expect(status(police)).toBeDisabled();
  await expect(status(chair)).toBeEnabled();
});

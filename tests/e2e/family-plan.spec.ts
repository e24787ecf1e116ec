import { expect, test, type Locator, type Page } from '@playwright/test';
import { openItem, openRoom, panel, rationale, signIn, todaysMeetingId, familyRefs, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// A whānau's safety plan, written live: the chair beside the item in the room, the coordinator on
// the case page, each seeing the other's words; the decision keeps the plan as a version.

let server: RoomServer;
let chair: Person;
let coordinator: Person;
let meetingId: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  coordinator = await signIn(browser, server.url, 'coordinator@demo.test');
  meetingId = await todaysMeetingId(chair);
});

test.afterAll(async () => {
  for (const p of [chair, coordinator]) await p?.context.close();
  await server?.stopAndClean();
});

const plan = (scope: Page | Locator) => scope.getByRole('region', { name: 'Safety plan' });

test('two people co-write the plan, one in the room and one on the case page; the decision makes a version @control', async () => {
  test.setTimeout(120_000);
  await openRoom(chair, meetingId);
  await chair.page.getByRole('button', { name: 'Start meeting' }).click();
  const ref = (await familyRefs(chair.page))[0]!;
  await openItem(chair.page, ref);

  const inRoom = plan(panel(chair.page));
  await expect(inRoom.getByRole('textbox', { name: 'Risks and needs' })).toBeVisible();
  const href = await inRoom.getByRole('link', { name: 'Open the whānau record' }).getAttribute('href');
  await coordinator.page.goto(href!);
  const onCase = plan(coordinator.page);
  await expect(onCase.getByRole('textbox', { name: 'Risks and needs' })).toBeVisible();

  // Each types into a different section; each sees the other's words.
  await inRoom.getByRole('textbox', { name: 'Risks and needs' }).pressSequentially('Threats after the separation; Tūhoe whānau support nearby.');
  await onCase.getByRole('textbox', { name: 'Children’s safety' }).pressSequentially("Kura told who may collect Ani and Wiremu O'Neill.");
  await expect(onCase.getByRole('textbox', { name: 'Risks and needs' })).toHaveValue('Threats after the separation; Tūhoe whānau support nearby.');
  await expect(inRoom.getByRole('textbox', { name: 'Children’s safety' })).toHaveValue("Kura told who may collect Ani and Wiremu O'Neill.");

  // A strategy added on the case page appears in the room, where the chair gives it an agency.
  await onCase.getByRole('button', { name: 'Add a strategy' }).click();
  await onCase.getByRole('textbox', { name: 'Strategy 1' }).pressSequentially('Trespass notice served at the house');
  await expect(inRoom.getByRole('textbox', { name: 'Strategy 1' })).toHaveValue('Trespass notice served at the house');
  await inRoom.getByRole('group', { name: 'Strategy 1' }).getByLabel('Responsible agency').selectOption({ label: 'New Zealand Police' });
  await expect(onCase.getByRole('group', { name: 'Strategy 1' }).getByLabel('Responsible agency')).toHaveValue('POLICE');
  await expect(onCase.getByText('None yet.')).toBeVisible();
  await coordinator.page.screenshot({ path: test.info().outputPath('plan-case-page.png'), fullPage: true });
  await chair.page.screenshot({ path: test.info().outputPath('plan-in-room.png'), fullPage: false });

  // The chair decides the item: the plan as it stands becomes version 1.
  const bar = panel(chair.page).getByRole('region', { name: 'Decision' });
  await bar.getByRole('radiogroup', { name: 'Risk' }).getByRole('radio', { name: /High/ }).click();
  await bar.getByRole('combobox', { name: 'Pathway' }).click();
  await chair.page.getByRole('option', { name: 'Lead agency response', exact: true }).click();
  await bar.getByRole('combobox', { name: 'Lead agency' }).click();
  await chair.page.getByRole('listbox', { name: 'Lead agency' }).getByRole('option', { name: 'New Zealand Police' }).click();
  await rationale(chair.page).fill('High risk agreed; Police lead while the trespass notice is served.');
  await bar.getByRole('combobox', { name: 'Add action' }).click();
  await chair.page.getByRole('option', { name: 'Safety plan — Police' }).click();
  await bar.getByRole('button', { name: 'Finalize & next' }).click();
  await expect(chair.page.locator('.decided-notice')).toHaveText(`${ref} decided — version 1.`);

  await coordinator.page.reload();
  const versions = plan(coordinator.page).getByRole('region', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(1);
  await expect(versions.getByRole('listitem').first()).toContainText('Version 1 — decision of');
  // Police lead now: the coordinator (Police) writes the private part and takes the plan as PDF.
  await expect(plan(coordinator.page).getByRole('textbox', { name: 'Victim’s voice' })).toBeVisible();
  const download = coordinator.page.waitForEvent('download');
  await plan(coordinator.page).getByRole('button', { name: 'Download the plan (PDF)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^safety-plan-.*\.pdf$/);
  await coordinator.page.screenshot({ path: test.info().outputPath('plan-versions.png'), fullPage: true });
});

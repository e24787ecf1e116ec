import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { listItems, meetingDocName } from '../../shared/meeting-doc/index.js';
import { connectDoc, synced } from '../support/collab-client.js';
import { connectControl, handshakeOutcome } from '../support/control-client.js';
import { board, openRoom, ROOM_VIEWPORT, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// At the close, in real Chromium: a remote invitee lands on a page offering their own agency's
// minutes and action list (and finds it again through their link), a representative in the room
// gets their agency's version, and the chair gets every agency's pack in one zip.

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let meetingId: string;
let chair: Person;
let police: Person;
let invitee: Page;
let link: string;

async function expectNoSeriousAxeFindings(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  police = await signIn(browser, server.url, 'police@demo.test');
  meetingId = await todaysMeetingId(chair);
  await Promise.all([openRoom(chair, meetingId), openRoom(police, meetingId)]);
  await chair.page.getByRole('button', { name: 'Start meeting' }).click();

  // An Oranga Tamariki representative joins by link and is admitted from the room.
  const res = await chair.context.request.post(`/api/meetings/${meetingId}/invites`, {
    headers: { 'X-Requested-With': 'samroom' },
    data: { agencyCode: 'OT', role: 'REP', maxUses: 1, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
  });
  expect(res.status(), await res.text()).toBe(201);
  link = ((await res.json()) as { url: string }).url;
  const context = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT, timezoneId: 'UTC', acceptDownloads: true });
  invitee = await context.newPage();
  await invitee.goto(link);
  await invitee.getByLabel('Your name').fill('Aroha Ngata');
  await invitee.getByRole('checkbox', { name: /information shared at this meeting is confidential/ }).check();
  await invitee.getByRole('button', { name: 'Join' }).click();
  await chair.page.getByRole('region', { name: /Waiting to join/ }).getByRole('button', { name: 'Admit Aroha Ngata' }).click();
  await expect(board(invitee).locator('.board-row').first()).toBeVisible();
});

test.afterAll(async () => {
  await invitee?.context().close();
  await chair?.context.close();
  await police?.context.close();
  await server?.stopAndClean();
});

test('at the close the invitee lands on their agency’s pack, and each person gets what is theirs', async () => {
  // Deciding 35 families is not what this test is about: the chair defers them all and closes.
  const token = (await chair.context.cookies()).find((c) => c.name === 'samroom_session')!.value;
  const doc = connectDoc(server.url, meetingDocName(meetingId), token);
  const control = connectControl(server.url, meetingId, token);
  try {
    await synced(doc);
    expect(await handshakeOutcome(control)).toBe('connected');
    for (const item of listItems(doc.doc)) {
      expect(await control.send('item:defer', { itemId: item.id, reason: 'Waiting for information' })).toEqual({ ok: true });
      await new Promise((r) => setTimeout(r, 60)); // under the control plane's 20 commands a second
    }
    expect(await control.send('meeting:close', {})).toMatchObject({ ok: true });
  } finally {
    doc.destroy();
    control.close();
  }

  // The invitee: their access to the meeting has ended; their agency's version is still theirs.
  await expect(invitee).toHaveURL(/\/lobby$/);
  await expect(invitee.getByRole('heading', { name: 'The meeting has closed' })).toBeVisible();
  await expect(invitee.getByRole('heading', { name: 'Oranga Tamariki’s minutes and action list' })).toBeVisible();
  await expect(invitee.getByText(/You can download your agency’s own version until/)).toBeVisible();
  await expectNoSeriousAxeFindings(invitee);
  await invitee.screenshot({ path: test.info().outputPath('invitee-after-close.png'), fullPage: true });
  const [minutes] = await Promise.all([invitee.waitForEvent('download'), invitee.getByRole('button', { name: 'Minutes (PDF)' }).click()]);
  expect(minutes.suggestedFilename()).toMatch(/^SAM-minutes-Canterbury-\d{4}-\d{2}-\d{2}-OT\.pdf$/);
  const [actions] = await Promise.all([invitee.waitForEvent('download'), invitee.getByRole('button', { name: 'Action list (CSV)' }).click()]);
  expect(actions.suggestedFilename()).toMatch(/-OT\.csv$/);
  // Back through their invitation link later, the same page.
  await invitee.goto(link);
  await expect(invitee).toHaveURL(/\/lobby$/);
  await expect(invitee.getByRole('heading', { name: 'Oranga Tamariki’s minutes and action list' })).toBeVisible();

  // A representative in the room: their own agency's version, no packs.
  await expect(police.page.getByText('This meeting is closed')).toBeVisible();
  const policeTools = police.page.getByRole('region', { name: 'Minutes and actions for New Zealand Police' });
  await expect(policeTools).toBeVisible();
  await expect(police.page.getByRole('button', { name: 'All agency packs (.zip)' })).toHaveCount(0);
  const [own] = await Promise.all([police.page.waitForEvent('download'), policeTools.getByRole('button', { name: 'Action list (PDF)' }).click()]);
  expect(own.suggestedFilename()).toMatch(/-POLICE\.pdf$/);
  await policeTools.scrollIntoViewIfNeeded();
  await police.page.screenshot({ path: test.info().outputPath('rep-after-close.png') });

  // The chair: every attending agency's pack in one step.
  const packs = chair.page.getByRole('button', { name: 'All agency packs (.zip)' });
  await expect(packs).toBeVisible();
  await packs.scrollIntoViewIfNeeded();
  await chair.page.screenshot({ path: test.info().outputPath('chair-after-close.png') });
  const [zip] = await Promise.all([chair.page.waitForEvent('download'), packs.click()]);
  expect(zip.suggestedFilename()).toMatch(/^SAM-agency-packs-Canterbury-\d{4}-\d{2}-\d{2}\.zip$/);
  await expectNoSeriousAxeFindings(chair.page);
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { meetingDocName, listItems, setFields, getField, rationaleText } from '../../shared/meeting-doc/index.js';
import { rationaleReason, recordedBand } from '../../shared/rules/decision-rules.js';
import { connectDoc, synced } from '../support/collab-client.js';
import {
  ROOM_VIEWPORT, board, connection, familyRefs, openItem, openRoom, panel, panelHeading, rationale, row, rowButton, signIn,
  todaysMeetingId, type Person,
} from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// The meeting room with several people at once, in real Chromium against the real server.
// Tests tagged @control need the socket.io control plane (start, focus, finalize, close); the
// others exercise the content plane only. The file runs in order: later tests build on the
// meeting state earlier ones left (started, items decided).

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let meetingId: string;
let chair: Person;
let police: Person;
let ot: Person;
let refs: string[];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  police = await signIn(browser, server.url, 'police@demo.test');
  ot = await signIn(browser, server.url, 'ot@demo.test');
  meetingId = await todaysMeetingId(chair);
  await Promise.all([chair, police, ot].map((p) => openRoom(p, meetingId)));
  refs = await familyRefs(chair.page);
  expect(refs.length).toBeGreaterThan(20);
});

test.afterAll(async () => {
  for (const p of [chair, police, ot]) await p?.context.close();
  // ROOM_SERVER_LOG=1 prints the server's warnings (e.g. why it closed a connection).
  if (process.env.ROOM_SERVER_LOG) console.log(server?.output());
  await server?.stopAndClean();
});

async function expectNoSeriousAxeFindings(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

const decisionBar = (page: Page) => panel(page).getByRole('region', { name: 'Decision' });

async function openEverywhere(familyRef: string, ...people: Person[]): Promise<void> {
  await Promise.all(people.map((p) => openItem(p.page, familyRef)));
}

test('two people typing in the same rationale both see the merged text', async () => {
  const ref = refs[1]!;
  await openEverywhere(ref, police, ot, chair);
  await rationale(police.page).click();
  await police.page.keyboard.type('Base.');
  await expect(rationale(ot.page)).toHaveValue('Base.');

  // Both type at once, at opposite ends: each keystroke merges, and neither caret is pushed about.
  await rationale(ot.page).click();
  await ot.page.keyboard.press('Control+End');
  await police.page.keyboard.press('Control+Home');
  await Promise.all([
    police.page.keyboard.type('Police know the family. ', { delay: 15 }),
    ot.page.keyboard.type(' OT has an open file.', { delay: 15 }),
  ]);
  const merged = 'Police know the family. Base. OT has an open file.';
  for (const p of [police, ot, chair]) await expect(rationale(p.page)).toHaveValue(merged);
  // The others see who is in the field.
  await expect(panel(chair.page).locator('.typing')).toContainText(/editing here/);
});

test('an action one person adds appears for the others', async () => {
  const ref = refs[1]!;
  await panel(police.page).getByRole('button', { name: 'Add blank action' }).click();
  const type = panel(police.page).getByRole('combobox', { name: 'Action 1 Type' });
  await expect(type).toBeFocused();
  await type.fill('Home visit');
  await panel(police.page).getByRole('textbox', { name: 'Action 1 description' }).fill('Visit with a victim specialist within 48 hours.');

  for (const p of [ot, chair]) {
    await expect(panelHeading(p.page)).toHaveText(ref);
    await expect(panel(p.page).getByRole('combobox', { name: 'Action 1 Type' })).toHaveValue('Home visit');
    await expect(panel(p.page).getByRole('textbox', { name: 'Action 1 description' })).toHaveValue('Visit with a victim specialist within 48 hours.');
    await expect(panel(p.page).getByRole('combobox', { name: 'Action 1 Agency' })).toHaveValue('POLICE');
  }
});

test("a representative sees the history of a family their agency has no part in as its outcomes only", async () => {
  // Which family that is, as the server decides it for Police: one Police neither leads nor holds an action for.
  const session = (await police.context.cookies()).find((c) => c.name === 'samroom_session');
  const client = connectDoc(server.url, meetingDocName(meetingId), session!.value);
  let ref: string | undefined;
  try {
    await synced(client);
    for (const item of listItems(client.doc)) {
      const history = (await (await police.context.request.get(`/api/cases/${getField(item, 'caseId')}`)).json()) as { detail: string };
      if (history.detail === 'outcome') {
        ref = getField(item, 'familyRef');
        break;
      }
    }
  } finally {
    client.destroy();
  }
  expect(ref).toBeDefined();
  await openEverywhere(ref!, police, chair);
  const history = (page: Page) => panel(page).getByRole('region', { name: 'Whānau and history' });
  await expect(history(police.page)).toContainText('Your agency doesn’t lead, hold an action or share information for this whānau');
  await expect(history(police.page).locator('.people')).toHaveCount(0);
  // The chair sees the whole record of the same family.
  await expect(history(chair.page).locator('.people li').first()).toBeVisible();
  await expect(history(chair.page)).not.toContainText('Your agency doesn’t');
});

test('offline, typing goes on; back online nothing is lost — even across closing the tab', async () => {
  const ref = refs[2]!;
  await openEverywhere(ref, police, ot);
  await ot.context.setOffline(true);
  await expect(connection(ot.page)).toHaveAttribute('data-state', 'offline');
  await expect(connection(ot.page)).toContainText('kept on this device');

  await rationale(ot.page).click();
  await ot.page.keyboard.type('Written offline by OT.');
  await rationale(police.page).click();
  await police.page.keyboard.type('Police, online. ');
  await expect(rationale(police.page)).toHaveValue('Police, online. ');

  await ot.context.setOffline(false);
  await expect(connection(ot.page)).toHaveAttribute('data-state', 'connected');
  for (const p of [police, ot]) {
    await expect(rationale(p.page)).toHaveValue(/Written offline by OT\./);
    await expect(rationale(p.page)).toHaveValue(/Police, online\. /);
  }

  // Offline again, type, close the tab before the network returns: the edit waits in IndexedDB.
  const dissent = (page: Page) => panel(page).getByRole('textbox', { name: /^Dissent/ });
  await ot.context.setOffline(true);
  await expect(connection(ot.page)).toHaveAttribute('data-state', 'offline');
  await dissent(ot.page).fill('OT would hold this at medium.');
  await ot.page.waitForTimeout(500); // let IndexedDB commit
  await ot.page.close();
  await ot.context.setOffline(false);
  ot.page = await ot.context.newPage();
  await openRoom(ot, meetingId);
  await openItem(ot.page, ref);
  await expect(dissent(ot.page)).toHaveValue('OT would hold this at medium.');
  await expect(dissent(police.page)).toHaveValue('OT would hold this at medium.');
});

test('an observer sees the room but cannot change anything', async ({ browser }) => {
  const observer = await signIn(browser, server.url, 'observer@demo.test');
  try {
    const started = Date.now();
    const page = await openRoom(observer, meetingId);
    test.info().annotations.push({ type: 'room open', description: `${refs.length} items listed and synced in ${Date.now() - started} ms` });
    const ref = refs[1]!;
    await openItem(page, ref);
    await expect(page.getByText('Observing — read-only')).toBeVisible();
    await expect(rationale(page)).toHaveValue('Police know the family. Base. OT has an open file.');
    await expect(rationale(page)).toHaveAttribute('readonly', '');
    await rationale(page).click();
    await page.keyboard.type('observer text');
    await expect(rationale(page)).toHaveValue('Police know the family. Base. OT has an open file.');
    // The decision shows as words, with nothing to choose.
    await expect(decisionBar(page)).toContainText('Risk not set');
    await expect(decisionBar(page).getByRole('radiogroup')).toHaveCount(0);
    await expect(decisionBar(page).getByRole('combobox')).toHaveCount(0);
    await expect(panel(page).getByRole('combobox', { name: 'Action 1 Type' })).toBeDisabled();
    await expect(page.getByRole('button', { name: /Add|Finalize|Start meeting|Defer|Close meeting|Reopen/ })).toHaveCount(0);
    await expect(board(page).getByRole('checkbox')).toHaveCount(0);
    // The keyboard shortcuts do nothing either.
    const before = await familyRefs(page);
    await rowButton(page, ref).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('f');
    expect(await familyRefs(page)).toEqual(before);
  } finally {
    await observer.context.close();
  }
});

test('the chair reorders the list by keyboard and by dragging; everyone sees the new order', async () => {
  const page = chair.page;
  const [first, second, third] = refs as [string, string, string];
  await rowButton(page, first).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(rowButton(page, first)).toBeFocused();
  for (const p of [chair, police]) await expect.poll(() => familyRefs(p.page).then((r) => r.slice(0, 3))).toEqual([second, first, third]);

  await row(page, third).dragTo(row(page, second), { targetPosition: { x: 200, y: 5 } });
  for (const p of [chair, police, ot]) await expect.poll(() => familyRefs(p.page).then((r) => r.slice(0, 3))).toEqual([third, second, first]);
  refs = await familyRefs(page);
});

test('the chair starts the meeting and moves the focus; everyone follows @control', async () => {
  await chair.page.getByRole('button', { name: 'Start meeting' }).click();
  for (const p of [chair, police, ot]) await expect(p.page.locator('.room__date .badge')).toHaveText('Live');

  // The police rep is mid-sentence in another item: not pulled away, but shown the way.
  await openItem(police.page, refs[2]!);
  await rationale(police.page).click();
  await rowButton(ot.page, refs[0]!).focus();

  // Keyboard only: to the fourth row, F sets the focus.
  await rowButton(chair.page, refs[0]!).focus();
  for (let i = 0; i < 3; i++) await chair.page.keyboard.press('ArrowDown');
  await expect(rowButton(chair.page, refs[3]!)).toBeFocused();
  await chair.page.keyboard.press('f');
  for (const p of [chair, ot]) await expect(panelHeading(p.page)).toHaveText(refs[3]!);
  await expect(panelHeading(police.page)).toHaveText(refs[2]!);
  await panel(police.page).getByRole('button', { name: `Go to the focus item, ${refs[3]}` }).click();
  await expect(panelHeading(police.page)).toHaveText(refs[3]!);
  for (const p of [chair, police, ot]) await expect(row(p.page, refs[3]!)).toContainText('In focus');

  // Presence: the roster names everyone with their agency and mode.
  const presence = chair.page.getByRole('region', { name: /Here/ });
  await expect(presence.getByRole('listitem')).toHaveCount(3);
  await expect(presence).toContainText('Oranga Tamariki');
  await expect(presence).toContainText('In room');
});

test('finalize shows the rules at their fields; by mouse, then everyone sees the decision @control', async () => {
  const ref = refs[3]!;
  const p = panel(chair.page);
  const bar = decisionBar(chair.page);
  await bar.getByRole('button', { name: 'Finalize & next' }).click();
  const summary = p.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Choose a risk level');
  const risk = bar.getByRole('radiogroup', { name: 'Risk' });
  await expect(risk).toHaveAttribute('aria-invalid', 'true');
  await expect(risk).toHaveAccessibleDescription(/Choose a risk level/);

  // A pathway that needs a lead agency and an action: the errors move to those fields. Every
  // choice by mouse: a click on a picker lists its choices.
  await risk.getByRole('radio', { name: /High/ }).click();
  await bar.getByRole('combobox', { name: 'Pathway' }).click();
  await chair.page.getByRole('option', { name: 'Lead agency response', exact: true }).click();
  await expect(risk).not.toHaveAttribute('aria-invalid', 'true');
  await expect(summary).toContainText('This pathway needs a lead agency');
  await expect(summary).toContainText('at least one action');

  await bar.getByRole('combobox', { name: 'Lead agency' }).click();
  await chair.page.getByRole('option', { name: 'New Zealand Police' }).click();
  await rationale(chair.page).fill('High risk agreed: strangulation history and children in the home.');
  await bar.getByRole('combobox', { name: 'Add action' }).click();
  await chair.page.getByRole('option', { name: 'Safety plan — Police' }).click();
  await bar.getByRole('button', { name: 'Finalize & next' }).click();

  for (const person of [chair, police, ot]) {
    await expect(row(person.page, ref).locator('.status')).toHaveText('Decided');
    await expect(person.page.locator('.decided-notice')).toHaveText(`${ref} decided — version 1.`);
    // The room moved on to the next item still to decide.
    await expect(panelHeading(person.page)).not.toHaveText(ref);
  }

  // Reopened by the chair, an edit shows as "changed since decision" for everyone.
  await openItem(chair.page, ref);
  await decisionBar(chair.page).getByRole('button', { name: 'Reopen decision' }).click();
  await openItem(police.page, ref);
  await rationale(police.page).press('End');
  await police.page.keyboard.type(' Police add: PO in force.');
  for (const person of [chair, ot]) await expect(row(person.page, ref)).toContainText('Changed since decision');
});

test('the chair decides several low-risk items in one step @control', async () => {
  const page = chair.page;
  await board(page).getByRole('combobox', { name: 'Risk', exact: true }).selectOption('LOW');
  await board(page).getByRole('combobox', { name: 'Status' }).selectOption('PENDING');
  const visible = await familyRefs(page);
  expect(visible.length).toBeGreaterThanOrEqual(3);
  const picked = visible.slice(0, 3);

  // X on a focused row selects it; Shift+click selects the range up to another.
  await rowButton(page, picked[0]!).focus();
  await page.keyboard.press('x');
  await row(page, picked[2]!).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(page.getByText('3 selected', { exact: true })).toBeVisible();

  const bulk = page.getByRole('region', { name: 'Decide several items at once' });
  await bulk.getByRole('combobox', { name: 'Risk level' }).selectOption('LOW');
  await bulk.getByRole('combobox', { name: 'Pathway' }).selectOption('NO_FURTHER_ACTION');
  await bulk.getByRole('button', { name: 'Apply to 3' }).click();
  await bulk.getByRole('button', { name: 'Finalize 3 selected' }).click();
  await expect(bulk).toContainText('3 of 3 decided');

  await board(page).getByRole('combobox', { name: 'Status' }).selectOption('ALL');
  await board(page).getByRole('combobox', { name: 'Risk', exact: true }).selectOption('ALL');
  for (const ref of picked) await expect(row(police.page, ref).locator('.status')).toHaveText('Decided');
});

test('the item timer runs for everyone, and the chair defers an item @control', async () => {
  const page = chair.page;
  await board(page).getByRole('combobox', { name: 'Status' }).selectOption('PENDING');
  const ref = (await familyRefs(page))[0]!;
  await board(page).getByRole('combobox', { name: 'Status' }).selectOption('ALL');
  await openEverywhere(ref, chair, police);

  await panel(page).getByRole('button', { name: 'Start timer' }).click();
  await expect(panel(police.page).getByRole('timer')).toHaveText(/^0:0\d$/);
  await expect(panel(police.page).getByRole('timer')).not.toHaveText('0:00', { timeout: 5_000 });
  await panel(page).getByRole('button', { name: /Stop timer/ }).click();
  await expect(panel(police.page).getByRole('timer')).toHaveCount(0);

  await panel(page).getByRole('button', { name: 'Defer…' }).click();
  await panel(page).getByRole('textbox', { name: /Reason for deferring/ }).fill('Waiting for the school’s information.');
  await panel(page).getByRole('button', { name: 'Defer item' }).click();
  for (const p of [chair, police]) await expect(row(p.page, ref).locator('.status')).toHaveText('Deferred');
});

test('the chair admits someone waiting in the lobby, who then joins the room @control', async ({ browser }) => {
  const headers = { 'X-Requested-With': 'samroom' };
  const invite = await chair.context.request.post(`/api/meetings/${meetingId}/invites`, {
    headers,
    data: { agencyCode: 'HEALTH', role: 'REP', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), maxUses: 1 },
  });
  expect(invite.ok(), await invite.text()).toBe(true);
  const token = ((await invite.json()) as { url: string }).url.split('/join/')[1]!;
  const guest = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT });
  try {
    const join = await guest.request.post(`/api/join/${token}`, {
      headers,
      data: { displayName: 'Hine Walker', mode: 'REMOTE', confidentialityAcknowledged: true },
    });
    expect(join.ok(), await join.text()).toBe(true);

    const lobby = chair.page.getByRole('region', { name: /Waiting to join/ });
    await expect(lobby).toContainText('Hine Walker');
    await lobby.getByRole('button', { name: 'Admit Hine Walker' }).click();
    await expect(lobby).toHaveCount(0);

    const page = await guest.newPage();
    await openRoom({ context: guest, page }, meetingId);
    const presence = chair.page.getByRole('region', { name: /Here/ });
    await expect(presence).toContainText('Hine Walker');
    await expect(presence.getByRole('listitem').filter({ hasText: 'Hine Walker' })).toContainText('Remote');
  } finally {
    await guest.close();
  }
});

test('the room has no serious accessibility problems; screenshot of the room', async () => {
  for (const p of [chair, police]) await expectNoSeriousAxeFindings(p.page);
  // The picture a chair sees mid-meeting: scrolled to the top, the focus item open.
  await panel(chair.page).getByRole('button', { name: /Go to the focus item/ }).click();
  for (const p of [chair, police]) {
    await p.page.evaluate(() => window.scrollTo(0, 0));
    await panel(p.page).locator('.panel__body').evaluate((el) => el.scrollTo(0, 0));
  }
  await chair.page.getByRole('button', { name: 'Dismiss' }).click();
  await chair.page.screenshot({ path: test.info().outputPath('meeting-room.png') });
  await police.page.screenshot({ path: test.info().outputPath('meeting-room-rep.png') });
});

test('closing the meeting: every item decided, then a clear banner and a read-only room for everyone @control', async () => {
  // The item edited after its decision must be finalized again before the meeting can close.
  const page = chair.page;
  await openItem(page, refs[3]!);
  await decisionBar(page).getByRole('button', { name: 'Finalize & next' }).click();
  await expect(row(page, refs[3]!)).not.toContainText('Changed since decision');

  // Closing too early says what blocks it; that alert belongs to the live meeting and goes with it.
  await page.getByRole('button', { name: 'Close meeting…' }).click();
  await page.getByRole('button', { name: 'Close meeting now' }).click();
  await expect(page.locator('.room__error')).toContainText(/item\(s\) still need a decision/);

  // Setting up the rest is not what this test is about: a stock y-websocket client, signed in as
  // the chair, gives every pending item the tool's band and no further action, with a rationale
  // where the family's last decided level was higher.
  const session = (await chair.context.cookies()).find((c) => c.name === 'samroom_session');
  const client = connectDoc(server.url, meetingDocName(meetingId), session!.value);
  try {
    await synced(client);
    const prepared = listItems(client.doc).filter((item) => getField(item, 'status') === 'PENDING');
    client.doc.transact(() => {
      for (const item of prepared) {
        const riskLevel = recordedBand({ episodes: getField(item, 'episodes') }) ?? 'LOW';
        setFields(item, { riskLevel, pathway: 'NO_FURTHER_ACTION' });
        const reason = rationaleReason({ episodes: getField(item, 'episodes'), riskLevel, lastDecidedRisk: getField(item, 'lastDecidedRisk') });
        if (reason) rationaleText(item).insert(0, `Kept at the tool band: ${reason}, but the incidents have stopped.`);
      }
    });
    await expect(row(page, getField(prepared.at(-1)!, 'familyRef')).locator('.risk')).toBeVisible();
  } finally {
    client.destroy();
  }

  // Select them all with a click and a Shift+click, and finalize them together.
  await board(page).getByRole('combobox', { name: 'Status' }).selectOption('PENDING');
  const pending = await familyRefs(page);
  await row(page, pending[0]!).getByRole('checkbox').click();
  await row(page, pending.at(-1)!).getByRole('checkbox').click({ modifiers: ['Shift'] });
  const bulk = page.getByRole('region', { name: 'Decide several items at once' });
  await bulk.getByRole('button', { name: `Finalize ${pending.length} selected` }).click();
  await expect(bulk).toContainText(`${pending.length} of ${pending.length} decided`);
  await board(page).getByRole('combobox', { name: 'Status' }).selectOption('ALL');
  await expect(page.getByText('Every item is decided or deferred')).toBeVisible();

  await page.getByRole('button', { name: 'Close meeting…' }).click();
  await page.getByRole('button', { name: 'Close meeting now' }).click();
  for (const p of [chair, police, ot]) {
    await expect(p.page.getByRole('note', { name: 'Meeting closed' })).toBeVisible();
    await expect(p.page.locator('.room__date .badge')).toHaveText('Closed');
    await expect(rationale(p.page)).toHaveAttribute('readonly', '');
    await expect(decisionBar(p.page).getByRole('radiogroup')).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: /Finalize|Close meeting|Add|Reopen/ })).toHaveCount(0);
  await expect(page.locator('.room__error')).toHaveCount(0);
  await expect(panel(chair.page).locator('.typing')).toHaveCount(0);
  await expectNoSeriousAxeFindings(police.page);
  await page.screenshot({ path: test.info().outputPath('meeting-room-closed.png') });
});

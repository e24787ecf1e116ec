import { expect, test, type Page } from '@playwright/test';
import {
  board, familyRefs, openItem, openRoom, panel, panelHeading, rationale, row, rowButton, signIn, todaysMeetingId, type Person,
} from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// The chair decides at the speed of the list: the decision stays on screen, risk comes from the
// tool band with one key, pathway with lead agency and an action are typed, and one shortcut
// finalizes and moves on. Everyone sees the outcome; a decided item stays read-only until reopened.

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let meetingId: string;
let chair: Person;
let police: Person;
let refs: string[];
let decidedRef: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  police = await signIn(browser, server.url, 'police@demo.test');
  meetingId = await todaysMeetingId(chair);
  await Promise.all([chair, police].map((p) => openRoom(p, meetingId)));
  refs = await familyRefs(chair.page);
  await chair.page.getByRole('button', { name: 'Start meeting' }).click();
  await expect(chair.page.locator('.room__date .badge')).toHaveText('Live');
});

test.afterAll(async () => {
  for (const p of [chair, police]) await p?.context.close();
  await server?.stopAndClean();
});

const decisionBar = (page: Page) => panel(page).getByRole('region', { name: 'Decision' });
const notice = (page: Page) => page.locator('.decided-notice');

test('the chair decides an item by keyboard alone in four operations and lands on the next one', async () => {
  const page = chair.page;
  const [first, second] = refs as [string, string];
  // Starting the meeting put the chair's keyboard on the open item's decision.
  await expect(decisionBar(page).getByRole('radiogroup', { name: 'Risk' }).locator(':focus')).toHaveCount(1);
  // To the item: its row, F sets the focus for everyone, D goes to its decision.
  await rowButton(page, first).focus();
  await page.keyboard.press('f');
  await expect(panelHeading(police.page)).toHaveText(first);
  await page.keyboard.press('d');
  const risk = decisionBar(page).getByRole('radiogroup', { name: 'Risk' });
  await expect(risk.locator(':focus')).toHaveCount(1);
  const band = (await decisionBar(page).getByText(/Tool band:/).textContent())?.match(/Tool band: (\w+)/)?.[1] ?? 'Low';

  // 1. Enter accepts the tool band.
  await page.keyboard.press('Enter');
  await expect(risk.getByRole('radio', { checked: true })).toContainText(band);
  await expect(decisionBar(page).getByRole('combobox', { name: 'Pathway' })).toBeFocused();
  // 2. Pathway and lead agency in one: "lead pol".
  await page.keyboard.type('lead pol');
  await expect(page.getByRole('option', { name: 'Lead agency response — led by Police' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(decisionBar(page).getByRole('combobox', { name: 'Pathway' })).toHaveAccessibleDescription(/Lead agency response/);
  await expect(decisionBar(page).getByRole('combobox', { name: 'Lead agency' })).toHaveAccessibleDescription(/New Zealand Police/);
  await expect(decisionBar(page).getByRole('combobox', { name: 'Add action' })).toBeFocused();
  // 3. An action by typing its type (for the lead agency, due in a week).
  await page.keyboard.type('home visit');
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('combobox', { name: 'Action 1 Type' })).toHaveValue('Home visit');
  await expect(panel(page).getByRole('combobox', { name: 'Action 1 Agency' })).toHaveValue('POLICE');
  // 4. Ctrl+Enter finalizes and moves the room on to the next undecided item.
  await page.keyboard.press('Control+Enter');

  for (const p of [chair, police]) {
    await expect(notice(p.page)).toHaveText(`${first} decided — version 1.`);
    await expect(row(p.page, first).locator('.status')).toHaveText('Decided');
    await expect(panelHeading(p.page)).toHaveText(second);
  }
  await expect(decisionBar(page).getByRole('radiogroup', { name: 'Risk' }).locator(':focus')).toHaveCount(1);
  decidedRef = first;
});

test('a decided item shows its version and is read-only until the chair reopens it', async () => {
  await openItem(police.page, decidedRef);
  await expect(panel(police.page).locator('.panel__title .status').first()).toHaveText('Decided · v1');
  await expect(decisionBar(police.page)).toContainText('Decided — version 1');
  await expect(rationale(police.page)).toHaveAttribute('readonly', '');
  await expect(decisionBar(police.page).getByRole('radiogroup', { name: 'Risk' })).toHaveCount(0);
  await expect(panel(police.page).getByRole('combobox', { name: 'Action 1 Type' })).toBeDisabled();
  await expect(panel(police.page).getByRole('button', { name: /Add/ })).toHaveCount(0);
  await expect(decisionBar(police.page).getByRole('button', { name: 'Reopen decision' })).toHaveCount(0);

  const page = chair.page;
  await openItem(page, decidedRef);
  await decisionBar(page).getByRole('button', { name: 'Reopen decision' }).click();
  await expect(notice(police.page)).toHaveText(`${decidedRef} reopened by the chair: it needs a decision again.`);
  await expect(rationale(police.page)).not.toHaveAttribute('readonly', '');
  await rationale(police.page).fill('Police add: the protection order was served yesterday.');
  await expect(rationale(page)).toHaveValue('Police add: the protection order was served yesterday.');

  await rationale(page).click();
  await page.keyboard.press('Control+Enter');
  await expect(notice(police.page)).toHaveText(`${decidedRef} decided — version 2.`);
  await expect(row(police.page, decidedRef).locator('.status').first()).toHaveText('Decided');
  await expect(row(police.page, decidedRef)).not.toContainText('Changed since decision');
});

test('a level below a high band brings up the rationale, and finalize holds the rule', async () => {
  const page = chair.page;
  for (const ref of await familyRefs(page)) {
    if (ref === decidedRef) continue;
    await openItem(page, ref);
    if ((await decisionBar(page).getByText('Tool band: High').count()) === 0) continue;
    await page.keyboard.press('d');
    await page.keyboard.press('1');
    await expect(decisionBar(page).getByRole('radio', { name: /Low/ })).toHaveAttribute('aria-checked', 'true');
    // The rationale is now part of the decision: it comes up in the bar and takes the keyboard.
    await expect(decisionBar(page).getByRole('textbox', { name: 'Rationale' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(decisionBar(page).getByRole('combobox', { name: 'Pathway' })).toBeFocused();
    await page.keyboard.type('nfa');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Enter');
    const summary = panel(page).locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('A recorded HIGH band is never lowered silently');
    await expect(row(page, ref).locator('.status')).toHaveText('Pending');

    await summary.getByRole('link', { name: /never lowered silently/ }).click();
    await expect(decisionBar(page).getByRole('textbox', { name: 'Rationale' })).toBeFocused();
    await page.keyboard.type('Both parties have moved out of the region; no contact since the order.');
    await page.keyboard.press('Control+Enter');
    await expect(row(page, ref).locator('.status')).toHaveText('Decided');
    await expect(notice(police.page)).toHaveText(`${ref} decided — version 1.`);
    return;
  }
  throw new Error('no pending item with a high tool band in the demo list');
});

test('the same choice twice in a row is taken both times: a pathway for two families, two home visits', async () => {
  const page = chair.page;
  const pathway = decisionBar(page).getByRole('combobox', { name: 'Pathway' });
  const open: string[] = [];
  for (const ref of await familyRefs(page)) {
    if ((await row(page, ref).locator('.status').first().textContent()) !== 'Pending') continue;
    await openItem(page, ref);
    if ((await pathway.getAttribute('aria-describedby')) === null || !(await decisionBar(page).getByText('Not chosen').first().isVisible())) continue;
    open.push(ref);
    if (open.length === 2) break;
  }
  expect(open, 'two pending items with no pathway').toHaveLength(2);
  for (const ref of open) {
    await openItem(page, ref);
    await pathway.focus();
    await page.keyboard.type('lead pol');
    await page.keyboard.press('Enter');
    await expect(pathway).toHaveAccessibleDescription(/Lead agency response/);
    await expect(decisionBar(page).getByRole('combobox', { name: 'Lead agency' })).toHaveAccessibleDescription(/New Zealand Police/);
    await expect(decisionBar(page).getByRole('combobox', { name: 'Add action' })).toBeFocused();
  }
  for (let n = 1; n <= 2; n++) {
    await page.keyboard.type('home visit');
    await page.keyboard.press('Enter');
    await expect(panel(page).getByRole('combobox', { name: `Action ${n} Type` })).toHaveValue('Home visit');
  }
});

test('keyboard help is one key away, and the tools are in the header', async () => {
  const page = chair.page;
  await board(page).getByRole('heading', { name: /Triage list/ }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Finalize the open item and go to the next undecided one');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.getByText('Import, invitations, minutes', { exact: true }).click();
  await expect(page.getByRole('link', { name: 'Create and manage invitation links' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Minutes (PDF)' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('room-tools.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Minutes (PDF)' })).toBeHidden();
});

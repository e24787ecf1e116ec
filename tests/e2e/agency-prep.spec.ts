import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { familyRefs, openItem, openRoom, panel, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// An agency's private preparation in the room, in real Chromium against the real server: what
// Police prepares stays with Police until shared; sharing puts it in everyone's research list;
// withholding records only the reason. The file runs in order, on one meeting.

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let meetingId: string;
let police: Person;
let ot: Person;
let refs: string[];

// The marker appears nowhere in the demo data, so finding it anywhere on a page means this leaked.
const MARKER = 'Kōwhai-7Q4 prep marker';
const PREPARED = `Two call-outs to the address since March; PSO issued 12/05. ${MARKER}`;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  police = await signIn(browser, server.url, 'police@demo.test');
  ot = await signIn(browser, server.url, 'ot@demo.test');
  meetingId = await todaysMeetingId(police);
  await Promise.all([police, ot].map((p) => openRoom(p, meetingId)));
  refs = await familyRefs(police.page);
  expect(refs.length).toBeGreaterThan(2);
});

test.afterAll(async () => {
  for (const p of [police, ot]) await p?.context.close();
  if (process.env.ROOM_SERVER_LOG) console.log(server?.output());
  await server?.stopAndClean();
});

const prepSection = (page: Page): Locator => panel(page).getByRole('region', { name: /^Our preparation/ });
const prepText = (page: Page): Locator => prepSection(page).getByRole('textbox', { name: 'Our notes on this family' });

/** Everything the page shows, form fields' values included (text content leaves those out). */
async function everythingShown(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((f) => f.value);
    return [document.body.innerText, ...fields].join('\n');
  });
}

async function expectNoSeriousAxeFindings(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('section.panel').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test("Police's preparation stays with Police until shared, then reaches everyone with its kind and basis", async () => {
  const ref = refs[0]!;
  await Promise.all([openItem(police.page, ref), openItem(ot.page, ref)]);
  await expect(prepSection(police.page).getByRole('heading')).toHaveText('Our preparation — New Zealand Police (private to your agency)');
  await expect(prepSection(ot.page).getByRole('heading')).toHaveText('Our preparation — Oranga Tamariki (private to your agency)');

  // Typed straight through: the first keystroke creates the entry and no later one is lost.
  await prepText(police.page).click();
  await police.page.keyboard.type(PREPARED);
  await expect(prepText(police.page)).toHaveValue(PREPARED);
  await expect(prepText(police.page)).toBeFocused();
  await prepSection(police.page).getByLabel('Fact or opinion').selectOption({ label: 'Fact' });
  await prepSection(police.page).getByLabel('Legal basis for sharing').selectOption({ label: 'Privacy Act IPP 11' });
  await expect(prepSection(police.page).getByLabel('Fact or opinion')).toHaveValue('FACT');
  await expect(prepSection(police.page).getByLabel('Legal basis for sharing')).toHaveValue('PRIVACY_IPP11');

  // A reload shows it again (the server's copy or this device's): it was really stored.
  await police.page.reload();
  await openItem(police.page, ref);
  await expect(prepText(police.page)).toHaveValue(PREPARED);
  await expect(prepSection(police.page).getByLabel('Fact or opinion')).toHaveValue('FACT');

  // OT, in the same item all along, sees none of it: not in its panel, nowhere on its page.
  await expect(prepText(ot.page)).toHaveValue('');
  expect(await everythingShown(ot.page)).not.toContain(MARKER);
  await expect(panel(ot.page)).toContainText('No agency has shared anything on this family yet.');

  await prepSection(police.page).getByRole('button', { name: 'Share with the meeting' }).click();
  await expect(prepSection(police.page).getByRole('status')).toHaveText('Shared with the meeting as Fact, Privacy Act IPP 11 (recorded).');

  const shared = panel(ot.page).locator('article.research', { hasText: 'New Zealand Police' });
  await expect(shared.getByRole('textbox', { name: 'Police: what the agency holds' })).toHaveValue(PREPARED);
  await expect(shared.locator('.research__basis')).toHaveText('Fact Privacy Act IPP 11');
  // Sharing copied the entry: OT's own preparation is still its own, and empty.
  await expect(prepText(ot.page)).toHaveValue('');
  await expectNoSeriousAxeFindings(police.page);
});

test('OT withholds on another item, by keyboard: the reason is recorded and shown', async () => {
  const page = ot.page;
  await openItem(page, refs[1]!);
  const withhold = prepSection(page).getByRole('button', { name: 'Withhold…' });
  await withhold.focus();
  await page.keyboard.press('Enter');
  const reason = prepSection(page).getByRole('textbox', { name: /^Reason for withholding/ });
  await expect(reason).toBeFocused();

  // Too short a reason is answered beside the field, before anything is sent.
  await page.keyboard.type('no');
  await prepSection(page).getByRole('button', { name: 'Record withholding' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(prepSection(page).locator('.field-error')).toHaveText(/at least 3 characters/);
  await expectNoSeriousAxeFindings(page);

  await reason.fill('Active s66C request not yet answered');
  await reason.focus();
  await page.keyboard.press('Tab');
  await expect(prepSection(page).getByRole('button', { name: 'Record withholding' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(prepSection(page).getByRole('status')).toHaveText('Withheld: Active s66C request not yet answered (recorded)');
  await expect(reason).toBeHidden();
  await expect(withhold).toBeFocused();
  await expectNoSeriousAxeFindings(page);
});

test('sharing with nothing prepared says so in an alert', async () => {
  const page = ot.page;
  await openItem(page, refs[2]!);
  await prepSection(page).getByRole('button', { name: 'Share with the meeting' }).click();
  await expect(prepSection(page).getByRole('alert')).toHaveText(/Oranga Tamariki has no prepared research on this item/);
});

import { expect, test, type Page } from '@playwright/test';
import { familyRefs, openRoom, panel, rowButton, todaysMeetingId } from './support/room-page.js';
import { onePersonRoom } from './support/room-server.js';

// A family the daily SAM refers to ICM is on the weekly review when it starts, where the chair
// records the services' engagement and the progress before the review can decide.

const room = onePersonRoom('chair@demo.test');

const decisionBar = (page: Page) => panel(page).getByRole('region', { name: 'Decision' });
const shots = process.env.SCREENSHOT_DIR;

async function start(page: Page, meetingId: string): Promise<string[]> {
  await openRoom(room.person(), meetingId);
  const refs = await familyRefs(page);
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await expect(page.locator('.room__date .badge')).toHaveText('Live');
  return refs;
}

test('a family referred at the daily SAM is reviewed at the ICM review', async () => {
  const chair = room.person();
  const page = chair.page;
  const [first] = await start(page, await todaysMeetingId(chair));
  await rowButton(page, first!).click();
  await decisionBar(page).getByRole('radio', { name: /High/ }).click();
  const rationale = panel(page).getByRole('textbox', { name: 'Rationale', exact: true });
  if (await rationale.count()) await rationale.first().fill('Escalating threats; intensive case management.');
  await decisionBar(page).getByRole('combobox', { name: 'Pathway' }).click();
  await page.keyboard.type('refer icm pol');
  await page.getByRole('option', { name: 'Refer to ICM — led by Police' }).click();
  await decisionBar(page).getByRole('combobox', { name: 'Add action' }).click();
  await page.keyboard.type('home visit');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /Finalize & next/ }).click();
  await expect(page.locator('.decided-notice')).toContainText(`${first} decided`);

  const meetings = (await (await chair.context.request.get('/api/meetings')).json()) as { id: string; kind: string; status: string }[];
  const review = meetings.find((m) => m.kind === 'ICM_REVIEW' && m.status === 'PREP');
  expect(review).toBeDefined();
  await page.goto('/');
  await start(page, review!.id);
  await rowButton(page, first!).click();
  const record = decisionBar(page).getByRole('group', { name: 'ICM review' });
  await expect(record).toBeVisible();
  // The daily SAM's level is beside the picker, since going below it needs a rationale.
  await expect(decisionBar(page).getByText(/Last decided: High/)).toBeVisible();
  await page.getByRole('button', { name: /Finalize & next/ }).click();
  await expect(record).toContainText('Record the engagement of the victim specialist');
  await record.getByLabel('Victim specialist', { exact: true }).selectOption('ENGAGED');
  await record.getByLabel('Victim specialist: date').fill('2026-11-27');
  await record.getByLabel('Perpetrator outreach', { exact: true }).selectOption('NOT_REACHED');
  await record.getByLabel('Perpetrator outreach: date').fill('2026-11-28');
  await record.getByLabel('Progress against the safety plan').fill('Safety plan agreed with the whānau; Police home visit done.');
  if (shots) await page.screenshot({ path: `${shots}/icm-review.png`, fullPage: true });
  await expect(record.locator('.field-error')).toHaveCount(0);
});

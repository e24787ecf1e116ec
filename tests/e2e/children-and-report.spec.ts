import { expect, test, type Page } from '@playwright/test';
import { connection, familyRefs, openRoom, panel, rowButton, todaysMeetingId } from './support/room-page.js';
import { onePersonRoom } from './support/room-server.js';

// The chair sees the children police named, is prompted to consider a Report of Concern when
// children were present and the risk is high, and cannot finalize that pathway without the report.

const room = onePersonRoom('chair@demo.test', async (chair) => {
  const meetingId = await todaysMeetingId(chair);
  await openRoom(chair, meetingId);
  // The list is in: the room is connected before the chair starts it.
  await familyRefs(chair.page);
  await expect(connection(chair.page)).toHaveAttribute('data-state', 'connected');
  await chair.page.getByRole('button', { name: 'Start meeting' }).click();
  await expect(chair.page.locator('.room__date .badge')).toHaveText('Live');
});

const decisionBar = (page: Page) => panel(page).getByRole('region', { name: 'Decision' });
const shots = process.env.SCREENSHOT_DIR;

test('children named, a Report of Concern prompted, and required for its pathway', async () => {
  const chair = room.person();
  const page = chair.page;
  // An item whose episode names its children (the demo names them when police saw children).
  const withChildren = page.locator('li.board-row').filter({ has: page.locator('.flag--children_present') }).first();
  const ref = (await withChildren.locator('.board-row__ref').textContent()) ?? '';
  await rowButton(page, ref).click();
  const named = panel(page).locator('.episode__children li');
  await expect(named.first()).toBeVisible();
  await expect(named.first()).toHaveText(/^\S.+, born .+\(\d+\)$/);

  await decisionBar(page).getByRole('radio', { name: /High/ }).click();
  await expect(decisionBar(page).getByRole('status')).toContainText('consider a Report of Concern');

  const pathway = decisionBar(page).getByRole('combobox', { name: 'Pathway' });
  await pathway.click();
  await page.keyboard.type('concern');
  await page.getByRole('option', { name: 'OT report of concern', exact: true }).click();
  await decisionBar(page).getByRole('combobox', { name: 'Lead agency' }).click();
  await page.keyboard.type('oranga');
  await page.keyboard.press('Enter');
  await expect(decisionBar(page).getByRole('status')).toHaveCount(0);
  const report = decisionBar(page).getByRole('group', { name: 'Report of Concern to Oranga Tamariki' });
  await expect(report).toBeVisible();
  await decisionBar(page).getByRole('combobox', { name: 'Add action' }).click();
  await page.keyboard.type('safety plan');
  await page.keyboard.press('Enter');
  const rationale = panel(page).getByRole('textbox', { name: 'Rationale', exact: true });
  if (await rationale.count()) await rationale.first().fill('Tamariki at home during the episode; Oranga Tamariki to assess.');

  await page.getByRole('button', { name: /Finalize & next/ }).click();
  await expect(report.getByRole('textbox', { name: 'Made by' })).toHaveAttribute('aria-invalid', 'true');
  await expect(report).toContainText('Say who made the Report of Concern');
  await expect(panel(page).locator('.error-summary')).toContainText('Give the Report of Concern’s Oranga Tamariki reference');
  if (shots) await page.screenshot({ path: `${shots}/report-refused.png`, fullPage: true });

  await report.getByRole('textbox', { name: 'Made by' }).fill('Anahera Whaanga-Lee');
  await report.getByLabel('Made on').fill('2026-11-23');
  await report.getByRole('textbox', { name: 'Oranga Tamariki reference' }).fill('ROC-TEST-0007');
  await expect(panel(page).locator('.error-summary')).toContainText('Ready to finalize again');
  await page.getByRole('button', { name: /Finalize & next/ }).click();
  await expect(page.locator('.decided-notice')).toContainText(`${ref} decided`);
});

test('an agency scores the configured checklist on an item and sees its band', async () => {
  const chair = room.person();
  const page = chair.page;
  const section = panel(page).getByRole('region', { name: 'Risk assessments' });
  await section.getByText('Add your agency’s assessment').click();
  await expect(section.getByLabel('Assessment')).toHaveValue('example-family-safety');
  const questions = section.locator('fieldset');
  const count = await questions.count();
  for (let i = 0; i < count; i++) await questions.nth(i).getByRole('radio', { name: i === 0 || i === 1 || i === 4 ? 'Yes' : 'No' }).check();
  await section.getByRole('button', { name: 'Add assessment' }).click();
  const added = section.locator('.assessment').first();
  await expect(added).toContainText('Example family safety checklist');
  await expect(added).toContainText('score 7');
  await expect(added).toContainText('High');
  if (shots) {
    await added.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/assessment.png`, fullPage: true });
  }
});

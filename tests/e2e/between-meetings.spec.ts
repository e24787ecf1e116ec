import { expect, test } from '@playwright/test';
import { openItem, openRoom, panel, row, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// Between meetings, an agency works its actions from home; the next meeting sees the result.

let server: RoomServer;
let chair: Person;
let corrections: Person;
let meetingId: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  // Today's digest from midnight, so the reminders exist whatever time the test runs.
  server = await startRoomServer({ REMINDER_DIGEST_TIME: '00:00', REMINDER_INTERVAL_MS: '500' });
  chair = await signIn(browser, server.url, 'chair@demo.test');
  corrections = await signIn(browser, server.url, 'corrections@demo.test');
  meetingId = await todaysMeetingId(chair);
});

test.afterAll(async () => {
  for (const p of [chair, corrections]) await p?.context.close();
  await server?.stopAndClean();
});

test("a Corrections officer marks an action done from home and the chair sees it in the next meeting's item", async () => {
  // The chair starts today's meeting: families with actions not yet done come onto its list.
  await openRoom(chair, meetingId);
  await chair.page.getByRole('button', { name: 'Start meeting' }).click();

  const { page } = corrections;
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Kia ora' })).toBeVisible();
  const soon = page.getByRole('region', { name: /Due in the next 3 days/ });
  await expect(soon.getByRole('listitem').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('home.png'), fullPage: true });
  const action = soon.getByRole('listitem').filter({ hasText: 'Sentence and release check' }).first();
  const familyRef = (await action.getByRole('link').textContent())!.trim();
  await action.getByLabel('Status').selectOption({ label: 'Done' });
  await action.getByLabel('Outcome note').fill('Not under Corrections management; no release conditions. Whānau told.');
  await action.getByRole('button', { name: 'Save' }).click();

  const finished = page.getByRole('region', { name: /Recently finished/ }).getByRole('listitem').filter({ hasText: familyRef });
  await expect(finished.filter({ hasText: 'Sentence and release check' })).toHaveCount(1);
  await expect(finished.getByLabel('Status').first()).toHaveValue('DONE');
  // It stays done after a reload: the server has it.
  await page.reload();
  await expect(page.getByRole('region', { name: /Recently finished/ }).getByRole('listitem').filter({ hasText: familyRef }).filter({ hasText: 'Sentence and release check' })).toHaveCount(1);

  // The chair opens the family's item in the meeting: the action it carries shows done, with its outcome.
  await expect(row(chair.page, familyRef)).toBeVisible();
  await openItem(chair.page, familyRef);
  const carried = panel(chair.page).getByRole('region', { name: 'Actions carried from earlier meetings' });
  const done = carried.getByRole('listitem').filter({ hasText: 'Sentence and release check' });
  await expect(done.getByLabel('Outcome')).toHaveValue('DONE');
  await expect(done).toContainText('Not under Corrections management');
  await chair.page.screenshot({ path: test.info().outputPath('carried-in-room.png'), fullPage: false });
});

test('the officer finds a whānau by name without macrons, in any order, and opens its record', async () => {
  const { page, context } = corrections;
  const [action] = (await (await context.request.get('/api/work/actions')).json()) as { caseId: string; caseReference: string }[];
  const record = (await (await context.request.get(`/api/cases/${action!.caseId}`)).json()) as { people: { name: string }[] };
  const name = record.people.find((p) => p.name !== 'Name withheld')!.name;
  const typed = name.normalize('NFD').replace(/\p{M}/gu, '').split(' ').reverse().join(' ').toLowerCase();

  await page.goto('/');
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Name').fill('a');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 2 letters');
  await page.getByLabel('Name').fill(typed);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: `Whānau record ${action!.caseReference}` }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Whānau record ${action!.caseReference}`);
  await expect(page.getByRole('region', { name: 'People' })).toContainText(name);
  await expect(page.getByRole('heading', { name: 'Disclosures register' })).toBeVisible();
});

test('the coordinator creates an ICM review from home and it opens', async ({ browser }) => {
  const coordinator = await signIn(browser, server.url, 'coordinator@demo.test');
  try {
    const { page } = coordinator;
    await page.goto('/');
    await page.getByText('New meeting').click();
    const form = page.getByRole('form', { name: 'New meeting' });
    await form.getByLabel('Date').fill('2040-02-14');
    await form.getByLabel('Kind').selectOption({ label: 'ICM review' });
    await page.screenshot({ path: test.info().outputPath('new-meeting.png') });
    await form.getByRole('button', { name: 'Create meeting' }).click();
    await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
    await expect(page.getByText('Canterbury — ICM review')).toBeVisible();

    // The same meeting again is refused with the reason, where the person is.
    await page.goto('/');
    await page.getByText('New meeting').click();
    await form.getByLabel('Date').fill('2040-02-14');
    await form.getByLabel('Kind').selectOption({ label: 'ICM review' });
    await form.getByRole('button', { name: 'Create meeting' }).click();
    await expect(form.getByRole('alert')).toContainText('already exists');
  } finally {
    await coordinator.context.close();
  }
});

test("an agency's reminders show in the header with an unread count, and opening one marks it read", async ({ browser }) => {
  // Some agency owes actions today: its representative has the day's digest.
  let rep: Person | null = null;
  for (const who of ['police', 'ngo', 'kaupapa', 'iwi', 'victim', 'ot', 'health', 'msd', 'education', 'perpetrator', 'housing']) {
    const person = await signIn(browser, server.url, `${who}@demo.test`);
    const list = (await (await person.context.request.get('/api/notifications')).json()) as { unread: number };
    if (list.unread > 0) {
      rep = person;
      break;
    }
    await person.context.close();
  }
  expect(rep, 'an agency with a digest').not.toBeNull();
  const { page } = rep!;
  await page.goto('/');
  const toggle = page.getByRole('button', { name: /Notifications \d+ unread/ });
  await expect(toggle).toBeVisible();
  const before = Number(/(\d+) unread/.exec((await toggle.textContent())!)![1]);
  await toggle.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await expect(panel).toContainText("Today's actions");
  await page.screenshot({ path: test.info().outputPath('notifications.png') });
  await panel.getByRole('button', { name: /Today's actions/ }).first().click();
  await expect(page.getByRole('heading', { name: 'Kia ora' })).toBeVisible();
  if (before === 1) await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  else await expect(page.getByRole('button', { name: `Notifications ${before - 1} unread` })).toBeVisible();
  await rep!.context.close();
});

import { expect, test } from '@playwright/test';
import { signIn, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// A chair hides a protected person's name from the whānau's record page, with the reason; the
// lead agency's representative then sees "Name withheld" there, and the name comes back when shown.

let server: RoomServer;
let chair: Person;
let police: Person;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  police = await signIn(browser, server.url, 'police@demo.test');
});

test.afterAll(async () => {
  for (const p of [chair, police]) await p?.context.close();
  await server?.stopAndClean();
});

test('the chair hides a name with a reason; the representative sees it withheld, and then shown again', async () => {
  test.setTimeout(120_000);
  // A family Police leads, so its representative sees the whole record, people included.
  const [family] = (await (await police.context.request.get('/api/work/families')).json()) as { id: string; reference: string }[];
  const record = (await (await police.context.request.get(`/api/cases/${family!.id}`)).json()) as { people: { name: string }[] };
  const name = record.people.find((p) => p.name !== 'Name withheld')!.name;

  // The representative has no control over names.
  await police.page.goto(`/cases/${family!.id}`);
  const policePeople = police.page.getByRole('region', { name: 'People' });
  await expect(policePeople).toContainText(name);
  await expect(policePeople.getByRole('button', { name: /Hide name|Show name/ })).toHaveCount(0);

  const { page } = chair;
  await page.goto(`/cases/${family!.id}`);
  const people = page.getByRole('region', { name: 'People' });
  await people.getByRole('button', { name: `Hide name: ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Hide ${name}’s name` });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByRole('textbox', { name: /Reason/ });
  await expect(reason).toBeFocused();

  // Without a reason the server refuses, and says so at the field; nothing changes.
  await dialog.getByRole('button', { name: 'Hide name' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Reason: say why the name is hidden/);
  await page.screenshot({ path: test.info().outputPath('hide-refused.png') });

  await reason.fill('Protected address: Family Court order, do not disclose');
  await dialog.getByRole('button', { name: 'Hide name' }).click();
  await expect(dialog).toBeHidden();
  const row = people.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Withheld from others: Protected address: Family Court order, do not disclose');
  await expect(row.getByRole('button', { name: `Show name: ${name}` })).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('hidden-chair.png'), fullPage: true });

  // The representative's page, read again, withholds the name.
  await police.page.reload();
  await expect(policePeople).toContainText('Name withheld');
  await expect(policePeople).not.toContainText(name);
  await police.page.screenshot({ path: test.info().outputPath('hidden-representative.png'), fullPage: true });

  // Shown again: asked once more, then everyone sees it.
  await row.getByRole('button', { name: `Show name: ${name}` }).click();
  const showDialog = page.getByRole('dialog', { name: `Show ${name}’s name again` });
  await showDialog.getByRole('button', { name: 'Show name' }).click();
  await expect(showDialog).toBeHidden();
  await expect(row.getByRole('button', { name: `Hide name: ${name}` })).toBeVisible();
  await expect(row).not.toContainText('Withheld from others');
  await police.page.reload();
  await expect(policePeople).toContainText(name);
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { signIn, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// An administrator finds the site's reminder emails that did not go through on the admin page, and
// tries a failed one again once the agencies' mail server takes mail: it is delivered and leaves
// the list. The mail server is a real one on a loopback port, refusing every recipient at first.

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let smtp: SMTPServer;
let admin: Person;
let refusing = true;
const delivered: string[][] = [];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(_address, _session, callback) {
      callback(refusing ? Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        delivered.push(session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as { port: number };
  server = await startRoomServer({
    SMTP_URL: `smtp://127.0.0.1:${port}`, REMINDER_INTERVAL_MS: '300', REMINDER_DIGEST_TIME: '00:00', REMINDER_MAX_ATTEMPTS: '1',
  });
  admin = await signIn(browser, server.url, 'admin@demo.test');
});

test.afterAll(async () => {
  await admin?.context.close();
  await server?.stopAndClean();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

test('a failed reminder email is listed for the administrator and "Try again now" delivers it', async () => {
  const { page } = admin;
  await page.goto('/admin');
  const section = page.getByRole('region', { name: 'Email delivery' });
  const retry = section.getByRole('button', { name: /^Try again now/ });
  // The digests fail on their one try; Refresh shows them as they do.
  await expect(async () => {
    await section.getByRole('button', { name: 'Refresh' }).click();
    await expect(retry.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const row = section.getByRole('row').filter({ has: page.getByRole('button', { name: /^Try again now/ }) }).first();
  await expect(row).toContainText('Failed');
  await expect(row).toContainText('Mailbox unavailable');
  await expect(row).toContainText('Daily digest');
  await expect(row).toContainText('None: tries ran out');
  const agency = (await row.getByRole('rowheader').textContent())!;
  const failedBefore = await retry.count();

  const results = await new AxeBuilder({ page }).include('[aria-labelledby="email-delivery-heading"]').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await section.screenshot({ path: test.info().outputPath('email-delivery-failed.png') });

  refusing = false;
  await retry.first().click();
  await expect(section.getByRole('status')).toContainText(`${agency}'s daily digest will be sent again`);
  await expect(section.getByRole('row').filter({ hasText: 'Waiting to retry' })).toHaveCount(1);
  await section.screenshot({ path: test.info().outputPath('email-delivery-queued.png') });

  // Sent on the next round: one delivery, and the list no longer holds it.
  await expect.poll(() => delivered.length, { timeout: 30_000 }).toBe(1);
  await expect(async () => {
    await section.getByRole('button', { name: 'Refresh' }).click();
    await expect(section.getByRole('row').filter({ hasText: 'Waiting to retry' })).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(retry).toHaveCount(failedBefore - 1);
  expect(delivered).toHaveLength(1);
});

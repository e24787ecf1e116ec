import { expect, test } from '@playwright/test';
import { acknowledgeStatement, board, connection, todaysMeetingId } from './support/room-page.js';
import { onePersonRoom } from './support/room-server.js';

// The chair's commands travel over the control socket, which connects on its own schedule: until it
// is up, "Start meeting" waits, saying so, rather than answering a click with an error.

const room = onePersonRoom('chair@demo.test');

test('"Start meeting" waits for the control connection, and works once it is up', async () => {
  const chair = room.person();
  const { page } = chair;
  const meetingId = await todaysMeetingId(chair);
  // Hold the control socket back: its handshake gets no answer until released.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/socket\.io\//, async (ws) => {
    await held;
    ws.connectToServer();
  });
  await page.goto(`/meetings/${meetingId}`);
  await acknowledgeStatement(page);
  await expect(board(page).locator('.board-row').first()).toBeVisible();
  await expect(connection(page)).toHaveAttribute('data-state', 'connected');

  const start = page.getByRole('button', { name: 'Start meeting' });
  await expect(start).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Connecting to the meeting…' })).toBeVisible();

  release();
  await expect(connection(page)).toHaveAttribute('data-control', 'connected');
  await start.click();
  await expect(page.locator('.room__date .badge')).toHaveText('Live');
  await expect(page.locator('.room__error')).toHaveCount(0);
});

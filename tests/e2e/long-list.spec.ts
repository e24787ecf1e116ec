import { expect, test, type Locator } from '@playwright/test';
import { episodeRows } from '../../bench/episodes.js';
import { board, openRoom, rows, todaysMeetingId } from './support/room-page.js';
import { onePersonRoom } from './support/room-server.js';

// A long day: 300 more families on the list. The browser renders only the rows near the viewport
// (content-visibility), yet every row is in the list for the keyboard and screen readers.

test.describe.configure({ mode: 'serial' });

const ADDED = 300;
const room = onePersonRoom('chair@demo.test', async (chair) => {
  const meetingId = await todaysMeetingId(chair);
  const res = await chair.context.request.post(`/api/meetings/${meetingId}/episodes/import`, {
    data: episodeRows('LONG', ADDED),
    headers: { 'X-Requested-With': 'samroom' },
  });
  expect(res.ok(), await res.text()).toBe(true);
  await openRoom(chair, meetingId);
});

/** False while the browser skips rendering the element's contents because they are off screen. */
const rendered = (locator: Locator) => locator.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }));

test('every row is in the list, but only those near the viewport are rendered', async () => {
  const page = room.person().page;
  const all = rows(page);
  expect(await all.count()).toBeGreaterThanOrEqual(ADDED);
  await expect(board(page).getByRole('listitem')).toHaveCount(await all.count());
  await expect.poll(() => rendered(all.first().locator('.board-row__main'))).toBe(true);
  expect(await rendered(all.last().locator('.board-row__main'))).toBe(false);
});

test('the keyboard reaches the last item, and the list scrolls to it', async () => {
  const page = room.person().page;
  const all = rows(page);
  const first = all.first().locator('button.board-row__main');
  const last = all.last().locator('button.board-row__main');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(all.nth(1).locator('button.board-row__main')).toBeFocused();
  await page.keyboard.press('End');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect.poll(() => rendered(last)).toBe(true);
  await expect(last).toHaveAccessibleName(new RegExp(`^Item ${await all.count()}\\b`));
  await page.screenshot({ path: test.info().outputPath('long-list-end.png') });
  await page.keyboard.press('Enter');
  const ref = (await all.last().locator('.board-row__ref').textContent()) ?? '';
  await expect(page.locator('section.panel').getByRole('heading', { level: 2 })).toHaveText(ref);
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await expect(first).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('long-list-home.png') });
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SiteReport } from '../../shared/api/reports.js';
import { signIn, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// A coordinator answers "how many families, how many repeats, how many actions done on time,
// re-victimisation for Māori and non-Māori" from the reports page, in real Chromium, on the demo.

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let coordinator: Person;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  coordinator = await signIn(browser, server.url, 'coordinator@demo.test');
});

test.afterAll(async () => {
  await coordinator?.context.close();
  await server?.stopAndClean();
});

const card = (person: Person, label: string) => person.page.locator('.report-headlines__item', { has: person.page.getByText(label, { exact: true }) });

test('the page answers the headline questions with the API’s figures, charts each with a table', async () => {
  const { page } = coordinator;
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Reports' })).toBeVisible();
  // The chart library stays out of every page but this one.
  expect(scripts.filter((s) => s.includes('ReportsPage'))).toEqual([]);
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.locator('.reports__period')).toContainText('Canterbury');
  expect(scripts.some((s) => s.includes('ReportsPage'))).toBe(true);

  const url = new URL(page.url());
  const query = `siteId=${url.searchParams.get('site') ?? ''}&from=${url.searchParams.get('from') ?? ''}&to=${url.searchParams.get('to') ?? ''}`;
  expect(query).toMatch(/^siteId=[0-9a-f-]{36}&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  const api = SiteReport.parse(await (await coordinator.context.request.get(`/api/reports/site?${query}`)).json()).figures;
  expect(api.episodes).toBeGreaterThan(0);
  const pct = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
  await expect(card(coordinator, 'Families').locator('.report-headlines__value')).toHaveText(String(api.families));
  await expect(card(coordinator, 'Repeat families').locator('.report-headlines__value')).toHaveText(String(api.repeatFamilies));
  await expect(card(coordinator, 'Actions done on time').locator('.report-headlines__value')).toHaveText(`${api.actions.doneOnTime} of ${api.actions.assigned}`);
  await expect(card(coordinator, 'Re-victimisation, Māori').locator('.report-headlines__value')).toHaveText(pct(api.revictimisation.maori.rate));
  await expect(card(coordinator, 'Re-victimisation, non-Māori').locator('.report-headlines__value')).toHaveText(pct(api.revictimisation.nonMaori.rate));

  // Four charts, each drawn, each with its table for screen readers, shown on request.
  const charts = page.locator('figure.report-chart');
  await expect(charts).toHaveCount(4);
  await expect(charts.locator('canvas')).toHaveCount(4);
  const weekly = page.getByRole('table', { name: 'Episodes each week' });
  await expect(weekly.locator('tbody tr')).toHaveCount(api.weekly.length);
  await expect(weekly).not.toBeInViewport();
  const show = charts.first().getByRole('button', { name: 'Show as table' });
  await show.click();
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await expect(weekly).toBeVisible();
  const agencies = page.getByRole('table', { name: 'Actions by agency' });
  await expect(agencies.locator('tbody tr')).toHaveCount(api.actions.byAgency.length);
  await expect(page.getByRole('table', { name: 'Re-victimisation by ethnicity' }).getByRole('rowheader', { name: 'Māori', exact: true })).toHaveCount(1);

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('reports.png'), fullPage: true });
});

test('a chosen period reloads the figures, keeps them in the address, and downloads them', async () => {
  const { page } = coordinator;
  await page.getByLabel('From').fill('2021-01-01');
  await page.getByLabel('To').fill('2021-03-31');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page.locator('.reports__period')).toHaveText('Canterbury, 1 Jan 2021 to 31 Mar 2021');
  await expect(page).toHaveURL(/from=2021-01-01&to=2021-03-31/);
  await expect(card(coordinator, 'Families').locator('.report-headlines__value')).toHaveText('0');
  await expect(card(coordinator, 'Re-victimisation, Māori').locator('.report-headlines__value')).toHaveText('–');
  await expect(page.getByText('Nothing happened in this period to chart.')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download figures (CSV)' }).click();
  expect((await download).suggestedFilename()).toBe('SAM-report-Canterbury-2021-01-01-2021-03-31.csv');
  const extract = page.waitForEvent('download');
  await page.getByRole('link', { name: /de-identified episodes/ }).click();
  expect((await extract).suggestedFilename()).toBe('SAM-deidentified-episodes-Canterbury-2021-01-01-2021-03-31.csv');

  // The page said the range back; a reload keeps it.
  await page.reload();
  await expect(page.locator('.reports__period')).toHaveText('Canterbury, 1 Jan 2021 to 31 Mar 2021');
});

test('representatives have no reports', async ({ browser }) => {
  const police = await signIn(browser, server.url, 'police@demo.test');
  await police.page.goto('/');
  await expect(police.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(police.page.getByRole('link', { name: 'Reports' })).toHaveCount(0);
  await police.page.goto('/reports');
  await expect(police.page.getByRole('alert')).toHaveText('Reports are for chairs, coordinators and auditors.');
  await police.context.close();
});

import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../support/server.js';
import { signInWithSecondFactor, type Post } from '../../support/authenticator.js';

// Signing people in and finding things in the meeting room the way a person would: by role,
// label and visible text.

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** The viewport the room is designed for: a meeting-room laptop. */
export const ROOM_VIEWPORT = { width: 1280, height: 900 };

export async function signIn(browser: Browser, baseURL: string, email: string): Promise<Person> {
  const context = await browser.newContext({ baseURL, viewport: ROOM_VIEWPORT, timezoneId: 'UTC' });
  const post: Post = async (path, data) => {
    const res = await context.request.post(path, { data, headers: { 'X-Requested-With': 'samroom' } });
    return { status: res.status(), json: () => res.json() as Promise<unknown> };
  };
  const res = await signInWithSecondFactor(post, `${baseURL}|${email.toLowerCase()}`, { email, password: DEMO_PASSWORD });
  expect(res.status, `sign-in of ${email}`).toBe(200);
  return { context, page: await context.newPage() };
}

/** Today's demo meeting (the daily SAM in preparation when the server starts; the calendar may have made an ICM review too). */
export async function todaysMeetingId(person: Person): Promise<string> {
  const res = await person.context.request.get('/api/meetings');
  const meetings = (await res.json()) as { id: string; status: string; date: string; kind: string }[];
  const today = meetings.filter((m) => m.status !== 'CLOSED' && m.kind === 'DAILY_SAM').sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!today) throw new Error('no open meeting in the demo data');
  return today.id;
}

/** Opens the meeting room, acknowledging the confidentiality statement first when the room asks for it. */
export async function openRoom(person: Person, meetingId: string): Promise<Page> {
  const { page } = person;
  await page.goto(`/meetings/${meetingId}`);
  const firstRow = board(page).locator('.board-row').first();
  const statement = page.getByRole('heading', { name: 'Before you enter the meeting' });
  await expect(firstRow.or(statement)).toBeVisible();
  if (await statement.isVisible()) await acknowledgeStatement(page);
  await expect(firstRow).toBeVisible();
  await expect(connection(page)).toHaveAttribute('data-state', 'connected');
  // The chair's commands go over the control socket, which connects on its own schedule.
  await expect(connection(page)).toHaveAttribute('data-control', 'connected');
  return page;
}

/** Ticks the confidentiality acknowledgement and enters, as a person would. */
export async function acknowledgeStatement(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: /information shared at this meeting is confidential/ }).check();
  await page.getByRole('button', { name: 'Enter the meeting' }).click();
}

export const board = (page: Page): Locator => page.getByRole('region', { name: /Triage list/ });
export const panel = (page: Page): Locator => page.locator('section.panel');
export const connection = (page: Page): Locator => page.locator('p.connection');
export const rows = (page: Page): Locator => board(page).locator('li.board-row');
export const row = (page: Page, familyRef: string): Locator => rows(page).filter({ has: page.locator('.board-row__ref', { hasText: familyRef }) });
export const rowButton = (page: Page, familyRef: string): Locator => row(page, familyRef).locator('button.board-row__main');
export const panelHeading = (page: Page): Locator => panel(page).getByRole('heading', { level: 2 });
export const rationale = (page: Page): Locator => panel(page).getByRole('textbox', { name: 'Rationale', exact: true });

export async function familyRefs(page: Page): Promise<string[]> {
  return rows(page).locator('.board-row__ref').allTextContents();
}

/** Opens an item in the panel, by its family reference. */
export async function openItem(page: Page, familyRef: string): Promise<void> {
  await rowButton(page, familyRef).click();
  await expect(panelHeading(page)).toHaveText(familyRef);
}

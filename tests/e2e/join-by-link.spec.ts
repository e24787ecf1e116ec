import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import {
  board, connection, familyRefs, openItem, openRoom, rationale, ROOM_VIEWPORT, signIn, todaysMeetingId, type Person,
} from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// A remote representative joins by invitation link, in real Chromium against the real server:
// the chair's link, the join page and its confidentiality statement, the lobby, admission from
// the room, live editing, and removal. The chair admits and declines with the room's lobby
// buttons; removal goes through the control plane directly (the room has no Remove button yet).

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let meetingId: string;
let chair: Person;
let refs: string[];
let chairControl: ControlClient | undefined;

const CSRF = { 'X-Requested-With': 'samroom' };

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  chair = await signIn(browser, server.url, 'chair@demo.test');
  meetingId = await todaysMeetingId(chair);
  await openRoom(chair, meetingId);
  refs = await familyRefs(chair.page);
});

test.afterAll(async () => {
  chairControl?.close();
  await chair?.context.close();
  await server?.stopAndClean();
});

/** The chair makes a link the way the room would, from their own signed-in browser. */
async function createLink(data: { agencyCode: string; role: 'REP' | 'OBSERVER'; maxUses?: number }): Promise<{ id: string; url: string }> {
  const res = await chair.context.request.post(`/api/meetings/${meetingId}/invites`, {
    headers: CSRF,
    data: { maxUses: 1, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), ...data },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

/** A browser of its own: nobody in it is signed in to SAM Room. */
async function guest(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: ROOM_VIEWPORT, timezoneId: 'UTC' });
  return context.newPage();
}

async function joinThroughPage(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Join a Safety Assessment Meeting' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('radio', { name: 'Remotely' }).check();
  await page.getByRole('checkbox', { name: /information shared at this meeting is confidential/ }).check();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(/\/lobby$/);
  await expect(page.getByText('Waiting for the chair to admit you…')).toBeVisible();
}

async function expectNoSeriousAxeFindings(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('a representative joins by link, waits, is admitted and edits live; removed, their edits stop reaching the room', async ({ browser }) => {
  // The chair makes the link on the meeting's invitation page; it is shown once.
  const links = await chair.context.newPage();
  await links.goto(`/meetings/${meetingId}/invites`);
  await links.getByLabel('Agency').selectOption('OT');
  await links.getByLabel('Role').selectOption('REP');
  await links.getByRole('button', { name: 'Create link' }).click();
  const url = await links.getByLabel(/New link/).inputValue();
  expect(url).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
  const linkRow = links.getByRole('row').filter({ hasText: 'Oranga Tamariki' });
  await expect(linkRow).toContainText('0 of 1');
  await expectNoSeriousAxeFindings(links);

  const page = await guest(browser);
  try {
    // The join page: the meeting and the agency fixed by the link, nothing about families.
    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'Join a Safety Assessment Meeting' })).toBeVisible();
    await expect(page.locator('.join__facts')).toContainText('Canterbury');
    await expect(page.locator('.join__facts')).toContainText('Oranga Tamariki');
    await expect(page.getByRole('region', { name: 'Confidentiality' })).toContainText('Family Violence Act 2018');
    await expectNoSeriousAxeFindings(page);
    await page.screenshot({ path: test.info().outputPath('join-page.png'), fullPage: true });

    // The statement must be acknowledged.
    await page.getByLabel('Your name').fill('Aroha Ngata');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByText('Tick the box to confirm')).toBeVisible();
    await expect(page).toHaveURL(/\/join\//);
    await page.getByRole('checkbox', { name: /information shared at this meeting is confidential/ }).check();
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page).toHaveURL(/\/lobby$/);
    await expect(page.getByText('Waiting for the chair to admit you…')).toBeVisible();
    await expectNoSeriousAxeFindings(page);
    await links.reload();
    await expect(linkRow).toContainText('1 of 1');
    await expect(linkRow).toContainText('Used up');
    await links.close();
    await page.screenshot({ path: test.info().outputPath('lobby-page.png') });

    // The chair sees them waiting and admits them from the room; the lobby page opens the meeting.
    const lobby = chair.page.getByRole('region', { name: /Waiting to join/ });
    await expect(lobby).toContainText('Aroha Ngata');
    await expect(lobby).toContainText('remote');
    await lobby.getByRole('button', { name: 'Admit Aroha Ngata' }).click();
    await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}$`));
    await expect(board(page).locator('.board-row').first()).toBeVisible();
    await expect(connection(page)).toHaveAttribute('data-state', 'connected');
    await expect(chair.page.getByRole('region', { name: /Here/ })).toContainText('Aroha Ngata');

    // They edit an item live.
    const ref = refs[4]!;
    await openItem(page, ref);
    await openItem(chair.page, ref);
    await rationale(page).click();
    await page.keyboard.type('OT has an open file for the children.');
    await expect(rationale(chair.page)).toHaveValue(/OT has an open file for the children\./);

    // The chair removes them: their connections end at once and their page says so.
    const session = (await chair.context.cookies()).find((c) => c.name === 'samroom_session');
    chairControl = connectControl(server.url, meetingId, session!.value);
    expect(await handshakeOutcome(chairControl)).toBe('connected');
    await expect.poll(() => chairControl!.last('roster')?.participants.some((p) => p.displayName === 'Aroha Ngata')).toBe(true);
    const participantId = chairControl.last('roster')!.participants.find((p) => p.displayName === 'Aroha Ngata')!.participantId;
    expect(await chairControl.send('participant:remove', { participantId })).toEqual({ ok: true });
    await expect(page.getByRole('alert').filter({ hasText: 'The chair removed you from the meeting' })).toBeVisible();
    await expect(rationale(page)).toHaveAttribute('readonly', '');

    // Whatever they try now reaches nobody.
    await rationale(page).click();
    await page.keyboard.type(' AFTER REMOVAL');
    await chair.page.waitForTimeout(1_000);
    await expect(rationale(chair.page)).toHaveValue(/OT has an open file for the children\./);
    await expect(rationale(chair.page)).not.toHaveValue(/AFTER REMOVAL/);
    await expect(chair.page.getByRole('region', { name: /Here/ })).not.toContainText('Aroha Ngata');

    // Coming back through the lobby says what happened.
    await page.goto('/lobby');
    await expect(page.getByRole('heading', { name: 'You were removed from the meeting' })).toBeVisible();
  } finally {
    await page.context().close();
  }
});

test('the chair declines someone: their lobby page says so', async ({ browser }) => {
  const { url } = await createLink({ agencyCode: 'MSD', role: 'OBSERVER' });
  const page = await guest(browser);
  try {
    await joinThroughPage(page, url, 'Sam Declined');
    const lobby = chair.page.getByRole('region', { name: /Waiting to join/ });
    await lobby.getByRole('button', { name: 'Decline Sam Declined' }).click();
    await expect(page.getByRole('heading', { name: 'The chair didn’t admit you' })).toBeVisible();
  } finally {
    await page.context().close();
  }
});

test('used-up, withdrawn and unknown links each get a clear page that names no meeting', async ({ browser }) => {
  const page = await guest(browser);
  try {
    const once = await createLink({ agencyCode: 'HEALTH', role: 'REP' });
    await joinThroughPage(page, once.url, 'First Person');
    const second = await guest(browser);
    await second.goto(once.url);
    await expect(second.getByRole('heading', { name: 'This invitation has been used' })).toBeVisible();
    await second.context().close();

    const withdrawn = await createLink({ agencyCode: 'ACC', role: 'REP' });
    const revoke = await chair.context.request.post(`/api/invites/${withdrawn.id}/revoke`, { headers: CSRF });
    expect(revoke.status()).toBe(200);
    await page.goto(withdrawn.url);
    await expect(page.getByRole('heading', { name: 'This invitation was withdrawn' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Canterbury');

    await page.goto(`/join/${'x'.repeat(43)}`);
    await expect(page.getByRole('heading', { name: 'This link doesn’t work' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Canterbury');
  } finally {
    await page.context().close();
  }
});

test('an auditor reads what happened in the audit trail and finds the hash chain intact', async ({ browser }) => {
  const auditor = await signIn(browser, server.url, 'auditor@demo.test');
  try {
    const { page } = auditor;
    await page.goto('/audit');
    await page.getByLabel('Action (e.g. invite.*)').fill('invite.*');
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table');
    for (const action of ['invite.create', 'invite.used', 'invite.revoke', 'invite.refused']) await expect(table).toContainText(action);
    await page.getByRole('button', { name: 'Check the hash chain' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Intact: \d+ rows verified\.$/ })).toBeVisible();
    await expectNoSeriousAxeFindings(page);
  } finally {
    await auditor.context.close();
  }
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDbTarget, type DbTarget } from '../../server/db/adapter.js';
import { createPrismaClient, type Db } from '../../server/db/client.js';
import { foldName } from '../../shared/names.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { signIn, type Person } from './support/room-page.js';
import { buildClientIfStale } from './support/room-server.js';

// An administrator runs the site's retention schedule in Chromium (a legal hold, then the
// approval and its certificate), and an auditor, acting as privacy officer, answers a privacy
// request and records a correction. On PostgreSQL, so the test can make a family closed years ago.

test.describe.configure({ mode: 'serial' });

const FAMILY = 'Whakatōhea-Ngata';
const HELD_FAMILY = "O'Riordan-Tāwhiri";
let database: TestDatabase;
let dataDir: string;
let server: ServerProcess;
let target: DbTarget;
let db: Db;
let admin: Person;
let auditor: Person;
const references: string[] = [];

async function closeLongAgo(caseId: string, familyName: string) {
  const members = await db.caseMember.findMany({ where: { caseId }, include: { person: true } });
  for (const { person } of members) await db.person.update({ where: { id: person.id }, data: { familyName, nameKey: foldName(person.givenName, familyName) } });
  await db.$executeRawUnsafe(`UPDATE "Case" SET status = 'CLOSED', "createdAt" = now() - interval '8 years' WHERE id = $1`, caseId);
  await db.$executeRawUnsafe(`UPDATE "Decision" SET "decidedAt" = now() - interval '8 years' WHERE "caseId" = $1`, caseId);
  references.push((await db.case.findUniqueOrThrow({ where: { id: caseId } })).reference);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  database = await createTestDatabase();
  test.skip(database.kind !== 'postgres', 'needs PostgreSQL to prepare a family closed years ago');
  buildClientIfStale();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-e2e-'));
  server = await startServerProcess({ port: await freePort(), dataDir, databaseUrl: database.url });
  target = await openDbTarget({ databaseUrl: database.url, pgliteDir: '' });
  db = createPrismaClient(target);
  const meeting = await db.meeting.findFirstOrThrow({
    where: { status: 'CLOSED', site: { code: 'CANTERBURY' } }, include: { agendaItems: { include: { decisions: true }, orderBy: { rank: 'asc' } } },
  });
  const [first, second] = meeting.agendaItems.filter((i) => i.decisions.length > 0);
  await closeLongAgo(first!.caseId, FAMILY);
  await closeLongAgo(second!.caseId, HELD_FAMILY);
  admin = await signIn(browser, server.url, 'admin@demo.test');
  auditor = await signIn(browser, server.url, 'auditor@demo.test');
});

test.afterAll(async () => {
  await admin?.context.close();
  await auditor?.context.close();
  await db?.$disconnect();
  await target?.close();
  await server?.stop('SIGTERM');
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('an administrator holds one family, approves the rest, and sees the certificate', async () => {
  const { page } = admin;
  await page.goto('/');
  await page.getByRole('link', { name: 'Retention' }).click();
  await expect(page.getByRole('heading', { name: 'Retention and disposal' })).toBeVisible();
  const due = page.getByRole('region', { name: 'Due for disposal' });
  await expect(due.getByRole('rowheader', { name: `Case ${references[0]}` })).toBeVisible();
  await expect(due.getByRole('rowheader', { name: `Case ${references[1]}` })).toBeVisible();
  await expect(due).toContainText('7 years after the case closed, then anonymised');

  await due.getByRole('button', { name: `Place a legal hold on Case ${references[1]}` }).click();
  await page.getByLabel('Reason for the hold').fill('Coroner’s inquest, Ōtautahi');
  await page.getByRole('button', { name: 'Place hold' }).click();
  const held = page.getByRole('region', { name: 'Kept by a legal hold' });
  await expect(held).toContainText(`hold on ${references[1]}: Coroner’s inquest, Ōtautahi`);
  await expect(due.getByRole('rowheader', { name: `Case ${references[1]}` })).toHaveCount(0);

  const approve = page.getByRole('button', { name: /Approve and dispose of/ });
  await expect(approve).toBeDisabled();
  await page.getByLabel(/I have reviewed these/).check();
  await approve.click();
  await expect(page.getByRole('status').filter({ hasText: 'Disposed of — certificate #' })).toBeVisible();
  await expect(due).toContainText('Nothing is due.');
  await expect(page.getByRole('region', { name: 'Disposal certificates' })).toContainText('approved by');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);

  const people = await db.person.findMany({ where: { familyName: FAMILY } });
  expect(people).toHaveLength(0);
  expect(await db.person.count({ where: { familyName: HELD_FAMILY } })).toBeGreaterThan(0);
});

test('an auditor finds a person, produces the report, and records a declined correction with its statement', async () => {
  const { page } = auditor;
  await page.goto('/');
  await page.getByRole('link', { name: 'Privacy requests' }).click();
  await page.getByLabel('Name').fill(HELD_FAMILY);
  await page.getByRole('button', { name: 'Search' }).click();
  const hits = page.getByRole('list', { name: 'People found' });
  await hits.getByRole('button', { name: /^Select / }).first().click();
  await page.getByLabel('Request reference').fill('PR-2026-0107');
  await page.getByRole('button', { name: 'Produce the report' }).click();
  await expect(page.getByText('Withholdings marked')).toBeVisible();
  const pdf = await page.request.get(await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href') ?? '');
  expect(pdf.headers()['content-type']).toContain('application/pdf');

  await page.getByLabel('What the person asks to be corrected').fill('The episode summary gets the street wrong.');
  await page.getByRole('button', { name: 'Record the request' }).click();
  await page.getByLabel('Statement of correction (when declining)').fill('The person says the call-out was at a different address.');
  await page.getByLabel('Decision note').fill('The police record gives this address.');
  await page.getByRole('button', { name: 'Decline, attaching the statement' }).click();
  await expect(page.getByText('Statement of correction attached: “The person says the call-out was at a different address.”')).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
});

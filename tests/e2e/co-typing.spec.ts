import { expect, test, type Page } from '@playwright/test';
import { CaseRecord } from '../../shared/api/records.js';
import { getField, listItems, meetingDocName, rationaleText, setFields } from '../../shared/meeting-doc/index.js';
import { recordedBand } from '../../shared/rules/decision-rules.js';
import { connectDoc, synced, waitFor } from '../support/collab-client.js';
import { connectControl } from '../support/control-client.js';
import { familyRefs, openItem, openRoom, rationale, signIn, todaysMeetingId, type Person } from './support/room-page.js';
import { startRoomServer, type RoomServer } from './support/room-server.js';

// Two and three people typing into one rationale at the same place at the same time, in real
// Chromium: each person's sentence must come out whole, in every browser and in the stored
// decision. The place is the end, the middle, or a selection everyone types over; the pace is
// script speed (15 ms a key) and human speed (120 ms a key).

test.describe.configure({ mode: 'serial' });

let server: RoomServer;
let meetingId: string;
let people: Person[];
let refs: string[];
let nextRef = 0;

const SENTENCES = [
  'Police attended twice this month.',
  'OT holds a current file on both tamariki.',
  'Health: the GP saw Mereana on Tuesday.',
];
const BASE = 'Agreed so far: high risk.';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startRoomServer();
  people = [
    await signIn(browser, server.url, 'police@demo.test'),
    await signIn(browser, server.url, 'ot@demo.test'),
    await signIn(browser, server.url, 'health@demo.test'),
  ];
  meetingId = await todaysMeetingId(people[0]!);
  await Promise.all(people.map((p) => openRoom(p, meetingId)));
  refs = await familyRefs(people[0]!.page);
});

test.afterAll(async () => {
  for (const p of people ?? []) await p.context.close();
  await server?.stopAndClean();
});

/** Opens a fresh item for everyone, gives its rationale the base text and puts each caret. */
async function prepare(who: Person[], place: (page: Page) => Promise<void>): Promise<string> {
  const ref = refs[nextRef++]!;
  await Promise.all(who.map((p) => openItem(p.page, ref)));
  await rationale(who[0]!.page).fill(BASE);
  for (const p of who) {
    await expect(rationale(p.page)).toHaveValue(BASE);
    await rationale(p.page).focus();
    await place(p.page);
  }
  return ref;
}

const caretAt = (index: number) => (page: Page) => rationale(page).evaluate((el: HTMLTextAreaElement, i) => el.setSelectionRange(i, i), index);
const select = (from: number, to: number) => (page: Page) =>
  rationale(page).evaluate((el: HTMLTextAreaElement, [a, b]) => el.setSelectionRange(a!, b!), [from, to]);

/** Everyone types their sentence at once; returns what every browser ends up showing. */
async function typeTogether(who: Person[], delay: number): Promise<string> {
  await Promise.all(who.map((p, i) => p.page.keyboard.type(SENTENCES[i]!, { delay })));
  const values = () => Promise.all(who.map((p) => rationale(p.page).inputValue()));
  await expect.poll(async () => new Set(await values()).size, { message: 'every browser shows the same text' }).toBe(1);
  return (await values())[0]!;
}

function expectWhole(value: string, who: Person[], before: string, after: string): void {
  for (let i = 0; i < who.length; i++) expect(value, 'each sentence in one piece').toContain(SENTENCES[i]);
  expect(value.startsWith(before) && value.endsWith(after), `"${value}" keeps the text around the place`).toBe(true);
  expect(value.length).toBe(before.length + after.length + who.reduce((n, _, i) => n + SENTENCES[i]!.length, 0));
}

for (const delay of [15, 120]) {
  test(`two people at the same end at ${delay} ms a key`, async () => {
    const who = people.slice(0, 2);
    await prepare(who, caretAt(BASE.length));
    expectWhole(await typeTogether(who, delay), who, BASE, '');
  });

  test(`three people at the same middle position at ${delay} ms a key`, async () => {
    const at = BASE.indexOf('high');
    await prepare(people, caretAt(at));
    expectWhole(await typeTogether(people, delay), people, BASE.slice(0, at), BASE.slice(at));
  });

  test(`three people typing over the same selection at ${delay} ms a key`, async () => {
    const from = BASE.indexOf('high risk');
    const to = from + 'high risk'.length;
    await prepare(people, select(from, to));
    expectWhole(await typeTogether(people, delay), people, BASE.slice(0, from), BASE.slice(to));
  });
}

test('three people at the same end: the decision stores each sentence whole', async ({ browser }) => {
  const ref = await prepare(people, caretAt(BASE.length));
  const typed = await typeTogether(people, 15);
  expectWhole(typed, people, BASE, '');

  // The chair decides it through the stock clients: the text under test is what the browsers typed.
  const chair = await signIn(browser, server.url, 'chair@demo.test');
  const ack = await chair.context.request.post(`/api/meetings/${meetingId}/confidentiality`, {
    headers: { 'X-Requested-With': 'samroom' }, data: { acknowledged: true },
  });
  expect(ack.ok(), await ack.text()).toBe(true);
  const token = (await chair.context.cookies()).find((c) => c.name === 'samroom_session')!.value;
  const control = connectControl(server.url, meetingId, token);
  const content = connectDoc(server.url, meetingDocName(meetingId), token);
  try {
    expect(await control.outcome).toBe('connected');
    await synced(content);
    const item = listItems(content.doc).find((i) => getField(i, 'familyRef') === ref)!;
    await waitFor(() => rationaleText(item).toString() === typed, 'the typed rationale at the chair');
    setFields(item, { riskLevel: recordedBand({ episodes: getField(item, 'episodes') }) ?? 'LOW', pathway: 'INFORMATION_ONLY' });
    expect(await control.send('meeting:start', {})).toMatchObject({ ok: true });
    expect(await control.send('item:finalize', { itemId: item.id })).toMatchObject({ ok: true });

    const res = await chair.context.request.get(`/api/cases/${getField(item, 'caseId')}`);
    const history = CaseRecord.parse(await res.json());
    const decision = history.meetings.find((m) => m.meetingId === meetingId)?.decisions.at(-1);
    expect(decision?.rationale).toBe(typed);
  } finally {
    control.close();
    content.destroy();
    await chair.context.close();
  }
});

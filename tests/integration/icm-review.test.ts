import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAction, itemSnapshot, listItems, meetingDocName, rationaleText, setFields, type MeetingItem,
} from '../../shared/meeting-doc/index.js';
import { isoDateOf } from '../../shared/nz-time.js';
import { createMeeting } from '../../server/calendar/create-meeting.js';
import { MeetingCalendar } from '../../server/calendar/meeting-calendar.js';
import { nextIcmReviewDate } from '../../server/calendar/schedule.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// The site's weekly ICM review is made by the calendar on its weekday and lists every family on an
// ICM pathway; a family stepped down at a review is not on the next one.

const REVIEW = {
  victimSpecialist: { status: 'ENGAGED' as const, on: '2026-11-24' },
  perpetratorOutreach: { status: 'DECLINED' as const, on: '2026-11-25' },
  progress: 'Two of three strategies done; safe contact arrangements holding.',
};

describe('the weekly ICM review', () => {
  let server: TestServer;
  let chair: Browserish;
  let control: ControlClient | undefined;
  let doc: CollabClient | undefined;
  let reviewId: string;

  beforeAll(async () => {
    server = await startTestServer();
    chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
  });
  afterAll(async () => {
    control?.close();
    doc?.destroy();
    await server?.stop();
  });

  /** Families of the site whose latest decision is on an ICM pathway, as the records say. */
  async function onIcm(siteCode: string): Promise<string[]> {
    const decisions = await server.ctx.db.decision.findMany({
      where: { supersededAt: null, case: { site: { code: siteCode } } }, select: { caseId: true, pathway: true, decidedAt: true },
    });
    const latest = new Map<string, { pathway: string; decidedAt: Date }>();
    for (const d of decisions) if ((latest.get(d.caseId)?.decidedAt ?? 0) < d.decidedAt) latest.set(d.caseId, d);
    return [...latest].filter(([, d]) => d.pathway === 'REFER_ICM' || d.pathway === 'CONTINUE_ICM').map(([id]) => id).sort();
  }
  const listed = async (meetingId: string) =>
    (await server.ctx.db.agendaItem.findMany({ where: { meetingId }, select: { caseId: true, reason: true } })).map((i) => `${i.caseId} ${i.reason}`).sort();

  it('is made on the site’s weekday, once, listing every family on an ICM pathway', async () => {
    const now = new Date();
    await Promise.all([new MeetingCalendar(server.ctx, 60_000).run(now), new MeetingCalendar(server.ctx, 60_000).run(now)]);
    const site = await server.ctx.db.site.findUniqueOrThrow({ where: { code: 'CANTERBURY' } });
    const reviews = await server.ctx.db.meeting.findMany({ where: { siteId: site.id, kind: 'ICM_REVIEW' } });
    expect(reviews.map((m) => isoDateOf(m.date))).toEqual([nextIcmReviewDate({ ...site, icmReviewWeekday: site.icmReviewWeekday! }, now)]);
    expect(DateTime.fromJSDate(reviews[0]!.date, { zone: 'UTC' }).weekday).toBe(site.icmReviewWeekday);
    reviewId = reviews[0]!.id;
    expect(await listed(reviewId)).toEqual((await onIcm('CANTERBURY')).map((id) => `${id} ICM_REVIEW`));
  });

  function item(caseId: string): MeetingItem {
    const found = listItems(doc!.doc).find((i) => itemSnapshot(i).caseId === caseId);
    if (!found) throw new Error(`no item for ${caseId}`);
    return found;
  }

  async function open(meetingId: string): Promise<void> {
    control?.close();
    doc?.destroy();
    await chair.acknowledge(meetingId);
    control = connectControl(server.url, meetingId, sessionToken(chair));
    expect(await handshakeOutcome(control)).toBe('connected');
    expect(await control.send('meeting:start', {})).toMatchObject({ ok: true });
    doc = connectDoc(server.url, meetingDocName(meetingId), sessionToken(chair));
    await synced(doc);
  }

  async function decide(caseId: string, pathway: 'REFER_ICM' | 'STEP_DOWN_FROM_ICM' | 'CONTINUE_ICM'): Promise<void> {
    const it = item(caseId);
    setFields(it, { riskLevel: 'HIGH', pathway, leadAgency: 'POLICE' });
    rationaleText(it).insert(0, pathway === 'STEP_DOWN_FROM_ICM' ? 'Safety plan in place and holding for six weeks.' : 'Threats escalating; intensive case management.');
    addAction(it, { agency: 'POLICE', type: 'SAFETY_PLAN', due: '2040-01-10' });
    if (pathway !== 'REFER_ICM') {
      // A review records both services' engagement and the progress, or cannot be finalized.
      const refused = await control!.send('item:finalize', { itemId: it.id });
      expect(!refused.ok && refused.error.fields?.map((f) => f.field)).toEqual([
        'icmReview.victimSpecialist.status', 'icmReview.victimSpecialist.on', 'icmReview.perpetratorOutreach.status', 'icmReview.perpetratorOutreach.on', 'icmReview.progress',
      ]);
      setFields(it, { icmReview: REVIEW });
    }
    expect(await control!.send('item:finalize', { itemId: it.id })).toMatchObject({ ok: true });
  }

  it('lists families the daily SAM refers to ICM when the review starts; one stepped down there is not on the next, one continued is', async () => {
    const daily = await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } });
    await open(daily.id);
    await waitFor(() => listItems(doc!.doc).length > 1, 'the daily list');
    const referred = listItems(doc!.doc).slice(0, 2).map((i) => itemSnapshot(i).caseId);
    for (const caseId of referred) await decide(caseId, 'REFER_ICM');

    await open(reviewId);
    const due = await onIcm('CANTERBURY');
    expect(due).toEqual(expect.arrayContaining(referred));
    expect(await listed(reviewId)).toEqual(due.map((id) => `${id} ICM_REVIEW`));
    await waitFor(() => listItems(doc!.doc).length === due.length, 'the review’s items in the room');

    const [steppedDown, continued] = referred;
    const rest = due.filter((id) => !referred.includes(id));
    await decide(steppedDown!, 'STEP_DOWN_FROM_ICM');
    await decide(continued!, 'CONTINUE_ICM');
    expect((await server.ctx.db.case.findUniqueOrThrow({ where: { id: steppedDown! } })).status).toBe('MONITORING');
    const recorded = await server.ctx.db.decision.findFirstOrThrow({ where: { caseId: steppedDown!, supersededAt: null, agendaItem: { meetingId: reviewId } } });
    expect(recorded).toMatchObject({ pathway: 'STEP_DOWN_FROM_ICM', icmReview: REVIEW });

    const review = await server.ctx.db.meeting.findUniqueOrThrow({ where: { id: reviewId } });
    const nextWeek = DateTime.fromJSDate(review.date, { zone: 'UTC' }).plus({ days: 7 }).toISODate()!;
    const next = await createMeeting(server.ctx, { siteId: review.siteId, date: nextWeek, kind: 'ICM_REVIEW' }, { id: null, label: 'test' });
    expect(await listed(next.id)).toEqual([continued!, ...rest].sort().map((id) => `${id} ICM_REVIEW`));
  });
});

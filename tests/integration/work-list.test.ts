import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingSummary } from '../../shared/api/meetings.js';
import type { CaseAction } from '../../shared/api/records.js';
import type { LedFamily, WorkAction } from '../../shared/api/work.js';
import { UNFINISHED_ACTION_STATUSES } from '../../shared/domain.js';
import { todayInNz } from '../../shared/nz-time.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// The home page's work between meetings: an agency's own actions at its own site, edited in place
// by that agency (or the chair or coordinator), and the families it leads.

describe('the work list between meetings', () => {
  let server: TestServer;
  const as: Record<string, Browserish> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['corrections', 'police', 'health', 'coordinator', 'observer', 'corrections.waikato']) {
      as[who] = new Browserish(server.url);
      expect((await as[who].login(`${who}@demo.test`)).status).toBe(200);
    }
  });
  afterAll(async () => server?.stop());

  const actionsOf = async (who: string) => {
    const res = await as[who]!.request('GET', '/api/work/actions');
    expect(res.status).toBe(200);
    return (await res.json()) as WorkAction[];
  };
  const auditCount = (action: string, subjectId: string) => server.ctx.db.auditEvent.count({ where: { action, subjectId } });

  it("lists only the agency's own actions at its own site, every unfinished one included", async () => {
    const list = await actionsOf('corrections');
    expect(list.length).toBeGreaterThan(0);
    for (const a of list) expect(a.agency.code).toBe('CORRECTIONS');
    const unfinished = await server.ctx.db.action.count({
      where: { agency: { code: 'CORRECTIONS' }, case: { site: { code: 'CANTERBURY' } }, status: { in: [...UNFINISHED_ACTION_STATUSES] } },
    });
    expect(list.filter((a) => (UNFINISHED_ACTION_STATUSES as readonly string[]).includes(a.status))).toHaveLength(unfinished);
    const cases = await server.ctx.db.case.findMany({ where: { id: { in: list.map((a) => a.caseId) } }, select: { site: { select: { code: true } }, reference: true, id: true } });
    for (const c of cases) expect(c.site.code).toBe('CANTERBURY');
    for (const a of list) expect(a.caseReference).toBe(cases.find((c) => c.id === a.caseId)?.reference);
    // Waikato's Corrections sees none of Canterbury's.
    const waikato = await actionsOf('corrections.waikato');
    expect(waikato.filter((a) => list.some((b) => b.id === a.id))).toEqual([]);
  });

  it('lets the owning agency mark an action done with an outcome note, audited, and keeps it on the list as done', async () => {
    const [open] = (await actionsOf('corrections')).filter((a) => a.status === 'OPEN');
    const note = 'Ōtautahi probation confirmed: release conditions shared with Police.';
    const res = await as.corrections!.request('PATCH', `/api/actions/${open!.id}`, { status: 'DONE', outcomeNote: note });
    expect(res.status).toBe(200);
    expect(((await res.json()) as CaseAction)).toMatchObject({ id: open!.id, status: 'DONE', outcomeNote: note });
    expect((await actionsOf('corrections')).find((a) => a.id === open!.id)).toMatchObject({ status: 'DONE', outcomeNote: note });
    expect(await auditCount('action.update', open!.id)).toBe(1);
  });

  it("refuses another agency's action with 403, audited, and another site's with 404, audited", async () => {
    const [mine] = (await actionsOf('corrections')).filter((a) => a.status === 'OPEN');
    const res = await as.health!.request('PATCH', `/api/actions/${mine!.id}`, { status: 'CANCELLED' });
    expect(res.status).toBe(403);
    expect(await auditCount('records.refused', mine!.id)).toBe(1);
    const elsewhere = await as['corrections.waikato']!.request('PATCH', `/api/actions/${mine!.id}`, { status: 'DONE' });
    expect(elsewhere.status).toBe(404);
    expect(await auditCount('access.refused', mine!.id)).toBe(1);
    expect((await server.ctx.db.action.findUniqueOrThrow({ where: { id: mine!.id } })).status).toBe('OPEN');
  });

  it('lets the coordinator update any action of the site', async () => {
    const [mine] = (await actionsOf('corrections')).filter((a) => a.status === 'OPEN');
    const res = await as.coordinator!.request('PATCH', `/api/actions/${mine!.id}`, { status: 'IN_PROGRESS' });
    expect(res.status).toBe(200);
  });

  it('answers 400 naming outcomeNote for a note over its limit or with a control character, and changes nothing', async () => {
    const [mine] = (await actionsOf('corrections')).filter((a) => a.status === 'OPEN' || a.status === 'IN_PROGRESS');
    const before = await server.ctx.db.action.findUniqueOrThrow({ where: { id: mine!.id } });
    for (const outcomeNote of ['x'.repeat(2001), 'Visited\u0000 the whare']) {
      const res = await as.corrections!.request('PATCH', `/api/actions/${mine!.id}`, { status: 'DONE', outcomeNote });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('outcomeNote');
    }
    expect(await server.ctx.db.action.findUniqueOrThrow({ where: { id: mine!.id } })).toEqual(before);
  });

  it('lists the families the agency leads that are not closed, at its site only', async () => {
    const led = await server.ctx.db.case.findFirstOrThrow({ where: { site: { code: 'CANTERBURY' }, leadAgencyId: { not: null }, status: { not: 'CLOSED' } } });
    const rep = await server.ctx.db.user.findFirstOrThrow({ where: { agencyId: led.leadAgencyId!, role: 'REP', site: { code: 'CANTERBURY' } } });
    const browser = new Browserish(server.url);
    await browser.login(rep.email);
    const res = await browser.request('GET', '/api/work/families');
    expect(res.status).toBe(200);
    const families = (await res.json()) as LedFamily[];
    const expected = await server.ctx.db.case.findMany({
      where: { leadAgencyId: led.leadAgencyId, site: { code: 'CANTERBURY' }, status: { not: 'CLOSED' } }, select: { id: true },
    });
    expect(families.map((f) => f.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(families.some((f) => f.id === led.id)).toBe(true);
    expect(families.every((f) => f.lastMeeting !== null)).toBe(true);
  });

  it('is not for observers', async () => {
    expect((await as.observer!.request('GET', '/api/work/actions')).status).toBe(403);
    expect((await as.observer!.request('GET', '/api/work/families')).status).toBe(403);
  });

  it("lists the site's meetings from today on, soonest first", async () => {
    const res = await as.police!.request('GET', `/api/meetings?from=${todayInNz()}`);
    const meetings = (await res.json()) as MeetingSummary[];
    expect(meetings.length).toBeGreaterThan(0);
    for (const m of meetings) expect(m.date >= todayInNz()).toBe(true);
    expect(meetings.map((m) => m.date)).toEqual([...meetings.map((m) => m.date)].sort());
  });
});

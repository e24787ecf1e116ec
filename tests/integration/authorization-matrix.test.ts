import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchHashOf } from '../../server/retention/due-list.js';
import { CaseHistory } from '../../shared/api/records.js';
import { Commands, type CommandName } from '../../shared/control.js';
import type { Role } from '../../shared/domain.js';
import { formatDocName, type DocKind } from '../../shared/meeting-doc/index.js';
import { rawUpgrade, sessionToken } from '../support/collab-client.js';
import { connectControl, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Who may do what, as a table: every route of the published contract, every control-plane command
// and every kind of document, for every role, against its own site and another site, and its own
// agency and another agency, with the answer each must get. A route, command or document kind
// without a row fails this test, so nothing new ships without deciding who may use it.
//
// One server and one sign-in per person serve the whole table. The accounts are Canterbury's, all
// of New Zealand Police: "own agency" is Police, "other agency" Health.

type SiteSide = 'own' | 'other';
type AgencySide = 'own' | 'other';
interface Target {
  site: SiteSide;
  agency?: AgencySide;
}

interface Who {
  key: string;
  kind: 'staff' | 'invitee' | 'anonymous';
  role: Role | null;
  national: boolean;
  request(method: string, path: string, body?: unknown): Promise<Response>;
  /** For websockets: the session token (none for the anonymous). */
  token: string | undefined;
}

/** What the table refers to, per side. */
interface World {
  meeting: Record<SiteSide, string>;
  item: Record<SiteSide, string>;
  /** A family Police works with (it leads and holds an action), and one it has no part in. */
  case: Record<SiteSide, Record<AgencySide, string>>;
  /** An open action of Police's, and one of Health's. */
  action: Record<SiteSide, Record<AgencySide, string>>;
  invite: Record<SiteSide, string>;
  joinToken: Record<SiteSide, string>;
  site: Record<SiteSide, string>;
  /** A police reference of someone in that site's families only. */
  personRef: Record<SiteSide, string>;
  /** That person's record at each site. */
  person: Record<SiteSide, string>;
  /** Someone who waits in the other site's lobby: what a chair's lobby commands reach for. */
  otherParticipant: string;
  /** A staff account at each site for administrators to change, and an agency to change. */
  user: Record<SiteSide, string>;
  agency: string;
  /** A reminder to Police at that site. */
  notification: Record<SiteSide, string>;
  /** That reminder's email, already sent: nothing for an administrator to try again. */
  email: Record<SiteSide, string>;
}

const AGENCY: Record<AgencySide, string> = { own: 'POLICE', other: 'HEALTH' };

interface RouteRow {
  /** Which sides the route is tried against. */
  targets: 'none' | 'site' | 'site+agency';
  /** Run after everything else: it ends or replaces the session. */
  last?: boolean;
  path(t: Target, w: World): string;
  body?(t: Target, w: World): unknown;
  /** The answer as the table states it; the status code unless the row says more. */
  answer?(res: Response, t: Target, w: World): Promise<string>;
  expected(p: Who, t: Target): string;
}

// ───────────── The rules, in words the rows use ─────────────

const signedOut = (p: Who) => p.kind === 'anonymous';
const hasRole = (p: Who, roles: readonly Role[]) => p.role !== null && roles.includes(p.role);
/** A staff member reaches their own site (a national role every site); an invitee only their own meeting. */
const reaches = (p: Who, t: Target) => (p.kind === 'staff' && p.national) || t.site === 'own';
/** 401 signed out, 403 for a role the route is not for, otherwise what `then` says. */
const gate = (p: Who, roles: readonly Role[], then: () => string) => (signedOut(p) ? '401' : !hasRole(p, roles) ? '403' : then());
/** Staff accounts only: an invitee's access is one meeting. */
const staffGate = (p: Who, roles: readonly Role[], then: () => string) => gate(p, roles, () => (p.kind === 'invitee' ? '403' : then()));
const within = (p: Who, t: Target, then: () => string) => (reaches(p, t) ? then() : '404');
/** Need to know: chair, coordinator and auditor see the whole record; others their agency's families in full. */
const detail = (p: Who, t: Target) => (hasRole(p, ['CHAIR', 'COORDINATOR', 'AUDITOR']) || t.agency === 'own' ? 'full' : 'outcome');

const ALL: readonly Role[] = ['CHAIR', 'COORDINATOR', 'REP', 'OBSERVER', 'AUDITOR'];
const CHAIR_COORD: readonly Role[] = ['CHAIR', 'COORDINATOR'];
const ADMIN: readonly Role[] = ['SITE_ADMIN'];
/** Administrators act within the sites they reach; a national administrator's alone add sites and agencies. */
const adminGate = (p: Who, t: Target, then: () => string) => staffGate(p, ADMIN, () => within(p, t, then));
const nationalAdminGate = (p: Who, then: () => string) => staffGate(p, ADMIN, () => (p.national ? then() : '403'));
const NIL_UUID = '00000000-0000-4000-8000-000000000000';
const REPORTERS: readonly Role[] = ['CHAIR', 'COORDINATOR', 'AUDITOR'];
const NOT_DUE = { kind: 'closedCase' as const, id: NIL_UUID };

let dates = 0;
const freshDate = () => new Date(Date.UTC(2040, 0, 1) + dates++ * 86_400_000).toISOString().slice(0, 10);
const json = async <T,>(res: Response): Promise<T> => (await res.json()) as T;
/** An export is the meeting's for everyone who reaches it; then the role and agency rules decide. */
const exportRule = (p: Who, t: Target) => {
  if (signedOut(p)) return '401';
  return within(p, t, () => {
    if (hasRole(p, ['OBSERVER', 'AUDITOR', 'SITE_ADMIN'])) return '403';
    if (p.role === 'REP' && t.agency !== 'own') return '403';
    return '200';
  });
};

/** A family plan's routes: its staff roles, never an invitee, then the site, then need to know. */
const planRoute = (p: Who, t: Target, allowed: string, leads = true) =>
  staffGate(p, ['CHAIR', 'COORDINATOR', 'REP', 'OBSERVER'], () => within(p, t, () => (detail(p, t) === 'full' && leads ? allowed : '403')));

const ROUTES: Record<string, RouteRow> = {
  'GET /api/health': { targets: 'none', path: () => '/api/health', expected: () => '200' },
  'POST /api/auth/login': {
    targets: 'none', path: () => '/api/auth/login',
    body: () => ({ email: `nobody-${dates++}@demo.test`, password: 'not the password' }),
    expected: () => '401',
  },
  'GET /api/me': { targets: 'none', path: () => '/api/me', expected: (p) => (signedOut(p) ? '401' : '200') },
  'GET /api/sites': {
    targets: 'none', path: () => '/api/sites',
    answer: async (res) => (res.ok ? (await json<{ code: string }[]>(res)).map((s) => s.code).join(',') : String(res.status)),
    expected: (p) => (signedOut(p) ? '401' : p.national ? 'CANTERBURY,WAIKATO' : 'CANTERBURY'),
  },
  'GET /api/meetings': {
    targets: 'site', path: (t, w) => `/api/meetings?siteId=${w.site[t.site]}`,
    answer: async (res, t, w) => (res.ok ? ((await json<{ id: string }[]>(res)).some((m) => m.id === w.meeting[t.site]) ? 'listed' : 'absent') : String(res.status)),
    expected: (p, t) => (signedOut(p) ? '401' : reaches(p, t) ? 'listed' : 'absent'),
  },
  'GET /api/meetings/{id}': {
    // A meeting's date and state, not its content: administrators see them (for the schedule) too.
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}`,
    expected: (p, t) => gate(p, [...ALL, 'SITE_ADMIN'], () => within(p, t, () => '200')),
  },
  'POST /api/meetings': {
    targets: 'site', path: () => '/api/meetings',
    body: (t, w) => ({ siteId: w.site[t.site], date: freshDate(), kind: 'ICM_REVIEW' }),
    expected: (p, t) => gate(p, CHAIR_COORD, () => within(p, t, () => '201')),
  },
  'POST /api/meetings/{id}/confidentiality': {
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/confidentiality`, body: () => ({ acknowledged: true }),
    expected: (p, t) => gate(p, ['CHAIR', 'COORDINATOR', 'REP', 'OBSERVER'], () => within(p, t, () => '200')),
  },
  'POST /api/meetings/{id}/disclosures': {
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/disclosures`,
    body: (t, w) => ({ itemId: w.item[t.site], decision: 'WITHHOLD', withheldReason: 'Consent not given' }),
    expected: (p, t) => gate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => within(p, t, () => '201')),
  },
  // A family's plan: staff of its site whose agency works with the family (no version exists here, so 404 past the door).
  'GET /api/cases/{id}/plan/versions': {
    targets: 'site+agency', path: (t, w) => `/api/cases/${w.case[t.site][t.agency!]}/plan/versions`,
    expected: (p, t) => planRoute(p, t, '200'),
  },
  'GET /api/cases/{id}/plan/versions/{versionId}': {
    targets: 'site+agency', path: (t, w) => `/api/cases/${w.case[t.site][t.agency!]}/plan/versions/${NIL_UUID}`,
    expected: (p, t) => planRoute(p, t, '404'),
  },
  'GET /api/cases/{id}/plan/compare': {
    targets: 'site+agency', path: (t, w) => `/api/cases/${w.case[t.site][t.agency!]}/plan/compare?from=${NIL_UUID}&to=${NIL_UUID}`,
    expected: (p, t) => planRoute(p, t, '404'),
  },
  // The plan's exports are the lead agency's (Police leads the own-agency family).
  'GET /api/cases/{id}/plan.pdf': {
    targets: 'site+agency', path: (t, w) => `/api/cases/${w.case[t.site][t.agency!]}/plan.pdf`,
    expected: (p, t) => planRoute(p, t, '200', t.agency === 'own'),
  },
  'GET /api/cases/{id}/plan.docx': {
    targets: 'site+agency', path: (t, w) => `/api/cases/${w.case[t.site][t.agency!]}/plan.docx`,
    expected: (p, t) => planRoute(p, t, '200', t.agency === 'own'),
  },
  'GET /api/meetings/{id}/items/{itemId}/assessments': {
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/items/${w.item[t.site]}/assessments`,
    expected: (p, t) => gate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => within(p, t, () => '200')),
  },
  'POST /api/meetings/{id}/items/{itemId}/assessments': {
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/items/${w.item[t.site]}/assessments`,
    body: () => ({ kind: 'PROFESSIONAL_JUDGEMENT', level: 'MEDIUM', factors: ['Recent separation'] }),
    expected: (p, t) => gate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => within(p, t, () => '201')),
  },
  'GET /api/cases/{id}': {
    targets: 'site+agency', path: (t, w) => `/api/cases/${w.case[t.site][t.agency!]}`,
    answer: async (res) => {
      if (!res.ok) return String(res.status);
      const history = CaseHistory.safeParse(await res.json());
      return history.success ? `200 ${history.data.detail}` : '200 not a case history';
    },
    expected: (p, t) => gate(p, ALL, () => within(p, t, () => `200 ${detail(p, t)}`)),
  },
  'GET /api/cases/{id}/record.pdf': {
    // The whole record leaves only with its lead agency (the accounts are Police), the chair and the coordinator.
    targets: 'site+agency', path: (t, w) => `/api/cases/${w.case[t.site][t.agency!]}/record.pdf`,
    expected: (p, t) => staffGate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => within(p, t, () => (p.role === 'REP' && t.agency !== 'own' ? '403' : '200'))),
  },
  'PATCH /api/actions/{id}': {
    targets: 'site+agency', path: (t, w) => `/api/actions/${w.action[t.site][t.agency!]}`, body: () => ({ status: 'IN_PROGRESS' }),
    expected: (p, t) => staffGate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => within(p, t, () => (p.role === 'REP' && t.agency !== 'own' ? '403' : '200'))),
  },
  'GET /api/work/actions': {
    // The caller's own agency's actions at their own site, whoever's role lets them work between meetings.
    targets: 'site+agency', path: () => '/api/work/actions',
    answer: async (res, t, w) => (res.ok ? ((await json<{ id: string }[]>(res)).some((a) => a.id === w.action[t.site][t.agency!]) ? 'listed' : 'absent') : String(res.status)),
    expected: (p, t) => staffGate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => (t.site === 'own' && t.agency === 'own' ? 'listed' : 'absent')),
  },
  'GET /api/work/families': {
    targets: 'none', path: () => '/api/work/families',
    expected: (p) => staffGate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => '200'),
  },
  'GET /api/notifications': {
    targets: 'none', path: () => '/api/notifications',
    expected: (p) => staffGate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => '200'),
  },
  'POST /api/notifications/{id}/read': {
    // Reminders are the agency's at its site (the accounts are all Police).
    targets: 'site', path: (t, w) => `/api/notifications/${w.notification[t.site]}/read`,
    expected: (p, t) => staffGate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => (t.site === 'own' ? '204' : '404')),
  },
  'POST /api/notifications/read-all': {
    targets: 'none', path: () => '/api/notifications/read-all',
    expected: (p) => staffGate(p, ['CHAIR', 'COORDINATOR', 'REP'], () => '204'),
  },
  'GET /api/reminders/outbox': {
    targets: 'none', path: () => '/api/reminders/outbox',
    expected: (p) => staffGate(p, CHAIR_COORD, () => '200'),
  },
  'POST /api/meetings/{id}/episodes/import': {
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/episodes/import`, body: () => [],
    expected: (p, t) => staffGate(p, CHAIR_COORD, () => within(p, t, () => '200')),
  },
  'GET /api/people/search': {
    targets: 'site', path: (t, w) => `/api/people/search?policeRef=${w.personRef[t.site]}`,
    answer: async (res) => (res.ok ? ((await json<unknown[]>(res)).length > 0 ? 'found' : 'none') : String(res.status)),
    expected: (p, t) => staffGate(p, ['CHAIR', 'COORDINATOR', 'REP', 'AUDITOR'], () => (reaches(p, t) ? 'found' : 'none')),
  },
  'GET /api/meetings/{id}/minutes': {
    targets: 'site+agency', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/minutes?format=md&agency=${AGENCY[t.agency!]}`,
    expected: exportRule,
  },
  'GET /api/meetings/{id}/actions': {
    targets: 'site+agency', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/actions?format=csv&agency=${AGENCY[t.agency!]}`,
    expected: exportRule,
  },
  'GET /api/meetings/{id}/packs.zip': {
    // Packs are made at the close; the meetings here are in preparation, so reaching one is a 409.
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/packs.zip`,
    expected: (p, t) => staffGate(p, CHAIR_COORD, () => within(p, t, () => '409')),
  },
  'POST /api/meetings/{id}/invites': {
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/invites`,
    body: () => ({ agencyCode: 'HEALTH', role: 'OBSERVER', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), maxUses: 1 }),
    expected: (p, t) => staffGate(p, ['CHAIR'], () => within(p, t, () => '201')),
  },
  'GET /api/meetings/{id}/invites': {
    targets: 'site', path: (t, w) => `/api/meetings/${w.meeting[t.site]}/invites`,
    expected: (p, t) => staffGate(p, ['CHAIR'], () => within(p, t, () => '200')),
  },
  'POST /api/invites/{id}/revoke': {
    targets: 'site', path: (t, w) => `/api/invites/${w.invite[t.site]}/revoke`,
    expected: (p, t) => staffGate(p, ['CHAIR'], () => within(p, t, () => '200')),
  },
  // A link is the access: whoever holds it sees the meeting's site and date, and may knock.
  'GET /api/join/{token}': { targets: 'site', path: (t, w) => `/api/join/${w.joinToken[t.site]}`, expected: () => '200' },
  'POST /api/join/{token}': {
    targets: 'site', last: true, path: (t, w) => `/api/join/${w.joinToken[t.site]}`,
    body: () => ({ displayName: 'Aroha Ngata', mode: 'REMOTE', confidentialityAcknowledged: true }),
    expected: (p) => (p.kind === 'staff' ? '409' : '201'),
  },
  'GET /api/lobby': { targets: 'none', path: () => '/api/lobby', expected: (p) => (signedOut(p) ? '401' : p.kind === 'staff' ? '403' : '200') },
  'GET /api/audit': {
    targets: 'site', path: (t, w) => `/api/audit?meetingId=${w.meeting[t.site]}&action=confidentiality.acknowledge`,
    answer: async (res) => (res.ok ? ((await json<{ rows: unknown[] }>(res)).rows.length > 0 ? 'rows' : 'none') : String(res.status)),
    expected: (p, t) => staffGate(p, ['AUDITOR'], () => (reaches(p, t) ? 'rows' : 'none')),
  },
  'GET /api/audit/verify': { targets: 'none', path: () => '/api/audit/verify', expected: (p) => staffGate(p, ['AUDITOR'], () => '200') },
  'GET /api/auth/methods': { targets: 'none', path: () => '/api/auth/methods', expected: () => '200' },
  // No identity provider is configured on this server; a callback without a flow of its own goes to the refusal page.
  'GET /api/auth/oidc/login': { targets: 'none', path: () => '/api/auth/oidc/login', expected: () => '404' },
  'GET /api/auth/oidc/callback': {
    targets: 'none', path: () => '/api/auth/oidc/callback?code=x&state=y',
    answer: async (res) => { await res.body?.cancel(); return res.redirected && res.url.includes('/signin/refused?reason=expired') ? 'refused page' : String(res.status); },
    expected: () => 'refused page',
  },
  // One-time password links: an unknown one is as good as none, for anyone.
  'POST /api/auth/password-link': { targets: 'none', path: () => '/api/auth/password-link', body: () => ({ token: 'not-a-token' }), expected: () => '404' },
  'POST /api/auth/password': {
    targets: 'none', path: () => '/api/auth/password', body: () => ({ token: 'not-a-token', password: 'kōwhai tūī pīwakawaka' }), expected: () => '404',
  },
  'GET /api/admin/sites': {
    targets: 'none', path: () => '/api/admin/sites',
    answer: async (res) => (res.ok ? (await json<{ code: string }[]>(res)).map((s) => s.code).join(',') : String(res.status)),
    expected: (p) => staffGate(p, ADMIN, () => (p.national ? 'CANTERBURY,WAIKATO' : 'CANTERBURY')),
  },
  'POST /api/admin/sites': {
    targets: 'none', path: () => '/api/admin/sites', body: () => ({ code: `MATRIX_${dates++}`, name: 'Matrix site' }),
    expected: (p) => nationalAdminGate(p, () => '201'),
  },
  'POST /api/admin/training-sites': {
    targets: 'none', path: () => '/api/admin/training-sites', body: () => ({ code: `MATRIX_${dates++}`, name: 'Matrix training site' }),
    expected: (p) => nationalAdminGate(p, () => '201'),
  },
  // The sites in the table are live ones: a reset is refused for whoever reaches them.
  'POST /api/admin/sites/{id}/training-reset': {
    targets: 'site', path: (t, w) => `/api/admin/sites/${w.site[t.site]}/training-reset`, expected: (p, t) => adminGate(p, t, () => '409'),
  },
  'PUT /api/admin/sites/{id}/schedule': {
    targets: 'site', path: (t, w) => `/api/admin/sites/${w.site[t.site]}/schedule`, body: () => ({ dailyMeetingTime: '09:00', icmReviewWeekday: 3 }),
    expected: (p, t) => adminGate(p, t, () => '200'),
  },
  'GET /api/admin/agencies': { targets: 'none', path: () => '/api/admin/agencies', expected: (p) => staffGate(p, ADMIN, () => '200') },
  'POST /api/admin/agencies': {
    targets: 'none', path: () => '/api/admin/agencies', body: () => ({ code: `MATRIX_${dates++}`, name: 'Matrix agency', kind: 'OTHER' }),
    expected: (p) => nationalAdminGate(p, () => '201'),
  },
  'PATCH /api/admin/agencies/{id}': {
    targets: 'none', path: (_t, w) => `/api/admin/agencies/${w.agency}`, body: () => ({ name: 'Matrix agency (renamed)' }),
    expected: (p) => nationalAdminGate(p, () => '200'),
  },
  'GET /api/admin/users': { targets: 'site', path: (t, w) => `/api/admin/users?siteId=${w.site[t.site]}`, expected: (p, t) => adminGate(p, t, () => '200') },
  'POST /api/admin/users': {
    targets: 'site', path: () => '/api/admin/users',
    body: (t, w) => ({ email: `matrix-${dates++}@demo.test`, displayName: 'Ngaio Pōtae', agencyCode: 'POLICE', role: 'REP', siteId: w.site[t.site] }),
    expected: (p, t) => adminGate(p, t, () => '201'),
  },
  'PATCH /api/admin/users/{id}': {
    targets: 'site', path: (t, w) => `/api/admin/users/${w.user[t.site]}`, body: () => ({ displayName: 'Ngaio Pōtae-Rua' }),
    expected: (p, t) => adminGate(p, t, () => '200'),
  },
  'POST /api/admin/users/{id}/disable': { targets: 'site', path: (t, w) => `/api/admin/users/${w.user[t.site]}/disable`, expected: (p, t) => adminGate(p, t, () => '200') },
  'POST /api/admin/users/{id}/enable': { targets: 'site', path: (t, w) => `/api/admin/users/${w.user[t.site]}/enable`, expected: (p, t) => adminGate(p, t, () => '200') },
  'POST /api/admin/users/{id}/password-link': {
    targets: 'site', path: (t, w) => `/api/admin/users/${w.user[t.site]}/password-link`, expected: (p, t) => adminGate(p, t, () => '200'),
  },
  'GET /api/admin/users/{id}/sessions': { targets: 'site', path: (t, w) => `/api/admin/users/${w.user[t.site]}/sessions`, expected: (p, t) => adminGate(p, t, () => '200') },
  // Showing a name (hidden: false) leaves the matrix's people as they are.
  'PUT /api/people/{id}/hidden-name': {
    targets: 'site', path: (t, w) => `/api/people/${w.person[t.site]}/hidden-name`, body: () => ({ hidden: false }),
    expected: (p, t) => staffGate(p, CHAIR_COORD, () => within(p, t, () => '200')),
  },
  // Auditors act as privacy officers: they already read families' whole records in their site.
  'GET /api/people/{id}/privacy-report': {
    targets: 'site', path: (t, w) => `/api/people/${w.person[t.site]}/privacy-report?requestRef=PR-MATRIX`,
    expected: (p, t) => staffGate(p, ['AUDITOR'], () => within(p, t, () => '200')),
  },
  'POST /api/people/{id}/corrections': {
    targets: 'site', path: (t, w) => `/api/people/${w.person[t.site]}/corrections`, body: () => ({ requestRef: 'PR-MATRIX', requestedChange: 'A spelling' }),
    expected: (p, t) => staffGate(p, ['AUDITOR'], () => within(p, t, () => '201')),
  },
  'GET /api/people/{id}/corrections': {
    targets: 'site', path: (t, w) => `/api/people/${w.person[t.site]}/corrections`,
    expected: (p, t) => staffGate(p, ['AUDITOR'], () => within(p, t, () => '200')),
  },
  // A request that exists nowhere: the role gate, then 404.
  'POST /api/corrections/{id}/decision': {
    targets: 'none', path: () => `/api/corrections/${NIL_UUID}/decision`, body: () => ({ decision: 'DECLINE', note: 'Matrix', statement: 'Matrix' }),
    expected: (p) => staffGate(p, ['AUDITOR'], () => '404'),
  },
  // Only the backup command, with its token from the server's DATA_DIR: no session is enough.
  'POST /api/backup': { targets: 'none', path: () => '/api/backup', expected: () => '401' },
  // Retention is administrators' work, in the sites they reach. The matrix's batch names a record
  // that is not due, so an administrator who reaches the site gets "the batch changed".
  'GET /api/retention/due': { targets: 'site', path: (t, w) => `/api/retention/due?siteId=${w.site[t.site]}`, expected: (p, t) => adminGate(p, t, () => '200') },
  'POST /api/retention/disposals': {
    targets: 'site', path: () => '/api/retention/disposals',
    body: (t, w) => ({ siteId: w.site[t.site], batchHash: batchHashOf([NOT_DUE]), items: [NOT_DUE] }),
    expected: (p, t) => adminGate(p, t, () => '409'),
  },
  'GET /api/retention/certificates': {
    targets: 'site', path: (t, w) => `/api/retention/certificates?siteId=${w.site[t.site]}`, expected: (p, t) => adminGate(p, t, () => '200'),
  },
  'PUT /api/cases/{id}/legal-hold': {
    targets: 'site', path: (t, w) => `/api/cases/${w.case[t.site].other}/legal-hold`, body: () => ({ reason: 'Matrix hold' }),
    expected: (p, t) => adminGate(p, t, () => '200'),
  },
  'DELETE /api/cases/{id}/legal-hold': {
    targets: 'site', path: (t, w) => `/api/cases/${w.case[t.site].other}/legal-hold`, expected: (p, t) => adminGate(p, t, () => '200'),
  },
  'GET /api/admin/emails': { targets: 'site', path: (t, w) => `/api/admin/emails?siteId=${w.site[t.site]}`, expected: (p, t) => adminGate(p, t, () => '200') },
  'POST /api/admin/emails/{id}/retry': {
    targets: 'site', path: (t, w) => `/api/admin/emails/${w.email[t.site]}/retry`, expected: (p, t) => adminGate(p, t, () => '409'),
  },
  'POST /api/admin/users/{id}/sessions/{sessionId}/revoke': {
    targets: 'site', path: (t, w) => `/api/admin/users/${w.user[t.site]}/sessions/${NIL_UUID}/revoke`,
    expected: (p, t) => adminGate(p, t, () => '404'),
  },
  'GET /api/reports/site': {
    targets: 'site', path: (t, w) => `/api/reports/site?siteId=${w.site[t.site]}&from=2025-01-01&to=2025-01-31`,
    expected: (p, t) => staffGate(p, REPORTERS, () => within(p, t, () => '200')),
  },
  'GET /api/reports/site.csv': {
    targets: 'site', path: (t, w) => `/api/reports/site.csv?siteId=${w.site[t.site]}&from=2025-01-01&to=2025-01-31`,
    expected: (p, t) => staffGate(p, REPORTERS, () => within(p, t, () => '200')),
  },
  'GET /api/reports/extract.csv': {
    targets: 'site', path: (t, w) => `/api/reports/extract.csv?siteId=${w.site[t.site]}&from=2025-01-01&to=2025-01-31`,
    expected: (p, t) => staffGate(p, REPORTERS, () => within(p, t, () => '200')),
  },
  'GET /api/reports/national': {
    targets: 'none', path: () => '/api/reports/national?from=2025-01-01&to=2025-01-31',
    expected: (p) => staffGate(p, REPORTERS, () => (p.national ? '200' : '403')),
  },
  // Staff set up an authenticator app; administrators already have (the sign-in helper enrols them).
  'POST /api/auth/second-factor/enrol': {
    targets: 'none', path: () => '/api/auth/second-factor/enrol',
    expected: (p) => (signedOut(p) ? '401' : p.kind === 'invitee' ? '403' : p.role === 'SITE_ADMIN' ? '409' : '200'),
  },
  // After the row above: everyone else has a set-up waiting, which a wrong code does not finish.
  'POST /api/auth/second-factor/confirm': {
    targets: 'none', path: () => '/api/auth/second-factor/confirm', body: () => ({ code: '000000' }),
    expected: (p) => (signedOut(p) ? '401' : p.kind === 'invitee' ? '403' : p.role === 'SITE_ADMIN' ? '409' : '400'),
  },
  'POST /api/admin/users/{id}/second-factor/reset': {
    targets: 'site', path: (t, w) => `/api/admin/users/${w.user[t.site]}/second-factor/reset`, expected: (p, t) => adminGate(p, t, () => '200'),
  },
  // The very last row: it ends each session.
  'POST /api/auth/logout': { targets: 'none', last: true, path: () => '/api/auth/logout', expected: () => '204' },
};

// ───────────── Documents ─────────────

interface DocRow {
  targets: 'site' | 'site+agency';
  name(t: Target, w: World): string;
  expected(p: Who, t: Target): string;
}

/** Auditors never open meeting content; an invitee's links are to one meeting; then the site. */
const docDoor = (p: Who, t: Target, then: () => string) => {
  if (signedOut(p)) return '401';
  if (hasRole(p, ['AUDITOR', 'SITE_ADMIN'])) return '403';
  if (p.kind === 'invitee' && t.site !== 'own') return '403';
  return within(p, t, then);
};

/** A family's plan is the case's, for staff of its site only; then need to know decides. */
const planDoor = (p: Who, t: Target, then: () => string) => {
  if (signedOut(p)) return '401';
  if (hasRole(p, ['AUDITOR', 'SITE_ADMIN']) || p.kind === 'invitee') return '403';
  return within(p, t, then);
};

// A Record over DocKind: a new kind of document does not type-check without its row.
const DOCS: Record<DocKind, DocRow> = {
  meeting: { targets: 'site', name: (t, w) => formatDocName({ kind: 'meeting', meetingId: w.meeting[t.site] }), expected: (p, t) => docDoor(p, t, () => '101') },
  prep: {
    targets: 'site+agency',
    name: (t, w) => formatDocName({ kind: 'prep', meetingId: w.meeting[t.site], agencyCode: AGENCY[t.agency!]! }),
    expected: (p, t) => docDoor(p, t, () => (t.agency !== 'own' || p.role === 'OBSERVER' ? '403' : '101')),
  },
  // The own agency's family is the one Police leads; the other has no part of Police's.
  plan: {
    targets: 'site+agency',
    name: (t, w) => formatDocName({ kind: 'plan', caseId: w.case[t.site][t.agency!] }),
    expected: (p, t) => planDoor(p, t, () => (detail(p, t) === 'full' ? '101' : '403')),
  },
  // Only the lead agency (and the victim specialist, whom no account here works for), whatever the role.
  'plan-private': {
    targets: 'site+agency',
    name: (t, w) => formatDocName({ kind: 'plan-private', caseId: w.case[t.site][t.agency!] }),
    expected: (p, t) => planDoor(p, t, () => (t.agency === 'own' ? '101' : '403')),
  },
};

// ───────────── Control plane ─────────────

/** A chair's commands act within their own meeting: ids from the other site's meeting are not found there. */
interface CommandRow {
  payload(w: World): unknown;
  /** What the chair of the meeting gets. */
  chair: string;
}

const COMMANDS: Record<CommandName, CommandRow> = {
  'meeting:start': { payload: () => ({}), chair: 'ok' },
  'focus:set': { payload: (w) => ({ itemId: w.item.other }), chair: 'NOT_FOUND' },
  'timer:start': { payload: (w) => ({ itemId: w.item.other }), chair: 'NOT_FOUND' },
  'timer:stop': { payload: () => ({}), chair: 'ok' },
  'item:defer': { payload: (w) => ({ itemId: w.item.other, reason: 'not ours' }), chair: 'NOT_FOUND' },
  'item:finalize': { payload: (w) => ({ itemId: w.item.other }), chair: 'NOT_FOUND' },
  'item:reopen': { payload: (w) => ({ itemId: w.item.other }), chair: 'NOT_FOUND' },
  'items:finalize': { payload: (w) => ({ itemIds: [w.item.other] }), chair: 'ok: NOT_FOUND' },
  'meeting:close': { payload: () => ({}), chair: 'ITEMS_OPEN' },
  'lobby:admit': { payload: (w) => ({ participantId: w.otherParticipant }), chair: 'NOT_FOUND' },
  'lobby:decline': { payload: (w) => ({ participantId: w.otherParticipant }), chair: 'NOT_FOUND' },
  'participant:remove': { payload: (w) => ({ participantId: w.otherParticipant }), chair: 'NOT_FOUND' },
};

/** Whether a person's socket joins a meeting's control plane, or the refusal's code. */
const handshake = (p: Who, t: Target) => {
  if (signedOut(p)) return 'UNAUTHENTICATED';
  if (hasRole(p, ['AUDITOR', 'SITE_ADMIN'])) return 'FORBIDDEN';
  if (p.kind === 'invitee' && t.site !== 'own') return 'FORBIDDEN';
  return reaches(p, t) ? 'connected' : 'NOT_FOUND';
};

function ackAnswer(ack: { ok: boolean; error?: { code: string }; results?: { ok: boolean; error?: { code: string } }[] }): string {
  if (!ack.ok) return ack.error?.code ?? 'error';
  return ack.results ? `ok: ${ack.results.map((r) => (r.ok ? 'ok' : r.error?.code)).join(',')}` : 'ok';
}

// ───────────── The run ─────────────

const SIDES: Target[] = [{ site: 'own' }, { site: 'other' }];
const AGENCY_SIDES: Target[] = SIDES.flatMap((t) => [{ ...t, agency: 'own' as const }, { ...t, agency: 'other' as const }]);
const targetsOf = (kind: RouteRow['targets'] | DocRow['targets']): Target[] =>
  kind === 'none' ? [{ site: 'own' }] : kind === 'site' ? SIDES : AGENCY_SIDES;
const label = (t: Target) => `${t.site} site${t.agency ? `, ${t.agency} agency` : ''}`;

describe('authorization matrix', () => {
  let server: TestServer;
  let world: World;
  const people: Who[] = [];
  const mismatches: string[] = [];
  const cells = { routes: 0, docs: 0, commands: 0 };

  const db = () => server.ctx.db;
  const check = (what: string, p: Who, t: Target | null, expected: string, got: string) => {
    if (expected !== got) mismatches.push(`${what} × ${p.key}${t ? ` × ${label(t)}` : ''}: expected ${expected}, got ${got}`);
  };

  async function browser(email: string): Promise<Browserish> {
    const b = new Browserish(server.url);
    const res = await b.login(email);
    if (res.status !== 200) throw new Error(`signing in ${email}: ${res.status}`);
    return b;
  }
  const asWho = (key: string, kind: Who['kind'], role: Role, national: boolean, b: Browserish): Who => ({
    key, kind, role, national, request: (m, path, body) => b.request(m, path, body), get token() { return sessionToken(b); },
  });

  beforeAll(async () => {
    server = await startTestServer();
    const meetingOf = (code: string) => db().meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code } }, select: { id: true, siteId: true } });
    const [own, other] = [await meetingOf('CANTERBURY'), await meetingOf('WAIKATO')];
    const waikatoChair = await browser('chair.waikato@demo.test');
    await waikatoChair.acknowledge(other.id);

    for (const [key, role] of [['chair', 'CHAIR'], ['coordinator', 'COORDINATOR'], ['police', 'REP'], ['observer', 'OBSERVER'], ['auditor', 'AUDITOR']] as const) {
      const b = await browser(`${key}@demo.test`);
      if (role !== 'AUDITOR') await b.acknowledge(own.id);
      people.push(asWho(role === 'REP' ? 'rep' : key, 'staff', role, false, b));
    }
    people.push(asWho('national auditor', 'staff', 'AUDITOR', true, await browser('national.auditor@demo.test')));
    people.push(asWho('admin', 'staff', 'SITE_ADMIN', false, await browser('admin@demo.test')));
    people.push(asWho('national admin', 'staff', 'SITE_ADMIN', true, await browser('national.admin@demo.test')));
    const chair = people[0]!;

    // Links made by each site's chair: to join by, to revoke, and the invitee's own.
    const link = async (who: { request: Who['request'] }, meetingId: string) => {
      const res = await who.request('POST', `/api/meetings/${meetingId}/invites`, {
        agencyCode: 'POLICE', role: 'REP', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), maxUses: 50,
      });
      const created = await json<{ id: string; url: string }>(res);
      return { id: created.id, token: created.url.split('/join/')[1]! };
    };
    const waikato = { request: (m: string, path: string, body?: unknown) => waikatoChair.request(m, path, body) };
    const [joinOwn, joinOther, revokeOwn, revokeOther, inviteeLink] = [
      await link(chair, own.id), await link(waikato, other.id), await link(chair, own.id), await link(waikato, other.id), await link(chair, own.id),
    ];
    // A Police representative invited to Canterbury's meeting, admitted by the chair.
    const invitee = new Browserish(server.url);
    const joined = await invitee.request('POST', `/api/join/${inviteeLink.token}`, { displayName: 'Tama Rēweti', mode: 'REMOTE', confidentialityAcknowledged: true });
    const { participantId } = await json<{ participantId: string }>(joined);
    await db().participant.update({ where: { id: participantId }, data: { admittedAt: new Date() } });
    people.push(asWho('invitee (rep)', 'invitee', 'REP', false, invitee));
    people.push({
      key: 'signed out', kind: 'anonymous', role: null, national: false, token: undefined,
      request: (method, path, body) => fetch(`${server.url}${path}`, {
        method,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(method !== 'GET' && { 'x-requested-with': 'samroom' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    });
    // Someone waiting in Waikato's lobby.
    const knocking = await new Browserish(server.url).request('POST', `/api/join/${joinOther.token}`, { displayName: 'Hine Waaka', mode: 'REMOTE', confidentialityAcknowledged: true });

    // Per site: a family Police leads and holds an action for, and a new family nobody has acted for yet.
    const police = await db().agency.findUniqueOrThrow({ where: { code: 'POLICE' } });
    const health = await db().agency.findUniqueOrThrow({ where: { code: 'HEALTH' } });
    const families = async (meetingId: string) => {
      const items = await db().agendaItem.findMany({
        where: { meetingId, reason: 'NEW_EPISODE', case: { decisions: { none: {} }, actions: { none: {} } } },
        orderBy: { rank: 'asc' }, take: 2,
        include: { case: { include: { members: { include: { person: true } } } } },
      });
      const [involved, uninvolved] = [items[0]!, items[1]!];
      const action = (caseId: string, agencyId: string) =>
        db().action.create({ data: { caseId, agencyId, type: 'Check-in', description: 'Call the person at risk.', dueDate: new Date('2040-01-10T00:00:00Z') } });
      const ownAction = await action(involved.caseId, police.id);
      await db().case.update({ where: { id: involved.caseId }, data: { leadAgencyId: police.id } });
      const otherAction = await action(uninvolved.caseId, health.id);
      const person = uninvolved.case.members.find((m) => m.person.policePersonRef)?.person
        ?? await db().person.update({ where: { id: uninvolved.case.members[0]!.personId }, data: { policePersonRef: `PPR-MX${meetingId.slice(0, 6)}` } });
      return {
        item: uninvolved.id, case: { own: involved.caseId, other: uninvolved.caseId }, action: { own: ownAction.id, other: otherAction.id },
        personRef: person.policePersonRef!, person: person.id,
        notification: await db().notification.create({
          data: {
            siteId: (await db().meeting.findUniqueOrThrow({ where: { id: meetingId } })).siteId, agencyId: police.id, kind: 'DAILY_DIGEST', dedupeKey: 'digest:2040-01-01', title: 'Reminder', body: '1 action overdue', link: '/',
            email: { create: { recipients: ['police@demo.test'], subject: 'SAM Room: Reminder', text: '1 action overdue', status: 'SENT', attempts: 1 } },
          },
          select: { id: true, email: { select: { id: true } } },
        }),
      };
    };
    const [ownFamilies, otherFamilies] = [await families(own.id), await families(other.id)];
    world = {
      meeting: { own: own.id, other: other.id },
      site: { own: own.siteId, other: other.siteId },
      item: { own: ownFamilies.item, other: otherFamilies.item },
      case: { own: ownFamilies.case, other: otherFamilies.case },
      action: { own: ownFamilies.action, other: otherFamilies.action },
      personRef: { own: ownFamilies.personRef, other: otherFamilies.personRef },
      person: { own: ownFamilies.person, other: otherFamilies.person },
      invite: { own: revokeOwn.id, other: revokeOther.id },
      joinToken: { own: joinOwn.token, other: joinOther.token },
      otherParticipant: (await json<{ participantId: string }>(knocking)).participantId,
      user: {
        own: (await db().user.create({ data: { email: 'matrix.own@demo.test', displayName: 'Ripeka Matrix', role: 'REP', agencyId: police.id, siteId: own.siteId } })).id,
        other: (await db().user.create({ data: { email: 'matrix.other@demo.test', displayName: 'Hōri Matrix', role: 'REP', agencyId: police.id, siteId: other.siteId } })).id,
      },
      agency: (await db().agency.create({ data: { code: 'MATRIX', name: 'Matrix agency', kind: 'OTHER' } })).id,
      notification: { own: ownFamilies.notification.id, other: otherFamilies.notification.id },
      email: { own: ownFamilies.notification.email!.id, other: otherFamilies.notification.email!.id },
    };
  }, 60_000);
  afterAll(() => server?.stop());

  async function runRoutes(last: boolean) {
    // People in parallel, each through the table in order.
    await Promise.all(people.map(async (p) => {
      for (const [key, row] of Object.entries(ROUTES)) {
        if (Boolean(row.last) !== last) continue;
        const method = key.split(' ')[0]!;
        for (const t of targetsOf(row.targets)) {
          const res = await p.request(method, row.path(t, world), row.body?.(t, world));
          const got = row.answer ? await row.answer(res, t, world) : String(res.status);
          if (!row.answer) await res.body?.cancel();
          check(key, p, row.targets === 'none' ? null : t, row.expected(p, t), got);
          cells.routes++;
        }
      }
    }));
  }

  // Every route for every kind of person: a long walk, longer on a busy machine.
  it('answers every route, document and command as the table says', { timeout: 180_000 }, async () => {
    await runRoutes(false);

    for (const [kind, row] of Object.entries(DOCS)) {
      for (const t of targetsOf(row.targets)) {
        await Promise.all(people.map(async (p) => {
          const url = `${server.url.replace('http', 'ws')}/collab/${row.name(t, world)}${p.token ? `?token=${p.token}` : ''}`;
          const { status, ws } = await rawUpgrade(url);
          ws?.close();
          check(`document ${kind}`, p, t, row.expected(p, t), String(status));
          cells.docs++;
        }));
      }
    }

    const sockets: ControlClient[] = [];
    try {
      for (const t of SIDES) {
        await Promise.all(people.map(async (p) => {
          const socket = connectControl(server.url, world.meeting[t.site], p.token);
          sockets.push(socket);
          const outcome = await socket.outcome;
          check('socket.io handshake', p, t, handshake(p, t), outcome);
          for (const [name, row] of Object.entries(COMMANDS)) {
            const expected = handshake(p, t) !== 'connected' ? `refused at the handshake (${handshake(p, t)})`
              : p.role === 'CHAIR' ? row.chair : 'FORBIDDEN';
            const got = outcome === 'connected' ? ackAnswer(await socket.send(name as CommandName, row.payload(world)) as Parameters<typeof ackAnswer>[0])
              : `refused at the handshake (${outcome})`;
            check(`command ${name}`, p, t, expected, got);
            cells.commands++;
          }
        }));
      }
    } finally {
      for (const s of sockets) s.close();
    }

    await runRoutes(true);
    expect(mismatches).toEqual([]);
    // Every person went through every cell.
    const per = (rows: { targets: RouteRow['targets'] | DocRow['targets'] }[]) => rows.reduce((n, r) => n + targetsOf(r.targets).length, 0);
    expect(cells).toEqual({
      routes: people.length * per(Object.values(ROUTES)), docs: people.length * per(Object.values(DOCS)),
      commands: people.length * SIDES.length * Object.keys(COMMANDS).length,
    });
  });

  it('has a row for every route in the published contract', async () => {
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(await fetch(`${server.url}/api/openapi.json`));
    const published = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(published.filter((r) => !(r in ROUTES)), 'routes without a row').toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !published.includes(r)), 'rows without a route').toEqual([]);
  });

  it('has a row for every control command', () => {
    expect(Object.keys(Commands).filter((c) => !(c in COMMANDS))).toEqual([]);
    expect(Object.keys(COMMANDS).filter((c) => !(c in Commands))).toEqual([]);
  });
});

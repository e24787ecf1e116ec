import { matchPath } from 'react-router';
import type { Me } from '../../../shared/api/auth.js';
import type { MeetingDetail } from '../../../shared/api/meetings.js';
import { fetchMe } from '../api/auth.js';
import { fetchMeetingDetail } from '../meetings/enterMeeting.js';

// Render-as-you-fetch for the page a person lands on: the session check and, on a meeting's
// address, the meeting's details start at boot, side by side, rather than one after the other
// from the components' effects once React has rendered. Each is taken once by the component
// that would otherwise ask; a late taker (after a sign-in, say) asks afresh.

/** Past this, an unclaimed answer may be out of date. */
const FRESH_MS = 10_000;

interface Early<T> {
  key: string;
  promise: Promise<T>;
  startedAt: number;
}

let me: Early<Me> | undefined;
let meeting: Early<MeetingDetail> | undefined;

function early<T>(key: string, promise: Promise<T>): Early<T> {
  // Nobody may claim it (a redirect to sign in): its failure is then nobody's to report.
  promise.catch(() => {});
  return { key, promise, startedAt: performance.now() };
}

function take<T>(slot: Early<T> | undefined, key: string): Promise<T> | undefined {
  if (!slot || slot.key !== key || performance.now() - slot.startedAt > FRESH_MS) return undefined;
  return slot.promise;
}

export function startEarlyRequests(pathname: string): void {
  me = early('me', fetchMe());
  const id = matchPath('/meetings/:id', pathname)?.params.id;
  if (id) meeting = early(id, fetchMeetingDetail(id));
}

/** The session check started at boot, once. */
export function takeEarlyMe(): Promise<Me> | undefined {
  const taken = take(me, 'me');
  me = undefined;
  return taken;
}

/**
 * The meeting's details started at boot, once. It was asked before the session was known, so a
 * refusal (signed out then, since signed in) is asked again rather than shown.
 */
export function takeEarlyMeetingDetail(id: string, signal: AbortSignal): Promise<MeetingDetail> | undefined {
  const taken = take(meeting, id);
  meeting = undefined;
  return taken?.catch(() => fetchMeetingDetail(id, signal));
}

import { beforeEach, describe, expect, it, vi } from 'vitest';

const fetchMe = vi.fn();
const fetchMeetingDetail = vi.fn();
vi.mock('../api/auth.js', () => ({ fetchMe }));
vi.mock('../meetings/enterMeeting.js', () => ({ fetchMeetingDetail }));

const me = { id: 'u1' };
const detail = (id: string) => ({ id });

async function boot(pathname: string) {
  vi.resetModules();
  const early = await import('./earlyRequests.js');
  early.startEarlyRequests(pathname);
  return early;
}

describe('early requests', () => {
  beforeEach(() => {
    vi.useRealTimers();
    fetchMe.mockReset().mockResolvedValue(me);
    fetchMeetingDetail.mockReset().mockImplementation((id: string) => Promise.resolve(detail(id)));
  });

  it("asks for the session and, on a meeting's address, its details at once, side by side", async () => {
    await boot('/meetings/m1');
    expect(fetchMe).toHaveBeenCalledTimes(1);
    expect(fetchMeetingDetail).toHaveBeenCalledWith('m1');
  });

  it('hands each answer over once, and a meeting’s only to that meeting', async () => {
    const early = await boot('/meetings/m1');
    const signal = new AbortController().signal;
    await expect(early.takeEarlyMe()).resolves.toEqual(me);
    expect(early.takeEarlyMe()).toBeUndefined();
    expect(early.takeEarlyMeetingDetail('m2', signal)).toBeUndefined();
    expect(early.takeEarlyMeetingDetail('m1', signal)).toBeUndefined();
    expect(fetchMeetingDetail).toHaveBeenCalledTimes(1);
  });

  it('asks again when the early answer was a refusal (signed out then)', async () => {
    fetchMeetingDetail.mockRejectedValueOnce(new Error('401'));
    const early = await boot('/meetings/m1');
    await expect(early.takeEarlyMeetingDetail('m1', new AbortController().signal)).resolves.toEqual(detail('m1'));
    expect(fetchMeetingDetail).toHaveBeenCalledTimes(2);
  });

  it('does not hand over an answer older than ten seconds', async () => {
    vi.useFakeTimers();
    const early = await boot('/meetings/m1');
    vi.advanceTimersByTime(10_001);
    expect(early.takeEarlyMeetingDetail('m1', new AbortController().signal)).toBeUndefined();
    expect(early.takeEarlyMe()).toBeUndefined();
  });

  it('asks for no meeting elsewhere', async () => {
    await boot('/meetings');
    expect(fetchMeetingDetail).not.toHaveBeenCalled();
  });
});

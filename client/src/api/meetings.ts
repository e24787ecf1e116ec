import { z } from 'zod';
import { MeetingSummary, Site } from '../../../shared/api/meetings.js';
import { apiGet, withQuery } from './http.js';

export const fetchSites = (signal?: AbortSignal) => apiGet('/api/sites', z.array(Site), signal);

export const fetchMeetings = (query: { siteId?: string; date?: string }, signal?: AbortSignal) =>
  apiGet(withQuery('/api/meetings', query), z.array(MeetingSummary), signal);

export const fetchMeeting = (id: string, signal?: AbortSignal) =>
  apiGet(`/api/meetings/${encodeURIComponent(id)}`, MeetingSummary, signal);

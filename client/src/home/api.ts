import { z } from 'zod';
import { MeetingSummary } from '../../../shared/api/meetings.js';
import { CaseAction, type UpdateActionRequest } from '../../../shared/api/records.js';
import { LedFamily, WorkAction } from '../../../shared/api/work.js';
import { apiGet, apiWrite, withQuery } from '../api/http.js';

export const fetchUpcomingMeetings = (from: string, signal?: AbortSignal) =>
  apiGet(withQuery('/api/meetings', { from }), z.array(MeetingSummary), signal);

export const fetchWorkActions = (signal?: AbortSignal) => apiGet('/api/work/actions', z.array(WorkAction), signal);

export const fetchLedFamilies = (signal?: AbortSignal) => apiGet('/api/work/families', z.array(LedFamily), signal);

export const updateAction = (id: string, body: UpdateActionRequest) =>
  apiWrite('PATCH', `/api/actions/${encodeURIComponent(id)}`, body, CaseAction);

import { ConfidentialityState, type AcknowledgeConfidentialityRequest } from '../../../shared/api/confidentiality.js';
import { MeetingDetail } from '../../../shared/api/meetings.js';
import { apiGet, apiPost } from '../api/http.js';

// What the room page asks before it opens a meeting: the meeting, and whether this person must
// acknowledge its confidentiality statement first (the server refuses the room until they do).

export const fetchMeetingDetail = (id: string, signal?: AbortSignal) =>
  apiGet(`/api/meetings/${encodeURIComponent(id)}`, MeetingDetail, signal);

export const acknowledgeConfidentiality = (id: string) =>
  apiPost(`/api/meetings/${encodeURIComponent(id)}/confidentiality`, { acknowledged: true } satisfies AcknowledgeConfidentialityRequest, ConfidentialityState);

import { CaseHistory } from '../../../shared/api/records.js';
import { HiddenName, type HiddenNameRequest } from '../../../shared/api/privacy.js';
import { apiGet, apiWrite } from '../api/http.js';

export const fetchCase = (caseId: string, signal?: AbortSignal) => apiGet(`/api/cases/${encodeURIComponent(caseId)}`, CaseHistory, signal);

export const recordPdfUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/record.pdf`;

export const setHiddenName = (personId: string, body: HiddenNameRequest) =>
  apiWrite('PUT', `/api/people/${encodeURIComponent(personId)}/hidden-name`, body, HiddenName);

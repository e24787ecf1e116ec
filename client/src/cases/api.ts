import { CaseHistory } from '../../../shared/api/records.js';
import { apiGet } from '../api/http.js';

export const fetchCase = (caseId: string, signal?: AbortSignal) => apiGet(`/api/cases/${encodeURIComponent(caseId)}`, CaseHistory, signal);

export const recordPdfUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/record.pdf`;

import { CaseHistory } from '../../../../shared/api/records.js';
import { apiGet } from '../../api/http.js';

export const fetchCaseHistory = (caseId: string, signal?: AbortSignal) =>
  apiGet(`/api/cases/${encodeURIComponent(caseId)}`, CaseHistory, signal);

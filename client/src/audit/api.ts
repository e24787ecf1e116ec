import { AuditPage, AuditVerifyResult } from '../../../shared/api/audit.js';
import { apiGet, withQuery } from '../api/http.js';

export interface AuditFilters {
  meetingId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const fetchAudit = (filters: AuditFilters, cursor?: string, signal?: AbortSignal) =>
  apiGet(withQuery('/api/audit', { ...filters, cursor }), AuditPage, signal);

export const verifyAudit = () => apiGet('/api/audit/verify', AuditVerifyResult);

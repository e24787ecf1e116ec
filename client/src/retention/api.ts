import { z } from 'zod';
import { DisposalCertificate, DueBatch, LegalHold, type ApproveDisposalRequest } from '../../../shared/api/retention.js';
import { apiGet, apiPost, apiWrite, withQuery } from '../api/http.js';

export const Certificate = z.object({ auditSeq: z.string(), at: z.string(), actorLabel: z.string(), details: z.unknown() });
export type Certificate = z.infer<typeof Certificate>;

export const fetchDue = (siteId: string) => apiGet(withQuery('/api/retention/due', { siteId }), DueBatch);
export const approveBatch = (body: ApproveDisposalRequest) => apiPost('/api/retention/disposals', body, DisposalCertificate);
export const fetchCertificates = (siteId: string) => apiGet(withQuery('/api/retention/certificates', { siteId }), z.array(Certificate));
export const placeHold = (caseId: string, reason: string) => apiWrite('PUT', `/api/cases/${caseId}/legal-hold`, { reason }, LegalHold);
export const liftHold = (caseId: string) => apiWrite('DELETE', `/api/cases/${caseId}/legal-hold`, undefined, LegalHold);

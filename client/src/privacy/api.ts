import { z } from 'zod';
import { PersonSearchHit } from '../../../shared/api/intake.js';
import { CorrectionView, PrivacyReport, type CorrectionDecision } from '../../../shared/api/privacy.js';
import { apiGet, apiPost, withQuery } from '../api/http.js';

export const searchPeople = (q: string) => apiGet(withQuery('/api/people/search', { q }), z.array(PersonSearchHit));
export const reportUrl = (personId: string, requestRef: string, format: 'json' | 'pdf') =>
  withQuery(`/api/people/${personId}/privacy-report`, { requestRef, format });
export const fetchReport = (personId: string, requestRef: string) => apiGet(reportUrl(personId, requestRef, 'json'), PrivacyReport);
export const fetchCorrections = (personId: string) => apiGet(`/api/people/${personId}/corrections`, z.array(CorrectionView));
export const requestCorrection = (personId: string, body: { requestRef: string; requestedChange: string }) =>
  apiPost(`/api/people/${personId}/corrections`, body, CorrectionView);
export const decideCorrection = (id: string, body: CorrectionDecision) => apiPost(`/api/corrections/${id}/decision`, body, CorrectionView);

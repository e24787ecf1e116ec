import { z } from 'zod';
import { PlanComparison, PlanVersionSummary } from '../../../shared/api/plan.js';
import { apiGet } from '../api/http.js';

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/plan`;

export const fetchPlanVersions = (caseId: string, signal?: AbortSignal) => apiGet(`${base(caseId)}/versions`, z.array(PlanVersionSummary), signal);

export const comparePlanVersions = (caseId: string, from: string, to: string, signal?: AbortSignal) =>
  apiGet(`${base(caseId)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, PlanComparison, signal);

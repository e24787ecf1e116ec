import { z } from 'zod';
import {
  AdminAgency, AdminSite, AdminUser, CreatedUser, SetupLink, TrainingReset, UserSession,
  type CreateAgencyRequest, type CreateSiteRequest, type CreateUserRequest, type ScheduleRequest, type UpdateAgencyRequest, type UpdateUserRequest,
} from '../../../shared/api/admin.js';
import { OutboxEntry } from '../../../shared/api/notifications.js';
import { apiGet, apiPost, apiPostNoContent, apiWrite, withQuery } from '../api/http.js';

export const fetchSites = () => apiGet('/api/admin/sites', z.array(AdminSite));
export const createSite = (body: CreateSiteRequest) => apiPost('/api/admin/sites', body, AdminSite);
export const createTrainingSite = (body: CreateSiteRequest) => apiPost('/api/admin/training-sites', body, AdminSite);
export const resetTrainingSite = (siteId: string) => apiPost(`/api/admin/sites/${siteId}/training-reset`, undefined, TrainingReset);
export const setSchedule = (siteId: string, body: ScheduleRequest) => apiWrite('PUT', `/api/admin/sites/${siteId}/schedule`, body, AdminSite);

export const fetchAgencies = () => apiGet('/api/admin/agencies', z.array(AdminAgency));
export const createAgency = (body: CreateAgencyRequest) => apiPost('/api/admin/agencies', body, AdminAgency);
export const updateAgency = (id: string, body: UpdateAgencyRequest) => apiWrite('PATCH', `/api/admin/agencies/${id}`, body, AdminAgency);

export const fetchStaff = (siteId: string) => apiGet(withQuery('/api/admin/users', { siteId }), z.array(AdminUser));
export const createStaff = (body: CreateUserRequest) => apiPost('/api/admin/users', body, CreatedUser);
export const updateStaff = (id: string, body: UpdateUserRequest) => apiWrite('PATCH', `/api/admin/users/${id}`, body, AdminUser);
export const disableStaff = (id: string) => apiPost(`/api/admin/users/${id}/disable`, undefined, AdminUser);
export const enableStaff = (id: string) => apiPost(`/api/admin/users/${id}/enable`, undefined, AdminUser);
export const newPasswordLink = (id: string) => apiPost(`/api/admin/users/${id}/password-link`, undefined, SetupLink);
export const resetSecondFactor = (id: string) => apiPost(`/api/admin/users/${id}/second-factor/reset`, undefined, AdminUser);
export const fetchSessions = (id: string) => apiGet(`/api/admin/users/${id}/sessions`, z.array(UserSession));
export const revokeSession = (id: string, sessionId: string) => apiPostNoContent(`/api/admin/users/${id}/sessions/${sessionId}/revoke`);

export const fetchEmailTrouble = (siteId: string) => apiGet(withQuery('/api/admin/emails', { siteId }), z.array(OutboxEntry));
export const retryEmail = (id: string) => apiPost(`/api/admin/emails/${id}/retry`, undefined, OutboxEntry);

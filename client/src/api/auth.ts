import { type LoginRequest, Me } from '../../../shared/api/auth.js';
import { apiGet, apiPost, apiPostNoContent } from './http.js';

export const login = (credentials: LoginRequest) => apiPost('/api/auth/login', credentials, Me);

export const logout = () => apiPostNoContent('/api/auth/logout');

export const fetchMe = (signal?: AbortSignal) => apiGet('/api/me', Me, signal);

import { NotificationList } from '../../../shared/api/notifications.js';
import { apiGet, apiPostNoContent } from '../api/http.js';

export const fetchNotifications = (signal?: AbortSignal) => apiGet('/api/notifications', NotificationList, signal);
export const markRead = (id: string) => apiPostNoContent(`/api/notifications/${encodeURIComponent(id)}/read`);
export const markAllRead = () => apiPostNoContent('/api/notifications/read-all');

import { z } from 'zod';
import {
  CreatedInvite, InviteSummary, JoinInfo, JoinResult, LobbyState, type CreateInviteRequest, type JoinRequest,
} from '../../../shared/api/invites.js';
import { apiGet, apiPost } from '../api/http.js';

const joinPath = (token: string) => `/api/join/${encodeURIComponent(token)}`;

export const fetchJoinInfo = (token: string, signal?: AbortSignal) => apiGet(joinPath(token), JoinInfo, signal);

export const joinLobby = (token: string, request: JoinRequest) => apiPost(joinPath(token), request, JoinResult);

export const fetchLobby = (signal?: AbortSignal) => apiGet('/api/lobby', LobbyState, signal);

export const fetchInvites = (meetingId: string, signal?: AbortSignal) =>
  apiGet(`/api/meetings/${encodeURIComponent(meetingId)}/invites`, z.array(InviteSummary), signal);

export const createInvite = (meetingId: string, request: CreateInviteRequest) =>
  apiPost(`/api/meetings/${encodeURIComponent(meetingId)}/invites`, request, CreatedInvite);

export const revokeInvite = (inviteId: string) => apiPost(`/api/invites/${encodeURIComponent(inviteId)}/revoke`, undefined, InviteSummary);

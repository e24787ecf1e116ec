import type { AgencyKind, Role } from '../../shared/domain.js';
import type { Me } from '../../shared/api/auth.js';
import type { SecondFactorState } from '../../shared/api/second-factor.js';

export interface AgencyInfo {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
}

/** Who is making a request, resolved from the session cookie or token. */
export type Principal =
  | {
      kind: 'staff';
      sessionId: string;
      /** Live connections opened with this session close when it runs out (access/live-access.ts). */
      sessionExpiresAt: Date;
      userId: string;
      email: string;
      displayName: string;
      role: Role;
      agency: AgencyInfo;
      /** The site they work for. */
      siteId: string;
      /** Reaches every site (national auditors); everyone else stays within `siteId`. */
      national: boolean;
      /** Their site is a training site: every page says TRAINING. */
      trainingSite: boolean;
      /** 'required': an administrator without a second factor, who may do nothing but enrol one. */
      secondFactor: SecondFactorState;
    }
  | {
      kind: 'invitee';
      sessionId: string;
      sessionExpiresAt: Date;
      participantId: string;
      meetingId: string;
      /** False while waiting in the lobby: the chair has not admitted them yet. */
      admitted: boolean;
      /** Their meeting is at a training site. */
      trainingSite: boolean;
      displayName: string;
      role: Role;
      agency: AgencyInfo;
    };

export type InviteePrincipal = Extract<Principal, { kind: 'invitee' }>;

/** The id the audit trail records for this principal. */
export const actorId = (p: Principal) => (p.kind === 'staff' ? p.userId : p.participantId);
export const actorLabel = (p: Principal) => `${p.displayName} (${p.agency.code}, ${p.role})`;

export function toMe(p: Principal): Me {
  const agency = { code: p.agency.code, name: p.agency.name, kind: p.agency.kind };
  return p.kind === 'staff'
    ? { kind: 'staff', id: p.userId, displayName: p.displayName, email: p.email, role: p.role, agency, siteId: p.siteId, national: p.national, meetingId: null, secondFactor: p.secondFactor, trainingSite: p.trainingSite }
    : {
        kind: 'invitee', id: p.participantId, displayName: p.displayName, email: null, role: p.role, agency, siteId: null, national: false,
        meetingId: p.meetingId, secondFactor: 'none', trainingSite: p.trainingSite,
      };
}

import type { MeetingStatus } from '../../shared/domain.js';
import type { AuditLog } from '../audit/audit-log.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { actionScope, caseScope, meetingScope, siteScope } from './site-scope.js';

// One thing by id, if the principal's site (or, for an invitee, meeting) reaches it. Something
// outside their reach answers exactly as something that does not exist — the caller says "not
// found" either way — but the attempt is recorded, since reaching for another site's family is
// worth knowing about.

export interface MeetingInReach {
  id: string;
  siteId: string;
  status: MeetingStatus;
}

type Subject = 'Site' | 'Meeting' | 'Case' | 'Action' | 'Invite' | 'Person';

export class Reach {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  async site(p: Principal, id: string, op: string): Promise<{ id: string } | null> {
    const found = await this.db.site.findFirst({ where: { AND: [{ id }, siteScope(p)] }, select: { id: true } });
    return found ?? this.refuse(p, 'Site', id, op, async () => (await this.db.site.count({ where: { id } })) > 0, null);
  }

  async meeting(p: Principal, id: string, op: string): Promise<MeetingInReach | null> {
    const select = { id: true, siteId: true, status: true } as const;
    const found = await this.db.meeting.findFirst({ where: { AND: [{ id }, meetingScope(p)] }, select });
    return found ?? this.refuse(p, 'Meeting', id, op, async () => (await this.db.meeting.count({ where: { id } })) > 0, id);
  }

  async case(p: Principal, id: string, op: string): Promise<{ id: string } | null> {
    const found = await this.db.case.findFirst({ where: { AND: [{ id }, caseScope(p)] }, select: { id: true } });
    return found ?? this.refuse(p, 'Case', id, op, async () => (await this.db.case.count({ where: { id } })) > 0, null);
  }

  /** Actions are worked by staff between meetings: an invitee reaches none. */
  async action(p: Principal, id: string, op: string): Promise<{ id: string } | null> {
    const found = p.kind === 'staff'
      ? await this.db.action.findFirst({ where: { AND: [{ id }, actionScope(p)] }, select: { id: true } })
      : null;
    return found ?? this.refuse(p, 'Action', id, op, async () => (await this.db.action.count({ where: { id } })) > 0, null);
  }

  /** A person is a record of one site (Person.siteId); an invitee reaches none by id. */
  async person(p: Principal, id: string, op: string): Promise<{ id: string; siteId: string } | null> {
    const found = p.kind === 'staff'
      ? await this.db.person.findFirst({ where: { id, ...(p.national ? {} : { siteId: p.siteId }) }, select: { id: true, siteId: true } })
      : null;
    return found ?? this.refuse(p, 'Person', id, op, async () => (await this.db.person.count({ where: { id } })) > 0, null);
  }

  /** An invitation link, through its meeting. */
  async invite(p: Principal, id: string, op: string): Promise<{ id: string; meetingId: string } | null> {
    const found = await this.db.invite.findFirst({ where: { AND: [{ id }, { meeting: meetingScope(p) }] }, select: { id: true, meetingId: true } });
    return found ?? this.refuse(p, 'Invite', id, op, async () => (await this.db.invite.count({ where: { id } })) > 0, null);
  }

  private async refuse(p: Principal, subjectType: Subject, subjectId: string, op: string, exists: () => Promise<boolean>, meetingId: string | null): Promise<null> {
    if (await exists()) {
      await this.audit.record({
        actorId: actorId(p), actorLabel: actorLabel(p), action: 'access.refused', subjectType, subjectId,
        // A meeting's own site sees the attempt in its trail too, not only the actor's site.
        meetingId, details: { op, reason: p.kind === 'invitee' ? 'outside their meeting' : 'another site' },
      });
    }
    return null;
  }
}

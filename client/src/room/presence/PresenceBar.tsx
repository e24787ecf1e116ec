import type { RosterEntry } from '../../../../shared/control.js';
import { agencyInfo } from '../agencies.js';
import type { Peer } from './useAwareness.js';
import './presence.css';

interface Props {
  /** From the control plane; null until it has answered (awareness stands in meanwhile). */
  roster: readonly RosterEntry[] | null;
  peers: readonly Peer[];
  /** Family reference by item id, to say who is looking at what. */
  familyRefs: ReadonlyMap<string, string>;
  myName: string;
}

interface Person {
  key: string;
  name: string;
  agency: string;
  agencyName: string;
  detail: string | null;
  viewing: string | null;
}

const ROLE_NOTE: Partial<Record<RosterEntry['role'], string>> = { CHAIR: 'Chair', COORDINATOR: 'Coordinator', OBSERVER: 'Observer' };

/** Who is here: agency colour, in the room or remote, and which family each is looking at. */
export function PresenceBar({ roster, peers, familyRefs, myName }: Props) {
  const viewingOf = (name: string, agency: string) => {
    const peer = peers.find((p) => p.name === name && p.agency === agency && p.viewing);
    return peer?.viewing ? (familyRefs.get(peer.viewing) ?? null) : null;
  };
  const people: Person[] = roster
    ? roster.map((r) => ({
        key: r.participantId,
        name: r.displayName,
        agency: r.agency.code,
        agencyName: r.agency.name,
        detail: [ROLE_NOTE[r.role], r.mode === 'IN_ROOM' ? 'In room' : 'Remote'].filter(Boolean).join(' · '),
        viewing: viewingOf(r.displayName, r.agency.code),
      }))
    : dedupe(peers).map((p) => ({
        key: String(p.clientId),
        name: p.name,
        agency: p.agency,
        agencyName: agencyInfo(p.agency).name,
        detail: null,
        viewing: p.viewing ? (familyRefs.get(p.viewing) ?? null) : null,
      }));

  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="presence__heading">
        Here <span className="presence__count">{roster ? people.length : people.length + 1}</span>
      </h2>
      <ul className="presence__list">
        {people.map((p) => {
          const info = agencyInfo(p.agency);
          return (
            <li key={p.key} className="person" title={p.viewing ? `Looking at ${p.viewing}` : undefined}>
              <span className="chip" style={{ background: info.color }}>
                <span aria-hidden="true">{info.short}</span>
                <span className="visually-hidden">{p.agencyName}</span>
              </span>
              <span className="person__name">
                {p.name}
                {p.name === myName && <span className="muted"> (you)</span>}
              </span>
              {p.detail && <span className="person__detail">{p.detail}</span>}
              {p.viewing && <span className="person__viewing">on {p.viewing}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Awareness has one state per tab: show each person once. */
function dedupe(peers: readonly Peer[]): Peer[] {
  const seen = new Set<string>();
  return peers.filter((p) => {
    const key = `${p.name}\u0000${p.agency}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

import { DateTime } from 'luxon';
import type { WorkAction } from '../../../shared/api/work.js';
import { UNFINISHED_ACTION_STATUSES, type ActionStatus } from '../../../shared/domain.js';
import { todayInNz } from '../format.js';
import { ActionRow } from './ActionRow.js';
import { updateAction } from './api.js';
import type { Load } from './useLoad.js';

const SOON_DAYS = 3;

type Group = 'overdue' | 'soon' | 'open' | 'done';

const GROUPS: { key: Group; title: string; empty: string }[] = [
  { key: 'overdue', title: 'Overdue', empty: 'Nothing overdue.' },
  { key: 'soon', title: `Due in the next ${SOON_DAYS} days`, empty: 'Nothing due in the next few days.' },
  { key: 'open', title: 'Open', empty: 'No other open actions.' },
  { key: 'done', title: 'Recently finished', empty: 'Nothing finished in the last two weeks.' },
];

const isUnfinished = (s: ActionStatus) => (UNFINISHED_ACTION_STATUSES as readonly ActionStatus[]).includes(s);

function groupOf(a: WorkAction, today: string, soon: string): Group {
  if (!isUnfinished(a.status)) return 'done';
  if (a.dueDate < today) return 'overdue';
  return a.dueDate <= soon ? 'soon' : 'open';
}

interface Props {
  load: Load<WorkAction[]>;
  agencyName: string;
  onChanged(action: WorkAction): void;
}

/** The agency's actions, overdue first, each updated in place. */
export function AgencyActions({ load, agencyName, onChanged }: Props) {
  const today = todayInNz();
  const soon = DateTime.fromISO(today).plus({ days: SOON_DAYS }).toISODate()!;

  async function save(action: WorkAction, status: ActionStatus, outcomeNote: string) {
    const saved = await updateAction(action.id, { status, outcomeNote });
    onChanged({ ...action, ...saved, updatedAt: new Date().toISOString() });
  }

  return (
    <section className="home-section" aria-labelledby="work-actions-heading">
      <h2 id="work-actions-heading">Your agency’s actions <span className="muted">· {agencyName}</span></h2>
      {load.status === 'loading' && <p role="status">Loading actions…</p>}
      {load.status === 'error' && <div role="alert" className="alert">Couldn’t load your agency’s actions: {load.message}</div>}
      {load.status === 'ready' &&
        GROUPS.map((g) => {
          const list = load.data.filter((a) => groupOf(a, today, soon) === g.key);
          // Finished most recently first; the rest by when they are due.
          if (g.key === 'done') list.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
          return (
            <section key={g.key} className={`work-group work-group--${g.key}`} aria-labelledby={`work-${g.key}`}>
              <h3 id={`work-${g.key}`}>
                {g.title} <span className="work-group__count">({list.length})</span>
              </h3>
              {list.length === 0 ? (
                <p className="muted">{g.empty}</p>
              ) : (
                <ul className="work-list">
                  {list.map((a) => (
                    <ActionRow key={`${a.id}-${a.updatedAt}`} action={a} onSave={(status, note) => save(a, status, note)} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
    </section>
  );
}

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationItem, NotificationList } from '../../../shared/api/notifications.js';
import { formatEpisodeTime } from '../room/roomTime.js';
import { fetchNotifications, markAllRead, markRead } from './api.js';
import './notifications.css';

/** Reminders arrive on the server's own schedule: look again this often while the page is open. */
const POLL_MS = 60_000;

/** The agency's reminders (daily digest, new actions) in the header, with how many are unread. */
export function NotificationsMenu() {
  const id = useId();
  const navigate = useNavigate();
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);

  const load = useCallback((signal?: AbortSignal) => {
    fetchNotifications(signal).then(setList, () => {});
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    const timer = setInterval(() => load(), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [load]);

  async function openItem(n: NotificationItem) {
    setOpen(false);
    if (!n.read) await markRead(n.id).catch(() => {});
    load();
    navigate(n.link);
  }

  async function readAll() {
    await markAllRead().catch(() => {});
    load();
  }

  const unread = list?.unread ?? 0;
  return (
    <div
      className="notifications"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        setOpen(false);
        toggleRef.current?.focus();
      }}
    >
      <button ref={toggleRef} type="button" className="button button--small notifications__toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Notifications{unread > 0 && <span className="notifications__count"> {unread}<span className="visually-hidden"> unread</span></span>}
      </button>
      {open && (
        <div id={id} className="notifications__panel" role="region" aria-label="Notifications">
          {!list || list.items.length === 0 ? (
            <p className="muted">No reminders yet.</p>
          ) : (
            <>
              <ul className="notifications__list">
                {list.items.map((n) => (
                  <li key={n.id} className={n.read ? 'notifications__item' : 'notifications__item notifications__item--unread'}>
                    <button type="button" className="link-button" onClick={() => void openItem(n)}>
                      {!n.read && <span className="visually-hidden">Unread: </span>}
                      <strong>{n.title}</strong>
                    </button>
                    <p>{n.body}</p>
                    <p className="muted">{formatEpisodeTime(n.createdAt)}</p>
                  </li>
                ))}
              </ul>
              {unread > 0 && (
                <button type="button" className="button button--small" onClick={() => void readAll()}>
                  Mark all read
                </button>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}

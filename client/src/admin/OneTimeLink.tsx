import { DateTime } from 'luxon';
import type { SetupLink } from '../../../shared/api/admin.js';

/** A set-up link, shown once: the administrator passes it to the person by a channel they trust. */
export function OneTimeLink({ link, who }: { link: SetupLink; who: string }) {
  const expires = DateTime.fromISO(link.expiresAt).setZone('Pacific/Auckland').toFormat('d LLL yyyy, h:mm a');
  return (
    <div className="notice admin-link" role="status">
      <label htmlFor="setup-link">Set-up link for {who} — works once, until {expires}. It is not shown again.</label>
      <input id="setup-link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}

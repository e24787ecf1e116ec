import { useEffect, useState } from 'react';
import type { AdminAgency, AdminSite } from '../../../shared/api/admin.js';
import { useMe } from '../auth/useMe.js';
import { AppHeader } from '../layout/AppHeader.js';
import { AddSiteForm } from './AddSiteForm.js';
import { AgenciesSection } from './AgenciesSection.js';
import { EmailDelivery } from './EmailDelivery.js';
import { fetchAgencies, fetchSites } from './api.js';
import { adminErrorMessage } from './errors.js';
import { ScheduleForm } from './ScheduleForm.js';
import { StaffSection } from './StaffSection.js';
import { TrainingReset } from './TrainingReset.js';
import './admin.css';

/** Administration: a site's schedule, staff and reminder email delivery, the agencies, and (national) the sites themselves. */
export function AdminPage() {
  const me = useMe();
  const [sites, setSites] = useState<AdminSite[] | null>(null);
  const [agencies, setAgencies] = useState<AdminAgency[]>([]);
  const [siteId, setSiteId] = useState<string | null>(me.siteId);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (me.role !== 'SITE_ADMIN') return;
    Promise.all([fetchSites(), fetchAgencies()]).then(([s, a]) => {
      setSites(s);
      setAgencies(a);
    }, (err: unknown) => setError(adminErrorMessage(err)));
  }, [me.role]);

  const site = sites?.find((s) => s.id === siteId) ?? sites?.[0];
  const replaceSite = (updated: AdminSite) => setSites((list) => list?.map((s) => (s.id === updated.id ? updated : s)) ?? null);
  const upsertAgency = (a: AdminAgency) => setAgencies((list) => (list.some((x) => x.id === a.id) ? list.map((x) => (x.id === a.id ? a : x)) : [...list, a]));

  return (
    <>
      <AppHeader />
      <main id="main" className="page admin">
        <title>Administration — SAM Room</title>
        <h1>Administration</h1>
        {me.role !== 'SITE_ADMIN' ? <p role="alert" className="alert">Only administrators can use this page.</p>
          : error ? <p role="alert" className="alert">{error}</p>
          : !sites || !site ? <p role="status">Loading…</p>
          : (
            <>
              <div className="admin-site-bar">
                {sites.length > 1 ? (
                  <div className="field">
                    <label htmlFor="admin-site">Site</label>
                    <select id="admin-site" value={site.id} onChange={(e) => setSiteId(e.target.value)}>
                      {sites.map((s) => <option key={s.id} value={s.id}>{s.name}{s.training ? ' (training)' : ''}</option>)}
                    </select>
                  </div>
                ) : <p className="admin-site-name">{site.name}{site.training ? ' (training)' : ''}</p>}
                {site.training && <TrainingReset key={site.id} site={site} />}
                {me.national && <AddSiteForm onAdded={(s) => { setSites([...sites, s]); setSiteId(s.id); }} />}
              </div>
              <ScheduleForm key={site.id} site={site} onSaved={replaceSite} />
              <StaffSection siteId={site.id} agencies={agencies} />
              <EmailDelivery siteId={site.id} />
              <AgenciesSection agencies={agencies} national={me.national} onChange={upsertAgency} />
            </>
          )}
      </main>
    </>
  );
}

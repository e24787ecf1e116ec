import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Site } from '../../../shared/api/meetings.js';
import type { SiteReport } from '../../../shared/api/reports.js';
import { NZ_TIME_ZONE } from '../../../shared/domain.js';
import { todayInNz } from '../../../shared/nz-time.js';
import { ApiRequestError } from '../api/http.js';
import { fetchSites } from '../api/meetings.js';
import { useMe } from '../auth/useMe.js';
import { AppHeader } from '../layout/AppHeader.js';
import { extractCsvUrl, fetchSiteReport, figuresCsvUrl, type ReportRange } from './api.js';
import { dayLabel } from './format.js';
import { Headlines } from './Headlines.js';
import { RangeForm } from './RangeForm.js';
import { ActionsByAgencyChart, RepeatRateChart, RevictimisationChart, WeeklyEpisodesChart } from './ReportCharts.js';
import { ThroughputTable } from './ThroughputTable.js';
import './reports.css';

type Load = { status: 'loading' } | { status: 'ready'; report: SiteReport } | { status: 'error'; message: string };

const REPORTERS = new Set(['CHAIR', 'COORDINATOR', 'AUDITOR']);

/** The last twelve months up to today, unless the address says otherwise. */
function rangeFrom(params: URLSearchParams, siteId: string): ReportRange {
  const to = params.get('to') ?? todayInNz();
  const from = params.get('from') ?? DateTime.fromISO(to, { zone: NZ_TIME_ZONE }).minus({ years: 1 }).plus({ days: 1 }).toISODate()!;
  return { siteId: params.get('site') ?? siteId, from, to };
}

/** A site's throughput and outcomes over a period, with charts, tables and downloads. */
export default function ReportsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [sites, setSites] = useState<Site[]>([]);
  const range = rangeFrom(params, me.siteId ?? '');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const allowed = REPORTERS.has(me.role) && me.kind === 'staff';

  useEffect(() => {
    if (!allowed) return;
    const controller = new AbortController();
    fetchSites(controller.signal).then(setSites, () => undefined);
    return () => controller.abort();
  }, [allowed]);

  const { siteId, from, to } = range;
  // The period shown is always in the address, so it can be bookmarked and survives a reload.
  const complete = params.has('site') && params.has('from') && params.has('to');
  useEffect(() => {
    if (!complete && siteId) setParams({ site: siteId, from, to }, { replace: true });
  }, [complete, siteId, from, to, setParams]);

  useEffect(() => {
    if (!allowed || !siteId) return;
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    fetchSiteReport({ siteId, from, to }, controller.signal).then(
      (report) => setLoad({ status: 'ready', report }),
      (err: unknown) => !controller.signal.aborted && setLoad({ status: 'error', message: err instanceof ApiRequestError ? err.message : String(err) }),
    );
    return () => controller.abort();
  }, [allowed, siteId, from, to]);

  const change = (next: ReportRange) => setParams({ site: next.siteId, from: next.from, to: next.to });

  return (
    <>
      <title>Reports — SAM Room</title>
      <AppHeader />
      <main id="main" className="page reports" tabIndex={-1}>
        <h1>Reports</h1>
        {!allowed ? (
          <div role="alert" className="alert">Reports are for chairs, coordinators and auditors.</div>
        ) : (
          <>
            <RangeForm key={`${siteId}|${from}|${to}`} range={range} sites={sites} onChange={change} />
            {load.status === 'loading' && <p role="status">Working out the figures…</p>}
            {load.status === 'error' && <div role="alert" className="alert">{load.message}</div>}
            {load.status === 'ready' && <Report report={load.report} range={range} />}
          </>
        )}
      </main>
    </>
  );
}

function Report({ report, range }: { report: SiteReport; range: ReportRange }) {
  const f = report.figures;
  return (
    <>
      <h2 className="reports__period">
        {report.site.name}, {dayLabel(report.from)} to {dayLabel(report.to)}
      </h2>
      <Headlines figures={f} />
      <div className="reports__downloads">
        <a className="button" href={figuresCsvUrl(range)} download>Download figures (CSV)</a>
        <a className="button" href={extractCsvUrl(range)} download>Download de-identified episodes for evaluators (CSV)</a>
      </div>
      <section aria-labelledby="reports-figures">
        <h2 id="reports-figures">Figures</h2>
        <ThroughputTable figures={f} />
      </section>
      <section aria-labelledby="reports-trends" className="reports__charts">
        <h2 id="reports-trends">Trends and outcomes</h2>
        {f.episodes === 0 && f.actions.assigned === 0 ? (
          <p className="empty">Nothing happened in this period to chart.</p>
        ) : (
          <>
            <WeeklyEpisodesChart weekly={f.weekly} />
            <RepeatRateChart weekly={f.weekly} />
            <ActionsByAgencyChart byAgency={f.actions.byAgency} />
            <RevictimisationChart revictimisation={f.revictimisation} />
          </>
        )}
      </section>
    </>
  );
}

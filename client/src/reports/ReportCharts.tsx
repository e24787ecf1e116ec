import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { ReportFigures } from '../../../shared/api/reports.js';
import { UNKNOWN_ETHNICITY } from '../../../shared/ethnicity.js';
import { ChartFigure } from './ChartFigure.js';
import { percent, share, weekLabel } from './format.js';

// Okabe and Ito's palette: told apart with every common colour-vision deficiency.
const COLOURS = { blue: '#0072B2', orange: '#E69F00', green: '#009E73', vermilion: '#D55E00', purple: '#CC79A7', sky: '#56B4E9', grey: '#8595a5' };

const percentAxis = { min: 0, max: 100, ticks: { callback: (v: string | number) => `${v}%` } };

export function WeeklyEpisodesChart({ weekly }: { weekly: ReportFigures['weekly'] }) {
  const config = useMemo((): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels: weekly.map((w) => weekLabel(w.week)),
      datasets: [
        { label: 'Episodes', data: weekly.map((w) => w.episodes), backgroundColor: COLOURS.blue },
        { label: 'Of which repeats', data: weekly.map((w) => w.repeatEpisodes), backgroundColor: COLOURS.orange },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }), [weekly]);
  return (
    <ChartFigure
      title="Episodes each week"
      summary="Family-harm episodes by the week they happened in, and how many were repeats: the whānau had another episode in the year before."
      config={config}
      table={
        <table className="table">
          <caption>Episodes each week</caption>
          <thead><tr><th scope="col">Week of</th><th scope="col" className="table__num">Episodes</th><th scope="col" className="table__num">Repeats</th></tr></thead>
          <tbody>
            {weekly.map((w) => (
              <tr key={w.week}><th scope="row">{weekLabel(w.week)}</th><td className="table__num">{w.episodes}</td><td className="table__num">{w.repeatEpisodes}</td></tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function RepeatRateChart({ weekly }: { weekly: ReportFigures['weekly'] }) {
  const config = useMemo((): ChartConfiguration => ({
    type: 'line',
    data: {
      labels: weekly.map((w) => weekLabel(w.week)),
      datasets: [{
        label: 'Repeat rate', data: weekly.map((w) => Math.round((share(w.repeatEpisodes, w.episodes) ?? 0) * 100)),
        borderColor: COLOURS.vermilion, backgroundColor: COLOURS.vermilion,
      }],
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: percentAxis }, plugins: { legend: { display: false } } },
  }), [weekly]);
  return (
    <ChartFigure
      title="Repeat rate each week"
      summary="The share of each week's episodes that were repeats."
      config={config}
      table={
        <table className="table">
          <caption>Repeat rate each week</caption>
          <thead><tr><th scope="col">Week of</th><th scope="col" className="table__num">Repeat rate</th></tr></thead>
          <tbody>
            {weekly.map((w) => (
              <tr key={w.week}><th scope="row">{weekLabel(w.week)}</th><td className="table__num">{percent(share(w.repeatEpisodes, w.episodes))}</td></tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function ActionsByAgencyChart({ byAgency }: { byAgency: ReportFigures['actions']['byAgency'] }) {
  const config = useMemo((): ChartConfiguration => {
    const series = (label: string, colour: string, pick: (a: (typeof byAgency)[number]) => number) =>
      ({ label, data: byAgency.map(pick), backgroundColor: colour, stack: 'actions' });
    return {
      type: 'bar',
      data: {
        labels: byAgency.map((a) => a.agencyName),
        datasets: [
          series('Done on time', COLOURS.green, (a) => a.doneOnTime),
          series('Done late', COLOURS.sky, (a) => a.done - a.doneOnTime),
          series('Not done (circumstances)', COLOURS.purple, (a) => a.notDoneCircumstances),
          series('Not done (agency)', COLOURS.vermilion, (a) => a.notDoneAgency),
          series('Overdue', COLOURS.orange, (a) => a.overdue),
          series('Open, not yet due', COLOURS.grey, (a) => a.assigned - a.done - a.notDoneCircumstances - a.notDoneAgency - a.overdue),
        ],
      },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
      },
    };
  }, [byAgency]);
  return (
    <ChartFigure
      title="Actions by agency"
      summary="What became of the actions due in this period, for each agency that held one."
      config={config}
      table={
        <table className="table">
          <caption>Actions by agency</caption>
          <thead>
            <tr>
              <th scope="col">Agency</th><th scope="col" className="table__num">Due</th><th scope="col" className="table__num">Done</th>
              <th scope="col" className="table__num">On time</th><th scope="col" className="table__num">Overdue</th>
              <th scope="col" className="table__num">Not done (circumstances)</th><th scope="col" className="table__num">Not done (agency)</th>
              <th scope="col" className="table__num">Done on time</th>
            </tr>
          </thead>
          <tbody>
            {byAgency.map((a) => (
              <tr key={a.agency}>
                <th scope="row">{a.agencyName}</th><td className="table__num">{a.assigned}</td><td className="table__num">{a.done}</td>
                <td className="table__num">{a.doneOnTime}</td><td className="table__num">{a.overdue}</td>
                <td className="table__num">{a.notDoneCircumstances}</td><td className="table__num">{a.notDoneAgency}</td>
                <td className="table__num">{percent(share(a.doneOnTime, a.assigned))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function RevictimisationChart({ revictimisation }: { revictimisation: ReportFigures['revictimisation'] }) {
  // Each recorded group, then every group but Māori together, for the Māori and non-Māori comparison.
  const groups = useMemo(() => [
    ...revictimisation.byEthnicity.map((g) => ({ label: g.ethnicity === UNKNOWN_ETHNICITY ? 'Not recorded' : g.ethnicity, ...g })),
    { label: 'Non-Māori (all recorded)', ...revictimisation.nonMaori },
  ], [revictimisation]);
  const config = useMemo((): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels: groups.map((g) => g.label),
      datasets: [{ label: 'Re-victimised within a year', data: groups.map((g) => Math.round((g.rate ?? 0) * 100)), backgroundColor: groups.map((g) => (g === groups.at(-1) ? COLOURS.grey : COLOURS.blue)) }],
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: percentAxis }, plugins: { legend: { display: false } } },
  }), [groups]);
  return (
    <ChartFigure
      title="Re-victimisation by ethnicity"
      summary="Of the people at risk in this period, the share who were at risk again within 365 days of their first episode in it, by their recorded ethnicity."
      config={config}
      table={
        <table className="table">
          <caption>Re-victimisation by ethnicity</caption>
          <thead><tr><th scope="col">Group</th><th scope="col" className="table__num">People at risk</th><th scope="col" className="table__num">At risk again within a year</th><th scope="col" className="table__num">Rate</th></tr></thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.label}><th scope="row">{g.label}</th><td className="table__num">{g.cohort}</td><td className="table__num">{g.revictimised}</td><td className="table__num">{percent(g.rate)}</td></tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

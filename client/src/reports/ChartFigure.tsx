import type { ChartConfiguration } from 'chart.js';
import { useId, useState, type ReactNode } from 'react';
import { useChart } from './useChart.js';

interface Props {
  title: string;
  /** One sentence saying what the chart shows, for everyone. */
  summary: string;
  config: ChartConfiguration;
  /** The same figures as a table: what screen readers read, and anyone can show. */
  table: ReactNode;
}

/**
 * A chart with its figures as a table. The canvas is a picture only sighted people can read, so
 * it is hidden from assistive technology; the table is always in the page for screen readers and
 * shown on the screen on request.
 */
export function ChartFigure({ title, summary, config, table }: Props) {
  const canvas = useChart(config);
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  return (
    <figure className="report-chart" aria-labelledby={`${id}-title`}>
      <div className="report-chart__head">
        <h3 id={`${id}-title`}>{title}</h3>
        <button type="button" className="button button--small" aria-pressed={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable(!showTable)}>
          Show as table
        </button>
      </div>
      <p className="report-chart__summary">{summary}</p>
      <div className="report-chart__canvas" aria-hidden="true">
        <canvas ref={canvas} />
      </div>
      <div id={`${id}-table`} className={showTable ? 'table-wrap' : 'visually-hidden'}>
        {table}
      </div>
    </figure>
  );
}

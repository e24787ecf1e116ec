import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';

// Only the parts these charts use, so the reports chunk carries no more of Chart.js than it needs.
Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.color = '#1a2530';
// Figures appear at once: motion adds nothing to a report and some people find it distressing.
Chart.defaults.animation = false;

/** Draws `config` on the returned canvas, redrawing when it changes and freeing the chart on unmount. */
export function useChart(config: ChartConfiguration) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => {
      chart.destroy();
    };
  }, [config]);
  return canvas;
}

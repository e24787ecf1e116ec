import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Bus } from '../bus/bus.js';
import type { ContentPlane } from '../collab/content-plane.js';
import { BusProbe } from './bus-probe.js';

/** What the metrics read from the running server. */
export interface MetricSources {
  docs: ContentPlane;
  bus: Bus;
  /** socket.io connections (the control plane) on this process. */
  controlConnections(): number;
}

const BUS_PROBE_INTERVAL_MS = 5_000;

/**
 * What `npm run bench` measures, live, for Prometheus: the event loop's delay, the people
 * connected, the documents held, how long the update log's batches take to store, and the bus's
 * lag. One registry per server, so several servers in one process (tests) keep their own figures.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly probe: BusProbe;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    // Node's own: event-loop delay percentiles (nodejs_eventloop_lag_*), memory, CPU, handles.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });

    let stats: Promise<{ documents: number; connections: number }> | null = null;
    // One walk over the documents per scrape serves both gauges.
    const docStats = () => (stats ??= sources.docs.stats().finally(() => {
      stats = null;
    }));
    new Gauge({
      name: 'samroom_documents_open', help: 'Yjs documents this process holds (loaded or loading)', registers,
      async collect() {
        this.set((await docStats()).documents);
      },
    });
    new Gauge({
      name: 'samroom_collab_connections', help: 'Websocket connections to documents (/collab) on this process', registers,
      async collect() {
        this.set((await docStats()).connections);
      },
    });
    new Gauge({
      name: 'samroom_control_connections', help: 'socket.io connections (the meeting control plane) on this process', registers,
      collect() {
        this.set(sources.controlConnections());
      },
    });

    const batches = new Histogram({
      name: 'samroom_persist_batch_seconds', help: 'Time to store one batch of document updates (one INSERT)', registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    });
    const rows = new Counter({ name: 'samroom_persist_updates_total', help: 'Document updates stored', registers });
    sources.docs.persistence.onBatchStored((seconds, n) => {
      batches.observe(seconds);
      rows.inc(n);
    });

    const lag = new Histogram({
      name: 'samroom_bus_lag_seconds', help: 'Publish-to-delivery time of a probe on the bus (Redis between processes, or in memory)', registers,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    });
    const lost = new Counter({ name: 'samroom_bus_probes_lost_total', help: 'Bus probes that did not come back within the probe interval', registers });
    this.probe = new BusProbe(sources.bus, BUS_PROBE_INTERVAL_MS, (s) => lag.observe(s), () => lost.inc());
  }

  start(): Promise<void> {
    return this.probe.start();
  }

  stop(): Promise<void> {
    return this.probe.stop();
  }
}

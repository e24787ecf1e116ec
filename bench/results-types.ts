import type { BenchConfig } from './config.js';
import type { ServerKind } from './measured-server.js';
import type { Phase } from './phase-timer.js';
import type { ChairRun } from './scenarios/chair-run.js';
import type { LiveRun } from './scenarios/live-load.js';
import type { RampRun } from './scenarios/ramp.js';
import type { RecordsRun } from './scenarios/records.js';
import type { TwoProcessRun } from './scenarios/two-process.js';

/** Everything one `npm run bench` measured, as written to bench/results/<date>-<commit>.json. */
export interface BenchRuns {
  /** Results written before Hocuspocus was measured have no `hocuspocus` runs. */
  many: Record<ServerKind, LiveRun[]>;
  one: Record<ServerKind, LiveRun[]>;
  /** Scenario 2 again, its clients spread over several generator processes; absent from earlier results. */
  oneSpread?: Record<ServerKind, LiveRun[]>;
  ramp: Record<ServerKind, RampRun[]>;
  /** Absent from results written before it was measured. */
  two?: TwoProcessRun[];
  /** Why the two-process scenario did not run, when it did not. */
  twoSkipped?: string;
  records: RecordsRun[];
  /** The scripted chair; absent from results written before it was measured. */
  chair?: ChairRun[];
  /** Why Hocuspocus was not measured, when it was not. */
  hocuspocusSkipped?: string;
  /** Why the chair run did not run, when it did not. */
  chairSkipped?: string;
  /** Runs that failed, by scenario, with why. */
  failures: { scenario: string; server: ServerKind; repetition: number; error: string }[];
}

export interface BenchMeta {
  date: string;
  commit: string;
  /** Uncommitted changes in the tree when the bench ran. */
  dirty: boolean;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  database: string;
  loadAverage: { start: number[]; end: number[] };
  durationS: number;
  /** Where the time went (absent from earlier results). */
  phases?: Phase[];
  config: BenchConfig;
  prepared: { liveMeetings: number; itemsPerLiveMeeting: number; bigMeetingItems: number; openItems: number; prepareS: number; /** An earlier run's prepared database was used (absent from earlier results). */ reused?: boolean };
}

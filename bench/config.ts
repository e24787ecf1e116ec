import { z } from 'zod';
import type { DbChoice } from './database.js';

// What `npm run bench` runs. `--quick` keeps every scenario but shortens it (one repetition,
// short windows, scenario 1 at 20 meetings, one small ramp step of SAM Room alone, Hocuspocus in
// scenario 2 only, a short wait for a quiet machine) so a change can be checked quickly: about
// 100 s on 2 cores, where the aim is 60 s (README, Performance).

export interface LiveLoad {
  meetings: number;
  perMeeting: number;
  itemsPerMeeting: number;
  /** Per participant. */
  editsPerSec: number;
  /** Per participant: someone opening another item or moving between fields. */
  awarenessPerSec: number;
  /** Of the edits, the share that set an item's values (risk level and flags); the rest type text. */
  valueShare: number;
  warmupMs: number;
  durationMs: number;
}

export interface BenchConfig {
  quick: boolean;
  db: DbChoice;
  repetitions: number;
  /** Scenario 1. */
  many: LiveLoad;
  /** Scenario 2; the full run measures it twice, its participants in one generator process and spread over them all. */
  one: LiveLoad;
  /** The peers scenario 1 compares SAM Room with (the quick run leaves Hocuspocus to scenario 2). */
  manyPeers: ('baseline' | 'hocuspocus')[];
  /** Two processes over Redis (docs/architecture.md, Targets): scenario 2's meeting, its participants on two processes. */
  two: LiveLoad;
  /** Scenario 3. */
  ramp: {
    meetings: number;
    itemsPerMeeting: number;
    /** Participants connected at each step; the last is the ceiling. */
    steps: number[];
    editsPerSec: number;
    awarenessPerSec: number;
    valueShare: number;
    settleMs: number;
    holdMs: number;
    /** The limit being searched for: event-loop delay p99 in ms. */
    delayLimitMs: number;
    /** Ramp the peers too, y-websocket and Hocuspocus (the full run; the quick one measures SAM Room only). */
    withBaseline: boolean;
    /** Light participants (bench/sim-client.ts) but one stock one per meeting; `--ramp-full-clients` for stock ones only. */
    lightClients: boolean;
  };
  /** Scenarios 4–6. */
  records: { openItems: number; importRows: number; importFamilies: number; browser: boolean; minutesRepeats: number };
  /** The scripted chair in Chromium: the human pace it keys and points at. */
  chair: {
    /** One keystroke (a character, Enter, or a chord such as Ctrl+Enter), ~80 words a minute. */
    keyMs: number;
    /** One click: reaching for the mouse and pointing at a button. */
    pointMs: number;
    /** How long the app may take to be ready after an operation before the run fails. */
    readyTimeoutMs: number;
  };
  /** After the window, how long receivers may still take before an edit counts as lost. */
  drainMs: number;
  /** Before each run, how long at most to wait for other work on the machine to finish… */
  quietWaitMs: number;
  /** …which counts as finished after this long nearly idle. */
  quietCalmMs: number;
  /** Runs per measurement while other processes disturb it (the least disturbed is kept). */
  attempts: number;
  /** Load generator processes for runs of several meetings (one core each at most). */
  generatorProcesses: number;
}

/** `defaultDb`: the database when `--db` is not given (PostgreSQL when one answers). */
export function benchConfig(args: string[], defaultDb: DbChoice): BenchConfig {
  const quick = args.includes('--quick');
  const dbArg = args.find((a) => a.startsWith('--db='))?.slice('--db='.length);
  const db: DbChoice = dbArg === 'postgres' || dbArg === 'pglite' ? dbArg : defaultDb;
  // `--ramp-steps=1000,2000` and `--ramp-meetings=100` replace the ramp's shape (e.g. to profile the server at one size).
  const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const count = z.coerce.number().int().positive();
  const stepsArg = arg('ramp-steps');
  const rampSteps = stepsArg === undefined ? undefined : z.array(count).nonempty().refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), 'ascending').parse(stepsArg.split(','));
  const meetingsArg = arg('ramp-meetings');
  const rampMeetings = meetingsArg === undefined ? undefined : count.parse(meetingsArg);
  const window = quick ? { warmupMs: 500, durationMs: 2_000 } : { warmupMs: 2_000, durationMs: 10_000 };
  return {
    quick,
    db,
    repetitions: quick ? 1 : 3,
    // The quick run's scenario 1 is 20 meetings: joining 500 participants to SAM Room alone took
    // most of a quick minute, and the comparison per edit and per participant holds at 200.
    many: { meetings: quick ? 20 : 50, perMeeting: 10, itemsPerMeeting: 30, editsPerSec: 1, awarenessPerSec: 0.2, valueShare: 0.2, ...window },
    one: { meetings: 1, perMeeting: 60, itemsPerMeeting: 60, editsPerSec: 2, awarenessPerSec: 0.2, valueShare: 0.2, ...window },
    manyPeers: quick ? ['baseline'] : ['baseline', 'hocuspocus'],
    two: { meetings: 1, perMeeting: 60, itemsPerMeeting: 60, editsPerSec: 2, awarenessPerSec: 0.2, valueShare: 0.2, ...window },
    ramp: {
      // The quick run's one step checks the ramp works and gives a rough reading at a light load;
      // how many one process holds is the full run's to say.
      meetings: rampMeetings ?? (quick ? 20 : 100),
      itemsPerMeeting: 30,
      steps: rampSteps ?? (quick ? [300] : [500, 1_000, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000]),
      editsPerSec: 0.1,
      awarenessPerSec: 0.1,
      valueShare: 0.2,
      settleMs: quick ? 1_000 : 2_000,
      holdMs: quick ? 2_000 : 4_000,
      delayLimitMs: 20,
      withBaseline: !quick,
      lightClients: !args.includes('--ramp-full-clients'),
    },
    records: { openItems: 300, importRows: 1_000, importFamilies: 700, browser: !args.includes('--no-browser'), minutesRepeats: quick ? 1 : 3 },
    chair: { keyMs: 150, pointMs: 1_000, readyTimeoutMs: 15_000 },
    drainMs: 5_000,
    quietWaitMs: quick ? 3_000 : 15_000,
    quietCalmMs: quick ? 500 : 2_000,
    attempts: quick ? 1 : 2,
    generatorProcesses: 2,
  };
}

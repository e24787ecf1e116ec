import { z } from 'zod';
import type { DbChoice } from './database.js';

// What `npm run bench` runs. `--quick` keeps every live scenario but shortens it so a change can
// be checked quickly, not measured: one repetition; a 1 s window after 0.5 s of warm-up; scenario 1
// at 10 meetings × 10 against y-websocket; the busy room (scenario 2, two processes) at 30; the
// ramp as one step of 100 over 10 meetings, SAM Room alone; Hocuspocus in scenario 2 only; one SAM
// Room process for scenarios 1, 2 and the ramp (shared-server.ts); the minutes once each way;
// shorter settles and quiet-machine waits. The aim is under 60 s on an idle 2-core machine with
// the prepared database kept (README, Performance, "The quick run", says what it took).

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
  /** Between the two collections that read a live run's idle memory: what a collection freed settles in the RSS. */
  idleSettleMs: number;
  /** SAM Room's runs of scenarios 1, 2 and the ramp on one process and database copy (bench/shared-server.ts), not a fresh one each. */
  shareSamRoom: boolean;
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
  const window = quick ? { warmupMs: 500, durationMs: 1_000 } : { warmupMs: 2_000, durationMs: 10_000 };
  // The busy room's cost grows with the square of its participants (each applies everyone's edits):
  // the quick run's is 30, enough to exercise the fan-out; the target is about 60.
  const busyRoom = quick ? 30 : 60;
  return {
    quick,
    db,
    repetitions: quick ? 1 : 3,
    // The quick run's scenario 1 is 10 meetings: joining participants is most of its cost, and
    // the comparison per edit and per participant is readable at 100.
    many: { meetings: quick ? 10 : 50, perMeeting: 10, itemsPerMeeting: 30, editsPerSec: 1, awarenessPerSec: 0.2, valueShare: 0.2, ...window },
    one: { meetings: 1, perMeeting: busyRoom, itemsPerMeeting: 60, editsPerSec: 2, awarenessPerSec: 0.2, valueShare: 0.2, ...window },
    manyPeers: quick ? ['baseline'] : ['baseline', 'hocuspocus'],
    two: { meetings: 1, perMeeting: busyRoom, itemsPerMeeting: 60, editsPerSec: 2, awarenessPerSec: 0.2, valueShare: 0.2, ...window },
    ramp: {
      // The quick run's one step checks the ramp works and gives a rough reading at a light load;
      // how many one process holds is the full run's to say.
      meetings: rampMeetings ?? (quick ? 10 : 100),
      itemsPerMeeting: 30,
      steps: rampSteps ?? (quick ? [100] : [500, 1_000, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000]),
      editsPerSec: 0.1,
      awarenessPerSec: 0.1,
      valueShare: 0.2,
      settleMs: quick ? 500 : 2_000,
      holdMs: quick ? 1_000 : 4_000,
      delayLimitMs: 20,
      withBaseline: !quick,
      lightClients: !args.includes('--ramp-full-clients'),
    },
    records: { openItems: 300, importRows: 1_000, importFamilies: 700, browser: !args.includes('--no-browser'), minutesRepeats: quick ? 0 : 3 },
    chair: { keyMs: 150, pointMs: 1_000, readyTimeoutMs: 15_000 },
    drainMs: 5_000,
    idleSettleMs: quick ? 250 : 1_000,
    shareSamRoom: quick,
    quietWaitMs: quick ? 1_000 : 15_000,
    // One 0.1 s sample (20 ticks over 2 cores) tells 0.3 cores apart; a quick run waits before 9 runs.
    quietCalmMs: quick ? 100 : 2_000,
    attempts: quick ? 1 : 2,
    generatorProcesses: 2,
  };
}

import { startGenerator } from './generator-pool.js';
import { cpuWindow } from './machine.js';
import { startMeasuredServer } from './measured-server.js';

// What the load generator itself costs per participant, stock clients against light ones
// (sim-client.ts), at the ramp's pace and shape, against the y-websocket baseline (no database to
// prepare: the generator's work per message is the same whichever server relays it). CPU seconds
// of the generator processes, which other work on a shared machine inflates far less than timings.
// `npx tsx bench/generator-cost.ts [--participants=1000,2000] [--meetings=100] [--window-s=10] [--kinds=stock,light]`

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = arg('participants', '1000,2000').split(',').map(Number);
const meetingCount = Number(arg('meetings', '100'));
const windowMs = Number(arg('window-s', '10')) * 1000;
const kinds = arg('kinds', 'stock,light').split(',');
const rates = { editsPerSec: 0.1, awarenessPerSec: 0.1, valueShare: 0.2 };
/** Fractional-index ranks a0 … az, in order. */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const items = (m: number) => Array.from({ length: 30 }, (_, i) => ({
  id: `m${m}-item-${i}`, caseId: `m${m}-case-${i}`, familyRef: `BENCH-${m}-${i}`, reason: 'NEW_EPISODE' as const, episodes: [], rank: `a${DIGITS[i]!}`,
}));

for (const participants of sizes) {
  for (const light of kinds.map((k) => k === 'light')) {
    const server = await startMeasuredServer('baseline', {});
    const generator = startGenerator(2);
    try {
      const meetings = Array.from({ length: meetingCount }, (_, m) => ({ docName: `cost-${m}`, seed: items(m), expectedItems: 30 }));
      await generator.configure([server.url], null, 'y-websocket', meetings, false, light);
      console.error(`${participants} ${light ? 'light' : 'stock'} participants: joining`);
      await generator.connect(meetings.map(() => 1), 25);
      const joined = await generator.connect(meetings.map((_, m) => Math.floor(participants / meetingCount) - 1 + (m < participants % meetingCount ? 1 : 0)), 25);
      console.error(`  joined (${joined.failed} failed); measuring`);
      await generator.call({ type: 'start-load', rates });
      await new Promise((r) => setTimeout(r, 2_000));
      await generator.call({ type: 'window-start' });
      const cpu = cpuWindow(server.pid, generator.pids);
      await new Promise((r) => setTimeout(r, windowMs));
      const share = cpu();
      const window = await generator.endWindow(5_000);
      await generator.call({ type: 'stop-load' });
      const perParticipantMs = (share.generator * 1000) / participants;
      console.log(JSON.stringify({
        participants, light, failed: joined.failed, generatorCores: share.generator, serverCores: share.server, otherCores: share.other,
        generatorCpuMsPerParticipantSecond: Math.round(perParticipantMs * 1000) / 1000,
        // A starved generator does less of the work in the window: per edit received is the fairer figure then.
        generatorCpuMsPerReceipt: Math.round(((share.generator * windowMs) / Math.max(1, window.receipts)) * 1000) / 1000,
        edits: window.sent, receipts: window.receipts, lost: window.lost, duplicates: window.duplicates, latencyP99: window.latency.p99,
      }));
    } finally {
      await generator.call({ type: 'disconnect' }).catch(() => undefined);
      await generator.stop();
      await server.stop();
    }
  }
}

import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { PerformanceObserver } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import { Connection } from '../server/collab/connection.js';
import { frameBinary } from '../server/collab/frame.js';

// What delivering one broadcast message costs the server: the ramp's shape (participants in rooms
// of `--room`), each round one message to every connection of every room, over real loopback
// sockets whose clients live in a child process (their CPU is not counted). `ws` sends the message
// to each connection (ws.send: framed per send, header and payload in one `writev`), against
// `frame`, framed once per room and written whole to each socket (Connection.sendFrame). CPU time
// of this process per message delivered, and its GC pauses; the modes alternate, so load on a
// shared machine inflates both alike.
// `npx tsx bench/fanout-cost.ts [--participants=1500] [--room=15] [--rounds=40] [--bytes=120] [--repeats=3]`

const arg = (name: string, fallback: string) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const participants = arg('participants', '1500');
const room = arg('room', '15');
const rounds = arg('rounds', '40');
const bytes = arg('bytes', '120');
const repeats = arg('repeats', '3');

if (process.argv[2] === 'clients') {
  const url = process.argv[3]!;
  let open = 0;
  for (let i = 0; i < participants; i++) {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      if (++open === participants) process.send?.('open');
    });
    ws.on('message', () => {});
  }
} else {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const conns: Connection[] = [];
  const http = createServer();
  http.on('upgrade', (req, socket: Duplex, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      conns.push(new Connection(ws, socket, { participantId: `p${conns.length}`, userId: null }, { agency: 'POLICE', role: 'REP' }, true, `p${conns.length}`));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const child = fork(process.argv[1]!, ['clients', `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, ...process.argv.slice(2)], { execArgv: process.execArgv });
  await new Promise((resolve) => child.once('message', resolve));
  while (conns.length < participants) await new Promise((r) => setTimeout(r, 20));
  const rooms = Array.from({ length: Math.ceil(participants / room) }, (_, r) => conns.slice(r * room, (r + 1) * room));
  const message = new Uint8Array(bytes).fill(7);

  const modes: Record<string, (to: Connection[]) => void> = {
    ws: (to) => {
      for (const conn of to) conn.send(message);
    },
    frame: (to) => {
      const frame = frameBinary(message);
      for (const conn of to) conn.sendFrame(frame);
    },
  };
  let gcMs: number[] = [];
  new PerformanceObserver((list) => gcMs.push(...list.getEntries().map((e) => e.duration))).observe({ entryTypes: ['gc'] });
  for (let rep = 1; rep <= repeats; rep++) {
    for (const [name, send] of Object.entries(modes)) {
      gcMs = [];
      const start = process.cpuUsage();
      for (let r = 0; r < rounds; r++) {
        // One room's broadcast per turn, as the per-turn batch sends it, with the sockets' I/O between rounds.
        for (const to of rooms) send(to);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const cpu = process.cpuUsage(start);
      const delivered = rounds * participants;
      const per = (us: number) => (us / delivered).toFixed(2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      console.log(`${name} (repeat ${rep}): ${delivered} messages, µs CPU per message ${per(cpu.user + cpu.system)} (user ${per(cpu.user)}, system ${per(cpu.system)}); GC ${gcMs.length} pauses, ${gcMs.reduce((a, b) => a + b, 0).toFixed(1)} ms`);
    }
  }
  child.kill();
  for (const conn of conns) conn.ws.terminate();
  http.close();
}

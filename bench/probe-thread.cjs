'use strict';
// Preloaded with `node --require` into a measured server. Node 20 runs --require preloads in every
// worker thread too (--import ones only in the main thread) and names every thread "node", so each
// worker thread tells the probe (bench/probe.ts) which OS thread it is, to count its CPU apart.
// Plain JavaScript: it runs before any TypeScript loader exists in the thread.
const { BroadcastChannel, isMainThread, threadId, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');

if (!isMainThread) {
  const channel = new BroadcastChannel('sam-room-bench-threads');
  try {
    const tid = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
    channel.postMessage({ tid, threadId, workerData });
  } catch {
    // A thread that cannot say which it is counts with the process's other threads.
  } finally {
    channel.close();
  }
}

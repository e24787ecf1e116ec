import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { BackgroundWork } from './background-work.js';

function withLog() {
  const lines: Array<{ msg: string }> = [];
  const log = createLogger('info', new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as { msg: string });
      done();
    },
  }));
  return { work: new BackgroundWork(log), lines };
}

describe('background work', () => {
  it('stops once what was started has settled, a failure logged, and starts nothing after', async () => {
    const { work, lines } = withLog();
    let finish = () => {};
    let finished = false;
    work.run('a slow read', () => new Promise<void>((resolve) => { finish = resolve; }).then(() => { finished = true; }));
    work.run('a read that fails', () => Promise.reject(new Error('gone')));
    let stopped = false;
    const stopping = work.stop().then(() => { stopped = true; });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(finished).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual(['a read that fails failed']);

    let ranAfter = false;
    work.run('too late', async () => { ranAfter = true; });
    expect(ranAfter).toBe(false);
  });
});

import net from 'node:net';

export const inCi = process.env.CI === 'true';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether something accepts TCP connections at the URL's host and port. */
export function reachable(url: string, defaultPort: number, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * For tests that need a real service: resolves true when it is there. Outside CI a missing
 * service resolves false with the reason printed, and the caller marks its tests skipped
 * (`ctx.skip()`, `describe.skipIf`); in CI it is a failure.
 */
export async function requireService(name: string, url: string, defaultPort: number): Promise<boolean> {
  if (await reachable(url, defaultPort)) return true;
  const message = `${name} is not reachable at ${url}`;
  if (inCi) throw new Error(`${message} — CI needs it running`);
  console.warn(`SKIPPED: ${message}; tests that need it are skipped (set it up, or run in CI).`);
  return false;
}

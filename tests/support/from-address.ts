import http from 'node:http';

/**
 * A JSON request sent from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so a test can be
 * several clients at once as the server sees them, without trusting any forwarded header.
 */
export function requestFrom(
  localAddress: string, base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, localAddress,
      headers: {
        ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
        ...(method !== 'GET' && { 'x-requested-with': 'samroom' }),
        ...headers,
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

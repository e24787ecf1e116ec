import net from 'node:net';
import { once } from 'node:events';

/**
 * A load balancer for tests: each new connection goes to the next backend that accepts it, so
 * clients whose server died reconnect to a survivor through the same address.
 */
export async function startTcpProxy(backends: () => number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const ports = backends();
    const tryConnect = (attempt: number) => {
      if (attempt >= ports.length) return client.destroy();
      const port = ports[(next + attempt) % ports.length]!;
      const upstream = net.connect(port, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        next = (next + attempt + 1) % ports.length;
        sockets.add(upstream);
        client.pipe(upstream).pipe(client);
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.on('error', () => {
        upstream.destroy();
        if (connected) client.destroy();
        else tryConnect(attempt + 1);
      });
    };
    client.on('error', () => client.destroy());
    tryConnect(0);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

import { once } from 'node:events';
import net from 'node:net';

// In a module of its own so that a process wanting only a port (the bench's orchestrator) does not
// load the server that server-process.ts's helpers start.

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

import { createServer } from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

// The baseline: the stock @y/websocket-server (its `setupWSConnection`, exactly as its own
// server.js wires it) with no auth and no persistence (YPERSISTENCE unset). It answers on the same
// `/collab/<docName>` path as SAM Room so one load generator drives both unchanged.

const PREFIX = '/collab/';
const port = Number(process.env.PORT ?? '1234');
const host = process.env.HOST ?? '127.0.0.1';

// perMessageDeflate off, as SAM Room has it, so compression does not differ between the two.
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const http = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});

http.on('upgrade', (req, socket, head) => {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (!path.startsWith(PREFIX)) return socket.destroy();
  const docName = decodeURIComponent(path.slice(PREFIX.length));
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});

http.listen(port, host, () => console.log(`baseline y-websocket server on ${host}:${port}`));
process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));

import { existsSync } from 'node:fs';
import express, { type Express } from 'express';

/**
 * Serves the built client from `clientDir`: its files as they are, and the app shell for every
 * other GET outside the API and the sockets (the client routes in the browser). The shell is
 * sent relative to `root`: Express refuses an absolute path with a segment that starts with a dot,
 * which a clone under a folder such as `~/.local/` has.
 */
export function serveClient(app: Express, clientDir: string): void {
  if (!existsSync(clientDir)) return;
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.get(/^(?!\/(api|collab|socket\.io)\/).*/, (_req, res) => {
    res.sendFile('index.html', { root: clientDir });
  });
}

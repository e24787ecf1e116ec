import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveClient } from './client-app.js';

// A clone under a folder whose name starts with a dot (~/.local/src/sam-room) must still serve
// the app: the shell for the browser's routes, and the built files.
describe('serving the built client', () => {
  let top: string;
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    top = await mkdtemp(path.join(os.tmpdir(), 'samroom-client-'));
    const clientDir = path.join(top, '.local', 'sam-room', 'dist', 'client');
    await mkdir(path.join(clientDir, 'assets'), { recursive: true });
    await writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>SAM Room</title>');
    await writeFile(path.join(clientDir, 'assets', 'app.js'), 'console.log(1)');
    const app = express();
    serveClient(app, clientDir);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close?.();
    await rm(top, { recursive: true, force: true });
  });

  it('answers a client route with the app shell from a path with a dot segment', async () => {
    const res = await fetch(`${url}/meetings/123`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>SAM Room</title>');
  });

  it('serves the built files, and leaves the API to the API', async () => {
    expect(await (await fetch(`${url}/assets/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${url}/api/nothing`)).status).toBe(404);
  });
});

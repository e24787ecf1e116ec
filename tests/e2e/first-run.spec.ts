import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DateTime } from 'luxon';

// A new user's first `npm start`: empty data dir, embedded database, demo data, sign in as chair.
test('npm start on an empty data dir serves health within 60 s and the chair sees today’s meeting', async ({ page }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-first-run-'));
  const port = 3000 + Math.floor(Math.random() * 1000) + 3000;
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', DEMO_PASSWORD: '' };
  const started = Date.now();
  const server: ChildProcess = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));

  try {
    let health: { ok?: boolean; db?: string } = {};
    while (Date.now() - started < 60_000 && !health.ok) {
      health = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json(), () => ({}));
      if (!health.ok) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health, `health within 60 s; server said:\n${output}`).toMatchObject({ ok: true, db: 'pglite', bus: 'memory' });
    test.info().annotations.push({ type: 'startup', description: `${Date.now() - started} ms to healthy` });

    // The generated demo password is printed once, with the chair's sign-in.
    const password = /Password for every demo account[^:]*: (\S+)/.exec(output)?.[1];
    expect(output).toContain('chair@demo.test');
    expect(password, output).toBeTruthy();

    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page).toHaveURL(/\/signin$/);
    await page.getByLabel('Email').fill('chair@demo.test');
    await page.getByLabel('Password').fill(password!);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('heading', { name: 'Meetings' })).toBeVisible();
    const today = DateTime.now().setZone('Pacific/Auckland');
    // Home has other tables (the whānau the chair's agency leads): today's meeting is in the meetings table.
    const row = page.getByRole('table', { name: 'Meetings' }).getByRole('row').filter({ hasText: today.toFormat('d LLL yyyy') });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Preparing');
    await page.screenshot({ path: test.info().outputPath('meeting-list.png'), fullPage: true });
  } finally {
    // The server must still be running here, and stop cleanly on SIGTERM (npm and node both get it).
    const stillRunning = server.exitCode === null;
    if (stillRunning) {
      const exited = once(server, 'exit');
      process.kill(-server.pid!, 'SIGTERM');
      await exited;
      // npm may exit before the server under it has finished its last writes (the audit checkpoint,
      // the embedded database): wait for the whole process group to be gone before removing its files.
      const groupAlive = () => {
        try {
          process.kill(-server.pid!, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (let waited = 0; groupAlive() && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    }
    await rm(dataDir, { recursive: true, force: true });
    expect(stillRunning, output).toBe(true);
    expect(output).toContain('"msg":"shutting down"');
  }
});

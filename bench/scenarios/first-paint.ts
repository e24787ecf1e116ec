import { chromium } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config.js';
import { ensureClientBuilt } from '../client-build.js';

// Scenario 4, browser side: navigation → the first row of the triage list visible, in Chromium,
// for a 300-item meeting the server has not loaded yet (first visit), then again (revisit: assets
// cached, the local copy in IndexedDB, the document warm on the server).

export type FirstPaint =
  | { ok: true; firstVisitMs: number; revisitMs: number; rowsRendered: number; items: number }
  | { ok: false; reason: string };

const ROW = 'li.board-row';
const TIMEOUT_MS = 20_000;

export async function firstPaint(httpBase: string, password: string, meetingId: string, items: number): Promise<FirstPaint> {
  const notBuilt = await ensureClientBuilt();
  if (notBuilt) return { ok: false, reason: notBuilt };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const context = await browser.newContext({ baseURL: httpBase, viewport: { width: 1280, height: 900 } });
    const login = await context.request.post('/api/auth/login', {
      // The bench's meetings are Waikato's (bench/template.ts): its chair opens them.
      data: { email: 'chair.waikato@demo.test', password },
      headers: { 'X-Requested-With': 'samroom' },
    });
    if (!login.ok()) return { ok: false, reason: `sign-in failed: ${login.status()}` };
    const page = await context.newPage();
    // performance.now() in the page counts from navigation start.
    const visit = async () => {
      await page.goto(`/meetings/${meetingId}`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction((selector) => {
        const row = document.querySelector(selector);
        return row && row.getBoundingClientRect().height > 0 ? performance.now() : null;
      }, ROW, { polling: 'raf', timeout: TIMEOUT_MS });
      return (await handle.jsonValue()) as number;
    };
    let firstVisitMs: number;
    try {
      firstVisitMs = await visit();
    } catch {
      const text = (await page.locator('main').innerText().catch(() => '')).slice(0, 160).replace(/\s+/g, ' ');
      return { ok: false, reason: `no triage-list row (${ROW}) within ${TIMEOUT_MS / 1000} s; the page showed: "${text}"` };
    }
    // Rows whose contents the browser rendered; the others wait off screen (content-visibility).
    const rowsRendered = await page.locator(`${ROW} .board-row__main`).evaluateAll((rows) =>
      rows.filter((row) => row.checkVisibility({ contentVisibilityAuto: true })).length);
    const revisitMs = await visit();
    return { ok: true, firstVisitMs, revisitMs, rowsRendered, items };
  } finally {
    await browser.close();
  }
}

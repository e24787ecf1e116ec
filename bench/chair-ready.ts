import type { Page } from '@playwright/test';
import { z } from 'zod';

// When an operation of the chair has taken effect: the page shows its result and the control the
// chair needs next has keyboard focus. Timed in the page, from the last keydown or pointerdown
// (stamped by INPUT_STAMP) to the first animation frame at which the state holds.

/** One state the page may reach; the first of several that holds ends the wait. */
export interface ReadyState {
  /** The id of the element that must have keyboard focus… */
  focusId?: string;
  /** …or a pattern its id must match, other than `focusNot`. */
  focusPattern?: string;
  focusNot?: string;
  /** CSS selectors whose element's text must include the given words. */
  texts?: [selector: string, includes: string][];
}

/** Installed before the room loads: when the page last saw the chair's input. */
export const INPUT_STAMP = `for (const type of ['keydown', 'pointerdown']) {
  window.addEventListener(type, () => { window.__chairInputAt = performance.now(); }, true);
}`;

const Reached = z.object({
  at: z.number(),
  inputAt: z.number(),
  /** Which of the states held, or -1 when the room showed an error instead. */
  state: z.number().int(),
  error: z.string(),
});

export interface Readiness {
  /** Last input → ready, in the page's clock. */
  responseMs: number;
  /** Index into the states given. */
  state: number;
}

export async function waitReady(page: Page, states: ReadyState[], timeoutMs: number): Promise<Readiness> {
  let raw: unknown;
  try {
    const handle = await page.waitForFunction((wanted: ReadyState[]) => {
      const inputAt = (window as unknown as { __chairInputAt?: number }).__chairInputAt ?? -1;
      const active = document.activeElement?.id ?? '';
      // A refused finalize or a room error ends the wait at once: the run has failed.
      const failure = document.querySelector('.panel .error-summary, .room__error');
      if (failure) return { at: performance.now(), inputAt, state: -1, error: (failure.textContent ?? '').trim() };
      for (const [index, s] of wanted.entries()) {
        if (s.focusId !== undefined && active !== s.focusId) continue;
        if (s.focusPattern !== undefined && (!new RegExp(s.focusPattern).test(active) || active === s.focusNot)) continue;
        if (!(s.texts ?? []).every(([selector, words]) => (document.querySelector(selector)?.textContent ?? '').includes(words))) continue;
        return { at: performance.now(), inputAt, state: index, error: '' };
      }
      return null;
    }, states, { polling: 'raf', timeout: timeoutMs });
    raw = await handle.jsonValue();
  } catch (err) {
    const shown = await page.evaluate(() => ({
      focus: document.activeElement?.id || document.activeElement?.tagName || '',
      item: document.querySelector('#panel-heading')?.textContent ?? '',
    })).catch(() => ({ focus: '?', item: '?' }));
    throw new Error(`the room was not ready within ${timeoutMs / 1000} s (${(err as Error).message.split('\n')[0]}); `
      + `item ${shown.item}, focus on ${shown.focus}; waited for ${JSON.stringify(states)}`);
  }
  const reached = Reached.parse(raw);
  if (reached.state < 0) throw new Error(`the room showed an error: ${reached.error.slice(0, 300)}`);
  if (reached.inputAt < 0) throw new Error('the page saw no input from the chair');
  return { responseMs: reached.at - reached.inputAt, state: reached.state };
}

import type { Locator, Page } from '@playwright/test';
import type { BenchConfig } from './config.js';
import { waitReady, type ReadyState } from './chair-ready.js';
import { sleep } from './run-context.js';

// The chair's hands at a human pace. Every call is one operation, counted as it is performed:
// one key or chord pressed on its own (Enter, Ctrl+Enter, D), one word-group typed and committed
// with Enter ("lead pol" ⏎), or one click. Each keystroke waits the pace's key time before it is
// pressed, a click the pointing time; the app's response is timed in the page (chair-ready.ts).

export type OperationKind = 'key' | 'typed' | 'click';

export interface ChairOperation {
  /** The step of the decision it made, e.g. `pathway`. */
  step: string;
  kind: OperationKind;
  /** What the chair pressed, typed or clicked, e.g. `Enter`, `"lead pol" ⏎`. */
  input: string;
  /** Keystrokes pressed (each character, space and Enter; a chord is one); 0 for a click. */
  keystrokes: number;
  /** The chair's own time: keystrokes × key time, or the pointing time. */
  chairMs: number;
  /** Last keystroke or click → the next control ready. */
  responseMs: number;
}

export interface Performed {
  operation: ChairOperation;
  /** Which of the awaited states the room reached. */
  state: number;
}

export class ChairHands {
  constructor(private readonly page: Page, private readonly pace: BenchConfig['chair']) {}

  /** One key or chord, e.g. `Enter`, `2`, `Control+Enter`. */
  async press(step: string, chord: string, ready: ReadyState[]): Promise<Performed> {
    await sleep(this.pace.keyMs);
    await this.page.keyboard.press(chord);
    return this.settle(step, 'key', chord.replace('Control', 'Ctrl'), 1, ready);
  }

  /** A word-group typed key by key, then Enter (a choice committed) or Tab (free text, on to the next field). */
  async typeAnd(step: string, words: string, then: 'Enter' | 'Tab', ready: ReadyState[]): Promise<Performed> {
    for (const char of words) {
      await sleep(this.pace.keyMs);
      await this.page.keyboard.type(char);
    }
    await sleep(this.pace.keyMs);
    await this.page.keyboard.press(then);
    return this.settle(step, 'typed', `"${words}" ${then === 'Enter' ? '⏎' : '⇥'}`, words.length + 1, ready);
  }

  async click(step: string, target: Locator, name: string, ready: ReadyState[]): Promise<Performed> {
    await sleep(this.pace.pointMs);
    await target.click();
    return this.settle(step, 'click', `click "${name}"`, 0, ready);
  }

  private async settle(step: string, kind: OperationKind, input: string, keystrokes: number, ready: ReadyState[]): Promise<Performed> {
    const reached = await waitReady(this.page, ready, this.pace.readyTimeoutMs);
    const chairMs = kind === 'click' ? this.pace.pointMs : keystrokes * this.pace.keyMs;
    return { operation: { step, kind, input, keystrokes, chairMs, responseMs: reached.responseMs }, state: reached.state };
  }
}

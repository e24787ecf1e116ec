import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazyPage.js';

const Loaded = () => createElement('p', null, 'the page');

describe('lazyPage', () => {
  // A suspended render would show the fallback, and React would hold the page back 300 ms after it.
  it('renders a page whose code has already arrived without suspending', async () => {
    let calls = 0;
    const Page = lazyPage(() => {
      calls++;
      return Promise.resolve({ Loaded });
    }, 'Loaded');
    Page.preload();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const html = renderToString(createElement(Suspense, { fallback: 'loading' }, createElement(Page)));
    expect(html).toContain('the page');
    expect(html).not.toContain('loading');
    expect(calls).toBe(1);
  });

  it('suspends until the code arrives when it was not preloaded', () => {
    const Page = lazyPage(() => new Promise<{ Loaded: typeof Loaded }>(() => {}), 'Loaded');
    const html = renderToString(createElement(Suspense, { fallback: 'loading' }, createElement(Page)));
    expect(html).toContain('loading');
  });
});

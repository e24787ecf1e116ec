import { createElement, use, type ComponentType } from 'react';

export type LazyPage = ComponentType & { preload(): void };

/**
 * A page loaded on first visit, from a module that exports it by name: each route's code is its
 * own chunk, so signing in does not download the meeting room, the admin pages or the charts.
 * `preload` starts the download early (the page a person lands on by link, while the session is
 * still being checked); rendering then uses the same download.
 *
 * Unlike React.lazy, a page whose code has already arrived renders at once: React.lazy suspends
 * on its first render even then, and React holds back what a boundary reveals for 300 ms after
 * its fallback shows, which a meeting's first paint paid in full.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyPage {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const start = () => (loading ??= load().then((module) => (loaded = module[name])));
  function Page() {
    return createElement(loaded ?? use(start()));
  }
  return Object.assign(Page, { preload: () => void start().catch(() => {}) });
}

import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export type LazyPage = LazyExoticComponent<ComponentType> & { preload(): void };

/**
 * A page loaded on first visit, from a module that exports it by name: each route's code is its
 * own chunk, so signing in does not download the meeting room, the admin pages or the charts.
 * `preload` starts the download early (the page a person lands on by link, while the session is
 * still being checked); rendering then uses the same download.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyPage {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const start = () => (loading ??= load().then((module) => ({ default: module[name] })));
  return Object.assign(lazy(start), { preload: () => void start().catch(() => {}) });
}

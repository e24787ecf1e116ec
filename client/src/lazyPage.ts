import { lazy, type ComponentType } from 'react';

/**
 * A page loaded on first visit, from a module that exports it by name: each route's code is its
 * own chunk, so signing in does not download the meeting room, the admin pages or the charts.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

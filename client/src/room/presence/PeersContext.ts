import { createContext, useContext } from 'react';
import type { Peer } from './useAwareness.js';

/** The other people in the document (awareness), for presence and "who is typing here". */
export const PeersContext = createContext<readonly Peer[]>([]);

export function usePeersInRoom(): readonly Peer[] {
  return useContext(PeersContext);
}

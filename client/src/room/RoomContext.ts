import { createContext, useContext } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Me } from '../../../shared/api/auth.js';
import type { ControlPlane } from './sync/useControlPlane.js';
import type { PrepDoc } from './prep/usePrepDoc.js';

/** What every part of the room needs and what changes rarely (live state goes in as props). */
export interface Room {
  meetingId: string;
  doc: Y.Doc;
  awareness: Awareness;
  me: Me;
  /** May change the meeting's content: not an observer, and the meeting is not closed. */
  canEdit: boolean;
  /** May run the chair's commands (and the meeting is not closed). */
  isChair: boolean;
  /** May change the order of the list (chair and coordinator prepare and run it). */
  canReorder: boolean;
  send: ControlPlane['send'];
  /** The user's agency's private prep doc; null for those who don't prepare, and once closed. */
  prep: PrepDoc | null;
  /** Tells the user what just happened: read out politely, or shown as an alert for an error. */
  announce(message: string, tone?: 'info' | 'error'): void;
}

export const RoomContext = createContext<Room | null>(null);

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom must be used inside the meeting room');
  return room;
}

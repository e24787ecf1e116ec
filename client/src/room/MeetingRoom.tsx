import './room.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../../../shared/api/auth.js';
import type { MeetingSummary } from '../../../shared/api/meetings.js';
import { formatMeetingDateLong, meetingKindLabel } from '../format.js';
import { StatusBadge } from '../meetings/StatusBadge.js';
import { agencyInfo } from './agencies.js';
import { BulkDecisionBar } from './chair/BulkDecisionBar.js';
import { ChairControls, CLOSE_MEETING_BUTTON_ID } from './chair/ChairControls.js';
import { ClosedBanner } from './ClosedBanner.js';
import { ConnectionBadge } from './sync/ConnectionBadge.js';
import { ItemPanel } from './item/ItemPanel.js';
import { LobbyList } from './chair/LobbyList.js';
import { PanelBoundary } from './PanelBoundary.js';
import { PeersContext } from './presence/PeersContext.js';
import { PresenceBar } from './presence/PresenceBar.js';
import { RoomContext, type Room } from './RoomContext.js';
import { TriageBoard } from './board/TriageBoard.js';
import { setLocalUser, setViewing, usePeers } from './presence/useAwareness.js';
import { useBoardIndex, type BoardEntry } from './board/useBoardIndex.js';
import type { ControlPlane } from './sync/useControlPlane.js';
import { useFinalize } from './decision/useFinalize.js';
import type { MeetingDoc } from './sync/useMeetingDoc.js';
import { usePrepDoc } from './prep/usePrepDoc.js';
import { MeetingTools } from '../meetings/MeetingTools.js';
import { DecidedNotice } from './decision/DecidedNotice.js';
import { focusDecision } from './decision/decisionFocus.js';
import { KeyboardHelp } from './decision/KeyboardHelp.js';
import { useDecisionKeys } from './decision/useDecisionKeys.js';
import { errorSummaryId } from './item/ItemPanel.js';
import { useLeaveWarning } from './sync/useLeaveWarning.js';
import { useRevealOpenItem } from './useRevealOpenItem.js';
import { setField } from '../../../shared/meeting-doc/index.js';

interface Props {
  meeting: MeetingSummary;
  me: Me;
  content: MeetingDoc;
  control: ControlPlane;
}

const READ_ONLY_ROLES = new Set<Me['role']>(['OBSERVER', 'AUDITOR']);

/** The next item still waiting for a decision after `itemId`, in list order, wrapping round. */
function nextPending(entries: readonly BoardEntry[], itemId: string): BoardEntry | undefined {
  const from = entries.findIndex((e) => e.item.id === itemId);
  return [...entries.slice(from + 1), ...entries.slice(0, from + 1)].find((e) => e.summary.status === 'PENDING' && e.item.id !== itemId);
}

/** The live room: the list on the left, the open item on the right, the chair's controls above. */
export function MeetingRoom({ meeting, me, content, control }: Props) {
  const { doc, awareness } = content;
  const entries = useBoardIndex(doc);
  const peers = usePeers(awareness);
  const [openId, setOpenId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(() => new Set());
  const [politeMessage, setPoliteMessage] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);

  const status = control.meetingStatus?.status ?? meeting.status;
  // An error belongs to the meeting state it was raised in: it goes when that state changes.
  const [error, setError] = useState<{ message: string; status: typeof status } | null>(null);
  const errorMessage = error?.status === status ? error.message : null;
  const statusNow = useRef(status);
  statusNow.current = status;
  const closed = status === 'CLOSED';
  const ended = content.status === 'ended' || control.connection === 'refused';
  const canEdit = !READ_ONLY_ROLES.has(me.role) && !closed && !ended;
  const isChair = me.role === 'CHAIR' && canEdit;
  const focusId = control.focus.itemId;
  const prep = usePrepDoc(meeting.id, me, closed);

  const announce = useCallback((message: string, tone: 'info' | 'error' = 'info') => {
    if (tone === 'error') setError({ message, status: statusNow.current });
    else setPoliteMessage(message);
  }, []);
  const finalizer = useFinalize(doc, control.send, announce);

  const room = useMemo<Room>(
    () => ({
      meetingId: meeting.id, doc, awareness, me, canEdit, isChair,
      canReorder: canEdit && (me.role === 'CHAIR' || me.role === 'COORDINATOR'),
      send: control.send, announce, prep,
    }),
    [meeting.id, doc, awareness, me, canEdit, isChair, control.send, announce, prep],
  );

  // Family-violence records don't linger on a device once the meeting is closed and on record.
  const { forgetLocalCopy } = content;
  useEffect(() => {
    if (closed) forgetLocalCopy();
  }, [closed, forgetLocalCopy]);

  useEffect(() => {
    setLocalUser(awareness, { name: me.displayName, agency: me.agency.code, color: agencyInfo(me.agency.code).color });
  }, [awareness, me]);

  // Everyone's view follows the chair's focus — except someone mid-sentence in the open item,
  // whose panel offers the way to the focus item instead. Before any focus, the first item opens.
  useEffect(() => {
    if (!focusId) return;
    const active = document.activeElement;
    const typing = active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && active.type !== 'checkbox');
    if (typing && active.closest('.panel')) return;
    setOpenId(focusId);
  }, [focusId]);
  const firstId = entries[0]?.item.id ?? null;
  useEffect(() => {
    setOpenId((current) => current ?? firstId);
  }, [firstId]);
  useEffect(() => setViewing(awareness, openId), [awareness, openId]);
  useRevealOpenItem(openId, 'section.panel');

  const familyRefs = useMemo(() => new Map(entries.map((e) => [e.item.id, e.summary.familyRef])), [entries]);
  const entriesNow = useRef(entries);
  entriesNow.current = entries;
  useLeaveWarning(content.unsent);

  const setFocus = useCallback(
    async (itemId: string) => {
      setOpenId(itemId);
      const result = await control.send('focus:set', { itemId });
      if (!result.ok) announce(result.error.message, 'error');
    },
    [control.send, announce],
  );
  const onSetFocus = useCallback((id: string) => void setFocus(id), [setFocus]);

  // The chair's rhythm: finalize, and the room moves on to the next item still to decide.
  const finalizeNext = useCallback(
    async (itemId: string) => {
      if (finalizer.busy.has(itemId)) return;
      const ok = await finalizer.finalize(itemId);
      // The error summary lists every problem with a link to its field (read out on focus).
      if (!ok) return requestAnimationFrame(() => document.getElementById(errorSummaryId(itemId))?.focus());
      const next = nextPending(entriesNow.current, itemId);
      if (!next) {
        announce('Every item is decided or deferred.');
        return requestAnimationFrame(() => document.getElementById(CLOSE_MEETING_BUTTON_ID)?.focus());
      }
      // The chair's keys go to the next item at once; the room's focus follows when the server confirms.
      const moving = setFocus(next.item.id);
      focusDecision(next.item.id, 'risk');
      await moving;
    },
    [finalizer, announce, setFocus],
  );
  const onFinalizeNext = useCallback((id: string) => void finalizeNext(id), [finalizeNext]);
  const onReopen = useCallback(
    async (itemId: string) => {
      const result = await control.send('item:reopen', { itemId });
      if (!result.ok) announce(result.error.message, 'error');
      else focusDecision(itemId, 'risk');
    },
    [control.send, announce],
  );
  const onReopenItem = useCallback((id: string) => void onReopen(id), [onReopen]);
  const showKeys = useCallback(() => setHelpOpen(true), []);
  // Started from the keyboard, the chair goes on from the keyboard: to the open item's decision.
  const openIdNow = useRef(openId);
  openIdNow.current = openId;
  const onStarted = useCallback(() => {
    if (openIdNow.current) focusDecision(openIdNow.current, 'risk');
  }, []);


  const open = entries.find((e) => e.item.id === openId) ?? null;
  const openEditable = canEdit && open !== null && open.summary.status !== 'DECIDED';
  useDecisionKeys({
    openItemId: openEditable ? open.item.id : null,
    setRisk: openEditable ? (level) => setField(open.item, 'riskLevel', level) : null,
    finalizeNext: isChair && open ? () => onFinalizeNext(open.item.id) : null,
    toggleHelp: () => setHelpOpen((o) => !o),
  });
  const title = `${meeting.siteName} — ${meetingKindLabel(meeting.kind)}`;

  return (
    <RoomContext value={room}>
      <PeersContext value={peers}>
        <title>{`${title} — SAM Room`}</title>
        <div className="room__bar">
          <div className="room__title">
            <h1>{title}</h1>
            <p className="room__date">
              <time dateTime={meeting.date}>{formatMeetingDateLong(meeting.date)}</time> <StatusBadge status={status} />
              {READ_ONLY_ROLES.has(me.role) && <span className="tag">Observing — read-only</span>}
            </p>
          </div>
          <ConnectionBadge content={content.status} unsent={content.unsent} control={control.connection} />
          <MeetingTools meetingId={meeting.id} me={me} status={status} />
          {isChair && (
            <ChairControls status={status} connected={control.connection === 'connected'} entries={entries} focusId={focusId} onSetFocus={onSetFocus} onOpen={setOpenId} onStarted={onStarted} />
          )}
          <PresenceBar roster={control.roster} peers={peers} familyRefs={familyRefs} myName={me.displayName} />
        </div>
        {closed && <ClosedBanner closedAt={control.meetingStatus?.closedAt ?? null} />}
        {ended && !closed && (
          <div className="banner banner--ended" role="alert">
            {control.refusal ?? content.endedReason ?? 'Your access to this meeting has ended.'} Everything here is read-only now.
          </div>
        )}
        {errorMessage && (
          <div className="alert room__error" role="alert">
            {errorMessage}{' '}
            <button type="button" className="link-button" onClick={() => setError(null)}>
              Dismiss
            </button>
          </div>
        )}
        {isChair && (
          <>
            <LobbyList waiting={control.lobby} />
            <BulkDecisionBar checked={checked} entries={entries} finalizer={finalizer} live={status === 'LIVE'} onCheckedChange={setChecked} onOpen={setOpenId} />
          </>
        )}
        {!content.ready ? (
          <p role="status" className="room__loading">
            Loading the list…
          </p>
        ) : (
          <div className="room__columns">
            <TriageBoard entries={entries} openId={openId} focusId={focusId} checked={checked} onOpen={setOpenId} onCheckedChange={setChecked} onSetFocus={onSetFocus} />
            {open ? (
              <PanelBoundary resetKey={open.item.id}>
                <ItemPanel
                  item={open.item}
                  focusId={focusId}
                  focusRef={focusId ? (familyRefs.get(focusId) ?? null) : null}
                  timer={control.timer}
                  meetingStatus={status}
                  finalizer={finalizer}
                  onSetFocus={onSetFocus}
                  onOpen={setOpenId}
                  onFinalizeNext={onFinalizeNext}
                  onReopen={onReopenItem}
                  onShowKeys={showKeys}
                />
              </PanelBoundary>
            ) : (
              <p className="panel panel--empty">Choose an item from the list.</p>
            )}
          </div>
        )}
        <DecidedNotice decided={control.lastDecided} familyRefs={familyRefs} />
        <KeyboardHelp open={helpOpen} isChair={isChair} onClose={() => setHelpOpen(false)} />
        <p className="visually-hidden" role="status" aria-live="polite">
          {politeMessage}
        </p>
      </PeersContext>
    </RoomContext>
  );
}

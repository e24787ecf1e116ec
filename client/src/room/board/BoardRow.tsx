import { memo, type DragEvent, type KeyboardEvent } from 'react';
import { agencyInfo } from '../agencies.js';
import { flagLabel, ITEM_STATUS_LABELS, PATHWAY_LABELS, reasonTag, RISK_LABELS } from '../labels.js';
import { formatEpisodeTimeShort } from '../roomTime.js';
import type { BoardEntry } from './useBoardIndex.js';
import type { Peer } from '../presence/useAwareness.js';
import { useChangedSinceDecision } from '../item/useChangedSinceDecision.js';

export type DropEdge = 'before' | 'after';

export interface RowHandlers {
  open(id: string): void;
  keyDown(event: KeyboardEvent<HTMLButtonElement>, id: string): void;
  activate(id: string): void;
  check(id: string, range: boolean): void;
  dragStart(event: DragEvent<HTMLLIElement>, id: string): void;
  dragOver(event: DragEvent<HTMLLIElement>, id: string): void;
  drop(event: DragEvent<HTMLLIElement>, id: string): void;
  dragEnd(): void;
  registerButton(id: string, el: HTMLButtonElement | null): void;
}

interface Props {
  entry: BoardEntry;
  /** Place in the whole list (rank order), 1-based. */
  position: number;
  isOpen: boolean;
  isFocus: boolean;
  isChecked: boolean;
  /** The row that holds the list's single tab stop. */
  isActive: boolean;
  viewers: readonly Peer[];
  selectable: boolean;
  draggable: boolean;
  dropEdge: DropEdge | null;
  handlers: RowHandlers;
}

/** One item on the triage board. Memoised: it renders again only when its own props change. */
/** A row's element id, so the open item can link back to its place in the list. */
export const boardRowDomId = (itemId: string) => `row-${itemId}`;

export const BoardRow = memo(function BoardRow(props: Props) {
  const { entry, position, isOpen, isFocus, isChecked, isActive, viewers, selectable, draggable, dropEdge, handlers } = props;
  const { item, summary: s } = entry;
  const changed = useChangedSinceDecision(item, s.decided);
  const id = item.id;
  const reason = reasonTag(s.reason, s.flags);
  const classes = [
    'board-row',
    isOpen && 'board-row--open',
    isFocus && 'board-row--focus',
    isChecked && 'board-row--checked',
    dropEdge && `board-row--drop-${dropEdge}`,
  ].filter(Boolean).join(' ');

  return (
    <li
      id={boardRowDomId(id)}
      className={classes}
      data-item-id={id}
      draggable={draggable}
      onDragStart={draggable ? (e) => handlers.dragStart(e, id) : undefined}
      onDragOver={draggable ? (e) => handlers.dragOver(e, id) : undefined}
      onDrop={draggable ? (e) => handlers.drop(e, id) : undefined}
      onDragEnd={draggable ? handlers.dragEnd : undefined}
    >
      {selectable && (
        <input
          type="checkbox"
          className="board-row__check"
          tabIndex={-1}
          checked={isChecked}
          readOnly
          aria-label={`Select ${s.familyRef}`}
          onClick={(e) => handlers.check(id, e.shiftKey)}
        />
      )}
      <button
        type="button"
        ref={(el) => handlers.registerButton(id, el)}
        className="board-row__main"
        tabIndex={isActive ? 0 : -1}
        aria-current={isOpen ? 'true' : undefined}
        onClick={() => handlers.open(id)}
        onKeyDown={(e) => handlers.keyDown(e, id)}
        onFocus={() => handlers.activate(id)}
      >
        <span className="board-row__pos">
          <span className="visually-hidden">Item </span>
          {position}
        </span>
        <span className="board-row__body">
          <span className="board-row__head">
            <span className="board-row__ref">{s.familyRef}</span>
            {reason && <span className="tag">{reason}</span>}
            {isFocus && <span className="tag tag--focus">In focus</span>}
          </span>
          <span className="board-row__meta">
            {s.firstAt && <time dateTime={s.firstAt}>{formatEpisodeTimeShort(s.firstAt)}</time>}
            {s.areas.length > 0 && <span>{s.areas.join(', ')}</span>}
            {s.episodeCount > 1 && <span>{s.episodeCount} episodes</span>}
            <span>
              SAFVR {s.safvr === null ? '–' : s.safvr.toFixed(2)} · DYRA {s.dyra ? RISK_LABELS[s.dyra] : '–'}
            </span>
          </span>
          {s.flags.length > 0 && (
            <span className="board-row__flags">
              <span className="visually-hidden">Flags: </span>
              {s.flags.map((f) => (
                <span key={f} className={`flag flag--${f.toLowerCase()}`}>
                  {flagLabel(f)}
                </span>
              ))}
            </span>
          )}
        </span>
        <span className="board-row__outcome">
          <span className={`status status--${s.status.toLowerCase()}`}>{ITEM_STATUS_LABELS[s.status]}</span>
          {changed && <span className="status status--changed">Changed since decision</span>}
          {s.riskLevel && (
            <span className={`risk risk--${s.riskLevel.toLowerCase()}`}>
              <span className="visually-hidden">Risk: </span>
              {RISK_LABELS[s.riskLevel]}
            </span>
          )}
          {(s.pathway || s.leadAgency) && (
            <span className="board-row__pathway">
              {s.pathway && PATHWAY_LABELS[s.pathway]}
              {s.pathway && s.leadAgency && ' · '}
              {s.leadAgency && (
                <>
                  <span className="visually-hidden">lead </span>
                  {agencyInfo(s.leadAgency).short}
                </>
              )}
            </span>
          )}
        </span>
      </button>
      {viewers.length > 0 && (
        <span className="board-row__viewers">
          <span className="visually-hidden">Open for </span>
          {viewers.map((p) => (
            <span key={p.clientId} className="viewer" style={{ background: agencyInfo(p.agency).color }} title={`${p.name} (${agencyInfo(p.agency).short})`}>
              <span aria-hidden="true">{initials(p.name)}</span>
              <span className="visually-hidden">{p.name}</span>
            </span>
          ))}
        </span>
      )}
    </li>
  );
});

function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]?.toUpperCase() ?? '').join('');
}

import { startTransition, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { moveItem } from '../../../../shared/meeting-doc/index.js';
import { ALL_ITEMS, isFiltered, queryBoard, type BoardQuery } from './boardQuery.js';
import { BoardRow, type DropEdge, type RowHandlers } from './BoardRow.js';
import { BoardToolbar } from './BoardToolbar.js';
import { usePeersInRoom } from '../presence/PeersContext.js';
import { useRoom } from '../RoomContext.js';
import type { Peer } from '../presence/useAwareness.js';
import type { BoardEntry } from './useBoardIndex.js';
import './board.css';

interface Props {
  entries: readonly BoardEntry[];
  openId: string | null;
  focusId: string | null;
  checked: ReadonlySet<string>;
  onOpen(id: string): void;
  onCheckedChange(checked: Set<string>): void;
  onSetFocus(id: string): void;
}

const DRAG_TYPE = 'application/x-samroom-item';
/** Rows rendered in the list's first paint; the rest follow in a transition straight after. */
const FIRST_ROWS = 40;
const NO_VIEWERS: readonly Peer[] = [];

/**
 * The day's list. One tab stop (roving tabindex): arrows move between rows, Enter opens, and the
 * chair's keys act on the row — F focus, X select, Alt+arrows reorder.
 */
export function TriageBoard({ entries, openId, focusId, checked, onOpen, onCheckedChange, onSetFocus }: Props) {
  const room = useRoom();
  const peers = usePeersInRoom();
  const [query, setQuery] = useState<BoardQuery>(ALL_ITEMS);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ id: string; edge: DropEdge } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const anchor = useRef<string | null>(null);
  const dragging = useRef<string | null>(null);

  const visible = useMemo(() => queryBoard(entries, query), [entries, query]);
  // A 300-item list is on screen sooner when its first paint renders only what a screen shows;
  // every row is in the list a moment later (the browser then skips painting those off screen).
  const [allRows, setAllRows] = useState(false);
  useEffect(() => {
    if (!allRows) startTransition(() => setAllRows(true));
  }, [allRows]);
  const rendered = allRows ? visible : visible.slice(0, FIRST_ROWS);
  const positions = useMemo(() => new Map(entries.map((e, i) => [e.item.id, i + 1])), [entries]);
  const viewers = useMemo(() => {
    const by = new Map<string, Peer[]>();
    for (const p of peers) if (p.viewing) by.set(p.viewing, [...(by.get(p.viewing) ?? []), p]);
    return by;
  }, [peers]);
  const canDrag = room.canReorder && query.sort === 'rank';
  const isVisible = (id: string | null) => id !== null && visible.some((e) => e.item.id === id);
  const tabStop = isVisible(activeId) ? activeId : isVisible(openId) ? openId : (visible[0]?.item.id ?? null);

  // Everyone's list follows the chair's focus.
  useEffect(() => {
    if (focusId) buttons.current.get(focusId)?.closest('li')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [focusId, allRows]);

  // The handlers read the latest render's values through a ref, so they stay one stable object
  // and memoised rows don't re-render when anything else on the board changes.
  const latest = useRef({ visible, checked, room, canDrag, onOpen, onCheckedChange, onSetFocus });
  latest.current = { visible, checked, room, canDrag, onOpen, onCheckedChange, onSetFocus };

  const handlers = useMemo<RowHandlers>(() => {
    const focusRow = (id: string | undefined) => {
      if (!id) return;
      setActiveId(id);
      buttons.current.get(id)?.focus();
    };
    const familyRef = (id: string) => latest.current.visible.find((e) => e.item.id === id)?.summary.familyRef ?? 'Item';
    const move = (id: string, direction: -1 | 1) => {
      const { visible: rows, room: r } = latest.current;
      const i = rows.findIndex((e) => e.item.id === id);
      const target = rows[i + direction];
      if (!target) return;
      if (direction < 0) moveItem(r.doc, id, null, target.item.id);
      else moveItem(r.doc, id, target.item.id, null);
      r.announce(`${familyRef(id)} moved ${direction < 0 ? 'above' : 'below'} ${target.summary.familyRef}`);
      // React may re-insert the row's element when reordering, which drops focus: put it back.
      requestAnimationFrame(() => buttons.current.get(id)?.focus());
    };
    const toggle = (id: string, range: boolean) => {
      const { visible: rows, checked: current } = latest.current;
      const next = new Set(current);
      const from = anchor.current === null ? -1 : rows.findIndex((e) => e.item.id === anchor.current);
      const to = rows.findIndex((e) => e.item.id === id);
      if (range && from >= 0 && to >= 0) {
        for (let i = Math.min(from, to); i <= Math.max(from, to); i++) next.add(rows[i]!.item.id);
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      anchor.current = id;
      latest.current.onCheckedChange(next);
    };
    return {
      open: (id) => latest.current.onOpen(id),
      activate: setActiveId,
      check: toggle,
      registerButton: (id, el) => {
        if (el) buttons.current.set(id, el);
        else buttons.current.delete(id);
      },
      keyDown: (event: KeyboardEvent<HTMLButtonElement>, id: string) => {
        const { visible: rows, room: r } = latest.current;
        const i = rows.findIndex((e) => e.item.id === id);
        const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
        let handled = true;
        if (event.key === 'ArrowDown' && event.altKey && r.canReorder) move(id, 1);
        else if (event.key === 'ArrowUp' && event.altKey && r.canReorder) move(id, -1);
        else if (event.key === 'ArrowDown' && plain) focusRow(rows[i + 1]?.item.id);
        else if (event.key === 'ArrowUp' && plain) focusRow(rows[i - 1]?.item.id);
        else if (event.key === 'Home' && plain) focusRow(rows[0]?.item.id);
        else if (event.key === 'End' && plain) focusRow(rows.at(-1)?.item.id);
        else if ((event.key === 'f' || event.key === 'F') && plain && r.isChair) latest.current.onSetFocus(id);
        else if ((event.key === 'x' || event.key === 'X') && plain && r.isChair) toggle(id, event.shiftKey);
        else handled = false;
        if (handled) event.preventDefault();
      },
      dragStart: (event: DragEvent<HTMLLIElement>, id: string) => {
        dragging.current = id;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData(DRAG_TYPE, id);
      },
      dragOver: (event: DragEvent<HTMLLIElement>, id: string) => {
        if (!dragging.current || dragging.current === id || !latest.current.canDrag) return;
        event.preventDefault();
        const rect = event.currentTarget.getBoundingClientRect();
        const edge: DropEdge = event.clientY < rect.top + rect.height / 2 ? 'before' : 'after';
        setDrop((d) => (d?.id === id && d.edge === edge ? d : { id, edge }));
      },
      drop: (event: DragEvent<HTMLLIElement>, id: string) => {
        const moving = dragging.current;
        if (!moving || moving === id || !latest.current.canDrag) return;
        event.preventDefault();
        const rect = event.currentTarget.getBoundingClientRect();
        const before = event.clientY < rect.top + rect.height / 2;
        const { doc } = latest.current.room;
        if (before) moveItem(doc, moving, null, id);
        else moveItem(doc, moving, id, null);
        latest.current.room.announce(`${familyRef(moving)} moved ${before ? 'above' : 'below'} ${familyRef(id)}`);
        dragging.current = null;
        setDrop(null);
      },
      dragEnd: () => {
        dragging.current = null;
        setDrop(null);
      },
    };
  }, []);

  const decided = entries.filter((e) => e.summary.status !== 'PENDING').length;
  const help = [
    'Keys: ↑↓ move, Enter opens',
    room.isChair && 'F focus, X select (Shift+X: range)',
    room.canReorder && (canDrag ? 'Alt+↑↓ reorder (or drag)' : 'reorder in list order'),
  ].filter(Boolean).join(' · ');

  return (
    <section className="board" aria-labelledby="board-heading">
      <div className="board__header">
        <h2 id="board-heading">
          Triage list <span className="board__count">{entries.length} items · {decided} done</span>
        </h2>
        <BoardToolbar query={query} onChange={setQuery} />
        <p id="board-help" className="board__help">
          {help}
        </p>
      </div>
      {visible.length === 0 ? (
        <p className="empty">{entries.length === 0 ? 'No items on this list yet.' : 'No items match these filters.'}</p>
      ) : (
        <ol className="board__list" aria-labelledby="board-heading" aria-describedby="board-help">
          {rendered.map((entry) => {
            const id = entry.item.id;
            return (
              <BoardRow
                key={id}
                entry={entry}
                position={positions.get(id) ?? 0}
                isOpen={id === openId}
                isFocus={id === focusId}
                isChecked={checked.has(id)}
                isActive={id === tabStop}
                viewers={viewers.get(id) ?? NO_VIEWERS}
                selectable={room.isChair}
                draggable={canDrag}
                dropEdge={drop?.id === id ? drop.edge : null}
                handlers={handlers}
              />
            );
          })}
        </ol>
      )}
      {isFiltered(query) && (
        <p className="board__filtered">
          Showing {visible.length} of {entries.length}.{' '}
          <button type="button" className="link-button" onClick={() => setQuery({ ...ALL_ITEMS, sort: query.sort })}>
            Clear filters
          </button>
        </p>
      )}
    </section>
  );
}

import { useEffect, useMemo } from 'react';
import { flushSync } from 'react-dom';
import { DisclosureKind, LegalBasis } from '../../../../shared/domain.js';
import { LIMITS, setPrepEntry, type ResearchValues } from '../../../../shared/meeting-doc/index.js';
import { CollabTextArea } from '../text/CollabTextArea.js';
import { DisclosureControls } from './DisclosureControls.js';
import { fieldDomId } from '../decision/fieldIds.js';
import { KIND_LABELS, LEGAL_BASIS_LABELS } from '../labels.js';
import { PeersContext } from '../presence/PeersContext.js';
import { RoomContext, useRoom } from '../RoomContext.js';
import { setViewing, usePeers } from '../presence/useAwareness.js';
import type { PrepDoc } from './usePrepDoc.js';
import { usePrepEntry } from './usePrepEntry.js';
import './prep.css';

interface Props {
  prep: PrepDoc;
  itemId: string;
  headingId: string;
}

/** A new entry claims no more than it must: an opinion, shared for the FVA's s20 purposes. */
const NEW_ENTRY: ResearchValues = { kind: 'OPINION', legalBasis: 'FVA_S20' };
const TEXT_FIELD = 'prep.text';
const TEXT_LABEL = 'Our notes on this family';
const TEXT_HINT = 'Only your agency sees this until you share it.';

/**
 * The user's agency's private preparation for the open item (its prep doc), and the explicit act
 * of sharing it into the meeting or withholding it. An item's entry is created by the first thing
 * typed or chosen, so merely opening items leaves nothing behind.
 */
export function PrepPanel({ prep, itemId, headingId }: Props) {
  const room = useRoom();
  const { me, meetingId } = room;
  const entry = usePrepEntry(prep.doc, itemId);
  const values = entry ?? NEW_ENTRY;
  const textId = fieldDomId(itemId, TEXT_FIELD);
  const kindId = fieldDomId(itemId, 'prep.kind');
  const basisId = fieldDomId(itemId, 'prep.legalBasis');

  // The text area's presence ("… is editing here") goes to the prep doc's awareness, seen only by
  // the agency's own people: the meeting's would tell every agency who is preparing on which family.
  const peers = usePeers(prep.awareness);
  const prepRoom = useMemo(() => ({ ...room, awareness: prep.awareness }), [room, prep.awareness]);
  useEffect(() => {
    setViewing(prep.awareness, itemId);
    return () => setViewing(prep.awareness, null);
  }, [prep.awareness, itemId]);

  // Text left out: setPrepEntry keeps the entry's text (or starts it empty).
  function update(change: Partial<ResearchValues>) {
    setPrepEntry(prep.doc, itemId, { kind: values.kind, legalBasis: values.legalBasis, ...change });
  }

  // The first keystroke creates the entry; the bound text area replaces this one within the same
  // event (flushSync) and takes over focus and caret, so the next keystroke lands in it.
  function startEntry(text: string) {
    flushSync(() => setPrepEntry(prep.doc, itemId, { ...NEW_ENTRY, text }));
    const bound = document.getElementById(textId);
    if (bound instanceof HTMLTextAreaElement) {
      bound.focus();
      bound.setSelectionRange(text.length, text.length);
    }
  }

  return (
    <section className="panel-section prep" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Our preparation — {me.agency.name} <span className="prep__private">(private to your agency)</span>
      </h3>
      {!prep.ready ? (
        <p className="muted" role="status">
          Loading your agency’s preparation…
        </p>
      ) : (
        <>
          <div className="prep__values">
            <div className="field">
              <label htmlFor={kindId}>Fact or opinion</label>
              <select id={kindId} value={values.kind} onChange={(e) => update({ kind: DisclosureKind.parse(e.target.value) })}>
                {DisclosureKind.options.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={basisId}>Legal basis for sharing</label>
              <select id={basisId} value={values.legalBasis} onChange={(e) => update({ legalBasis: LegalBasis.parse(e.target.value) })}>
                {LegalBasis.options.map((b) => (
                  <option key={b} value={b}>
                    {LEGAL_BASIS_LABELS[b]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {entry ? (
            <RoomContext value={prepRoom}>
              <PeersContext value={peers}>
                <CollabTextArea itemId={itemId} field={TEXT_FIELD} label={TEXT_LABEL} hint={TEXT_HINT} ytext={entry.text} maxLength={LIMITS.researchText} rows={4} />
              </PeersContext>
            </RoomContext>
          ) : (
            <div className="field collab-field">
              <label htmlFor={textId}>{TEXT_LABEL}</label>
              <p id={`${textId}-hint`} className="field-hint">
                {TEXT_HINT}
              </p>
              <textarea
                id={textId}
                className="collab-textarea"
                rows={4}
                maxLength={LIMITS.researchText}
                spellCheck
                aria-describedby={`${textId}-hint`}
                onChange={(e) => startEntry(e.target.value)}
              />
            </div>
          )}
        </>
      )}
      <DisclosureControls meetingId={meetingId} itemId={itemId} entry={entry} synced={prep.synced} />
    </section>
  );
}

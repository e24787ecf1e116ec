import { LIMITS, listResearch, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { agencyInfo } from '../agencies.js';
import { KIND_LABELS, LEGAL_BASIS_LABELS } from '../labels.js';
import { useRoom } from '../RoomContext.js';
import { CollabTextArea } from '../text/CollabTextArea.js';

/**
 * What each agency has shared on the family, with whether it is fact or opinion and the legal
 * basis for sharing it. An agency's information reaches the meeting only by sharing it from its
 * preparation (the disclosure on record), so here it is read, not written.
 */
export function ResearchList({ item, headingId }: { item: MeetingItem; headingId: string }) {
  const { prep, canEdit } = useRoom();
  const entries = listResearch(item);

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Agency information</h3>
      {entries.length === 0 && <p className="muted">No agency has shared anything on this family yet.</p>}
      {entries.map((entry) => {
        const info = agencyInfo(entry.agency);
        return (
          <article key={entry.agency} className="research">
            <div className="research__head">
              <span className="chip" style={{ background: info.color }}>
                {info.short}
              </span>
              <span className="research__agency">{info.name}</span>
              <span className="research__basis">
                <span className={`tag tag--${entry.kind.toLowerCase()}`}>{KIND_LABELS[entry.kind]}</span> {LEGAL_BASIS_LABELS[entry.legalBasis]}
              </span>
            </div>
            <CollabTextArea
              itemId={item.id}
              field={`research.${entry.agency}.text`}
              label={`${info.short}: what the agency holds`}
              ytext={entry.text}
              maxLength={LIMITS.researchText}
              readOnly
            />
          </article>
        );
      })}
      {prep && canEdit && <p className="field-hint">To add your agency’s information, write it in your preparation below and share it with the meeting.</p>}
    </section>
  );
}

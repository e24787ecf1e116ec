import { DisclosureKind, LegalBasis } from '../../../../shared/domain.js';
import { LIMITS, listResearch, removeResearch, setResearch, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { agencyInfo } from '../agencies.js';
import { CollabTextArea } from '../text/CollabTextArea.js';
import { fieldDomId } from '../decision/fieldIds.js';
import { KIND_LABELS, LEGAL_BASIS_LABELS } from '../labels.js';
import { useRoom } from '../RoomContext.js';

/**
 * What each agency shares on the family, with whether it is fact or opinion and the legal basis for
 * sharing it. Each representative writes their own agency's entry; everyone reads all of them.
 */
export function ResearchList({ item, headingId }: { item: MeetingItem; headingId: string }) {
  const { me, canEdit } = useRoom();
  const entries = listResearch(item);
  const own = me.agency.code;
  const hasOwn = entries.some((e) => e.agency === own);

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Agency information</h3>
      {entries.length === 0 && <p className="muted">No agency has shared anything on this family yet.</p>}
      {entries.map((entry) => {
        const info = agencyInfo(entry.agency);
        const mine = entry.agency === own && canEdit;
        const field = `research.${entry.agency}`;
        return (
          <article key={entry.agency} className="research">
            <div className="research__head">
              <span className="chip" style={{ background: info.color }}>
                {info.short}
              </span>
              <span className="research__agency">{info.name}</span>
              {mine ? (
                <>
                  <label className="visually-hidden" htmlFor={fieldDomId(item.id, `${field}.kind`)}>
                    Fact or opinion
                  </label>
                  <select
                    id={fieldDomId(item.id, `${field}.kind`)}
                    value={entry.kind}
                    onChange={(e) => setResearch(item, own, { kind: DisclosureKind.parse(e.target.value), legalBasis: entry.legalBasis })}
                  >
                    {DisclosureKind.options.map((k) => (
                      <option key={k} value={k}>
                        {KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                  <label className="visually-hidden" htmlFor={fieldDomId(item.id, `${field}.legalBasis`)}>
                    Legal basis for sharing
                  </label>
                  <select
                    id={fieldDomId(item.id, `${field}.legalBasis`)}
                    value={entry.legalBasis}
                    onChange={(e) => setResearch(item, own, { kind: entry.kind, legalBasis: LegalBasis.parse(e.target.value) })}
                  >
                    {LegalBasis.options.map((b) => (
                      <option key={b} value={b}>
                        {LEGAL_BASIS_LABELS[b]}
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <span className="research__basis">
                  <span className={`tag tag--${entry.kind.toLowerCase()}`}>{KIND_LABELS[entry.kind]}</span> {LEGAL_BASIS_LABELS[entry.legalBasis]}
                </span>
              )}
            </div>
            <CollabTextArea
              itemId={item.id}
              field={`${field}.text`}
              label={`${info.short}: what the agency holds`}
              ytext={entry.text}
              maxLength={LIMITS.researchText}
              readOnly={!mine}
            />
            {mine && (
              <button type="button" className="link-button" onClick={() => removeResearch(item, own)}>
                Remove {info.short} information
              </button>
            )}
          </article>
        );
      })}
      {canEdit && !hasOwn && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setResearch(item, own, { kind: 'FACT', legalBasis: 'FVA_S20' });
            // The button goes away with the click: carry keyboard focus on into the new entry.
            requestAnimationFrame(() => document.getElementById(fieldDomId(item.id, `research.${own}.text`))?.focus());
          }}
        >
          Add {agencyInfo(own).short} information
        </button>
      )}
    </section>
  );
}

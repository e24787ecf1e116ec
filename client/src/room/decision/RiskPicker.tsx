import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { RiskLevel } from '../../../../shared/domain.js';
import { RISK_LABELS } from '../labels.js';

export const RISK_KEYS: Record<string, RiskLevel> = { '1': 'LOW', '2': 'MEDIUM', '3': 'HIGH' };

interface Props {
  /** The id of the radio that takes focus (the error summary links here). */
  id: string;
  value: RiskLevel | null;
  band: RiskLevel | null;
  /** The level the family's latest decision at an earlier meeting set: going below it needs a rationale. */
  lastDecided: RiskLevel | null;
  invalid: { 'aria-invalid'?: true; 'aria-describedby'?: string };
  onChange(level: RiskLevel): void;
  /** After a choice made from the keyboard: the next field takes over. */
  onKeyboardDone(level: RiskLevel): void;
  /** The field's errors, under it. */
  children?: ReactNode;
}

/**
 * The risk level as three radios, offered from the tool band: Enter accepts the band (or keeps the
 * level chosen), 1/2/3 choose low, medium or high, arrows move. One tab stop (the chosen level,
 * else the band, else low).
 */
export function RiskPicker({ id, value, band, lastDecided, invalid, onChange, onKeyboardDone, children }: Props) {
  const radios = useRef(new Map<RiskLevel, HTMLButtonElement>());
  const tabStop = value ?? band ?? 'LOW';

  function choose(level: RiskLevel, fromKeyboard: boolean) {
    onChange(level);
    if (fromKeyboard) onKeyboardDone(level);
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, level: RiskLevel) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const i = RiskLevel.options.indexOf(level);
    const keyed = RISK_KEYS[event.key];
    if (keyed) choose(keyed, true);
    else if (event.key === 'Enter') {
      // With no band and nothing chosen, Enter records nothing: a level is a choice, never a default.
      const accepted = value ?? band;
      if (accepted) choose(accepted, true);
    }
    else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') radios.current.get(RiskLevel.options[Math.min(i + 1, 2)]!)?.focus();
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') radios.current.get(RiskLevel.options[Math.max(i - 1, 0)]!)?.focus();
    else return;
    event.preventDefault();
  }

  return (
    <div className="risk-picker field">
      <span id={`${id}-label`} className="risk-picker__label">
        Risk
      </span>
      <div
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={[`${id}-band`, invalid['aria-describedby']].filter(Boolean).join(' ')}
        aria-invalid={invalid['aria-invalid']}
        className="risk-picker__options"
      >
        {RiskLevel.options.map((level, i) => (
          <button
            key={level}
            id={level === tabStop ? id : undefined}
            ref={(el) => {
              if (el) radios.current.set(level, el);
              else radios.current.delete(level);
            }}
            type="button"
            role="radio"
            aria-checked={value === level}
            aria-keyshortcuts={String(i + 1)}
            tabIndex={level === tabStop ? 0 : -1}
            className={`risk-picker__option risk-picker__option--${level.toLowerCase()}${band === level ? ' risk-picker__option--band' : ''}`}
            onClick={() => choose(level, false)}
            onKeyDown={(e) => onKeyDown(e, level)}
          >
            <kbd aria-hidden="true">{i + 1}</kbd> {RISK_LABELS[level]}
          </button>
        ))}
      </div>
      <p id={`${id}-band`} className="field-hint">
        {band ? (
          <>
            Tool band: <strong className="risk-picker__band">{RISK_LABELS[band]}</strong>
            {!value && ' — Enter accepts it'}
          </>
        ) : (
          <>No tool band recorded{!value && ' — press 1, 2 or 3'}</>
        )}
        {lastDecided && (
          <span className="risk-picker__history">
            Last decided: <strong className="risk-picker__last">{RISK_LABELS[lastDecided]}</strong>
          </span>
        )}
      </p>
      {children}
    </div>
  );
}

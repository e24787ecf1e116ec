import { useCombobox } from 'downshift';
import { useEffect, useMemo, useRef, useState, type Ref } from 'react';

interface Props<T> {
  id: string;
  label: string;
  placeholder: string;
  /** The choices for what has been typed so far, best first. */
  choices(query: string): T[];
  itemKey(item: T): string;
  itemLabel(item: T): string;
  onPick(item: T): void;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** Shown under the field, e.g. the value chosen so far. */
  hint?: string;
  /** From errorProps: the field's rule errors, shown by the caller under the field. */
  invalid?: { 'aria-invalid'?: true; 'aria-describedby'?: string };
}

/**
 * A type-ahead picker (ARIA combobox, through downshift): type a few letters, Enter takes the
 * first choice, arrows move, Escape clears; a click lists every choice. The input empties after
 * each pick, ready for the next.
 *
 * Downshift never holds a selected item here: each pick (Enter, a click, leaving the field with a
 * choice highlighted) is taken from the state change itself and the selection cleared at once.
 * Holding it (or controlling it as null) made downshift's own sync wipe the first key typed after
 * a pick ("lead ot" arrived as "ead ot") and skip a pick equal to the last one.
 */
export function TypeAhead<T>({ id, label, placeholder, choices, itemKey, itemLabel, onPick, disabled = false, inputRef, hint, invalid }: Props<T>) {
  // The query feeds the choices only: downshift owns the input's value, so fast typing never races React.
  const [query, setQuery] = useState('');
  const items = useMemo(() => choices(query), [choices, query]);
  // Set by the state reducer (which may run more than once for one change: the same item again),
  // taken by the effect after that change renders.
  const picked = useRef<{ item: T } | null>(null);
  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps } = useCombobox<T>({
    id,
    inputId: id,
    items,
    defaultHighlightedIndex: 0,
    itemToString: (item) => (item ? itemLabel(item) : ''),
    stateReducer: (_state, { changes }) => {
      if (changes.selectedItem === undefined || changes.selectedItem === null) return changes;
      picked.current = { item: changes.selectedItem };
      return { ...changes, selectedItem: null, inputValue: '' };
    },
    onInputValueChange: ({ inputValue }) => setQuery(inputValue),
  });
  useEffect(() => {
    const pick = picked.current;
    if (!pick) return;
    picked.current = null;
    onPick(pick.item);
  });
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, invalid?.['aria-describedby']].filter(Boolean).join(' ') || undefined;

  return (
    <div className="type-ahead field">
      <label {...getLabelProps()}>{label}</label>
      <input
        {...getInputProps({
          ref: inputRef, placeholder, disabled,
          'aria-describedby': describedBy, 'aria-invalid': invalid?.['aria-invalid'],
        })}
        className="type-ahead__input"
        autoComplete="off"
        spellCheck={false}
      />
      {hint && (
        <p id={hintId} className="field-hint type-ahead__hint">
          {hint}
        </p>
      )}
      <ul {...getMenuProps()} className={`type-ahead__menu${isOpen && items.length > 0 ? ' type-ahead__menu--open' : ''}`}>
        {isOpen &&
          items.map((item, index) => (
            <li
              key={itemKey(item)}
              className={`type-ahead__option${highlightedIndex === index ? ' type-ahead__option--active' : ''}`}
              {...getItemProps({ item, index })}
            >
              {itemLabel(item)}
            </li>
          ))}
      </ul>
    </div>
  );
}

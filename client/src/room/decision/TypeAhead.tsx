import { useCombobox } from 'downshift';
import { useMemo, useState, type Ref } from 'react';

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
 */
export function TypeAhead<T>({ id, label, placeholder, choices, itemKey, itemLabel, onPick, disabled = false, inputRef, hint, invalid }: Props<T>) {
  // The query feeds the choices only: downshift owns the input's value, so fast typing never races React.
  const [query, setQuery] = useState('');
  const items = useMemo(() => choices(query), [choices, query]);
  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps } = useCombobox<T>({
    id,
    inputId: id,
    items,
    selectedItem: null,
    defaultHighlightedIndex: 0,
    itemToString: (item) => (item ? itemLabel(item) : ''),
    // After a pick the box empties, ready for the next, instead of showing the pick's label.
    stateReducer: (_state, { type, changes }) =>
      type === useCombobox.stateChangeTypes.InputKeyDownEnter || type === useCombobox.stateChangeTypes.ItemClick ? { ...changes, inputValue: '' } : changes,
    onInputValueChange: ({ inputValue }) => setQuery(inputValue),
    onSelectedItemChange: ({ selectedItem }) => {
      if (selectedItem !== null) onPick(selectedItem);
    },
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

import { useEffect, useRef } from 'react';

interface Props {
  open: boolean;
  isChair: boolean;
  onClose(): void;
}

const ROWS: { keys: string; does: string; chair?: boolean }[] = [
  { keys: '?', does: 'Show or hide this help' },
  { keys: 'D', does: 'Go to the open item’s decision (also from the triage list)' },
  { keys: '1 / 2 / 3', does: 'Risk level low / medium / high (on the risk buttons, or anywhere outside a text field)' },
  { keys: 'Enter', does: 'On the risk buttons: accept the tool band' },
  { keys: 'P', does: 'Go to the pathway picker; type e.g. "lead pol" and press Enter for a lead agency response led by Police' },
  { keys: 'L', does: 'Go to the lead agency picker' },
  { keys: 'A', does: 'Go to the action picker; type e.g. "home visit" or "ot safety plan" and press Enter' },
  { keys: 'Ctrl+Enter', does: 'Finalize the open item and go to the next undecided one', chair: true },
  { keys: '↑ ↓, Enter', does: 'In the triage list: move, and open an item' },
  { keys: 'F / X', does: 'In the triage list: set the focus / select for bulk decisions', chair: true },
];

/** The room's keys, one key away (?). A modal <dialog>: Escape or the button closes it. */
export function KeyboardHelp({ open, isChair, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="keyboard-help" aria-labelledby="keyboard-help-heading" onClose={onClose}>
      <h2 id="keyboard-help-heading">Keyboard</h2>
      <table>
        <tbody>
          {ROWS.filter((r) => isChair || !r.chair).map((r) => (
            <tr key={r.keys}>
              <th scope="row">
                <kbd>{r.keys}</kbd>
              </th>
              <td>{r.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}

import type { ControlConnection } from './useControlPlane.js';
import type { ContentStatus } from './useMeetingDoc.js';
import './sync.css';

interface Props {
  content: ContentStatus;
  unsent: boolean;
  control: ControlConnection;
}

/**
 * Whether what you type is reaching everyone. Offline is calm, not alarming: edits are kept on
 * this device and sent when the connection returns.
 */
export function ConnectionBadge({ content, unsent, control }: Props) {
  let tone: 'ok' | 'warn' | 'bad';
  let text: string;
  switch (content) {
    case 'connected':
      tone = control === 'connected' ? 'ok' : 'warn';
      text = control === 'connected' ? 'Connected' : 'Connected · meeting controls reconnecting…';
      break;
    case 'connecting':
      tone = 'warn';
      text = 'Connecting…';
      break;
    case 'reconnecting':
      tone = 'warn';
      text = 'Reconnecting… your changes are kept on this device';
      break;
    case 'offline':
      tone = 'warn';
      text = 'Offline — your changes are kept on this device and sent when you’re back';
      break;
    case 'ended':
      tone = 'bad';
      text = 'Disconnected by the server';
      break;
  }
  if (unsent && content === 'connected') text += ' · sending your changes…';
  return (
    <p className={`connection connection--${tone}`} role="status" data-state={content} data-control={control}>
      <span className="connection__dot" aria-hidden="true" />
      {text}
    </p>
  );
}

import { Component, type ReactNode } from 'react';

interface Props {
  /** Another key (another item opened) clears the error. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  failed: boolean;
  key: string;
}

/**
 * Keeps one broken item from taking the room down: the accessors throw for an item whose shape a
 * client corrupted until the server repairs it, and the repair arrives moments later.
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { failed: false, key: props.resetKey };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="panel panel--empty" role="alert">
        <p>This item can’t be shown right now — it is being repaired. Try again in a moment.</p>
        <button type="button" className="button button--small" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}

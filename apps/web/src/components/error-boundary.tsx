import { Component, type ReactNode } from 'react';
import { ErrorMessage } from './common.js';

interface State {
  error: unknown;
}

/**
 * Catches what a screen throws while rendering — most often a lazily loaded screen that could
 * not be fetched while offline — and offers a reload instead of a blank page.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    // Navigating elsewhere clears the error.
    if (previous.resetKey !== this.props.resetKey && this.state.error)
      this.setState({ error: null });
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="page narrow">
          <ErrorMessage error={this.state.error} onRetry={() => window.location.reload()} />
        </div>
      );
    }
    return this.props.children;
  }
}

import type { Prediction } from './gallery.js';

/**
 * What the page exposes as `window.__wrn` for scripts and end-to-end tests: the adapter, the model, the
 * predictions for the bundled images, the last classified input and its logits, and the losses of the last
 * training run.
 *
 * @example
 * const { state, predictions } = window.__wrn;
 */
export interface PageState {
  state: 'starting' | 'ready' | 'busy' | 'error';
  adapter: string;
  model: string;
  /** The current model's predictions for the bundled test images, in their order (empty until made). */
  predictions: Prediction[];
  /** The last classified image as the model's input (NCHW, normalised). */
  lastInput: number[];
  /** Its logits, `[classes]`. */
  lastLogits: number[];
  /** Mean training loss per step of the last training run. */
  losses: number[];
  error: string;
}

declare global {
  interface Window {
    __wrn: PageState;
  }
}

/**
 * The page's state object, created once and published on `window.__wrn`; `document.body.dataset.state` mirrors
 * `state`, so tests can wait on a selector.
 *
 * @example
 * setState({ state: 'busy' });
 */
export const pageState: PageState = {
  state: 'starting',
  adapter: '',
  model: '',
  predictions: [],
  lastInput: [],
  lastLogits: [],
  losses: [],
  error: '',
};
window.__wrn = pageState;

/**
 * Updates the page state and the `data-state` attribute on `<body>`.
 *
 * @example
 * setState({ state: 'ready', model: 'WRN-10-1' });
 */
export function setState(update: Partial<PageState>): void {
  Object.assign(pageState, update);
  document.body.dataset.state = pageState.state;
}

/**
 * An AbortSignal that fires on the first SIGINT or SIGTERM, so {@link train} can save `last.safetensors` after the
 * current step and return. A second signal exits at once (the last complete checkpoint stays valid: writes are atomic).
 *
 * @example
 * const { signal, dispose } = abortOnSignals();
 * try { await train({ ...options, signal }) } finally { dispose() }
 */
export function abortOnSignals(onFirst: (signal: NodeJS.Signals) => void = () => {}): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const handler = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    onFirst(name);
    controller.abort(new Error(`received ${name}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

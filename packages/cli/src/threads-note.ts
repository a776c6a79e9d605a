/**
 * What `--threads` means for this run, for `wrn train`'s startup line: empty unless the runtime really trains on
 * several wasm instances (tfjs wasm; with native TensorFlow or another runtime the flag does not apply).
 *
 * @example
 * threadsNote(2, { name: 'tfjs', backend: 'wasm' });
 * // ' on 2 threads (BatchNorm statistics synchronised across threads: the same math as 1 thread)'
 */
export function threadsNote(threads: number | undefined, runtime: { name: string; backend: string }): string {
  if (!threads || threads < 2 || runtime.name !== 'tfjs' || runtime.backend !== 'wasm') return '';
  return ` on ${threads} threads (BatchNorm statistics synchronised across threads: the same math as 1 thread)`;
}

import { EXIT_CODES, UserError } from './errors.js';
import { loadRuntime, RUNTIME_NAMES, type RuntimeName } from './runtime-loader.js';

/**
 * One `--runtime` list entry: a runtime and optionally its backend (`tfjs/wasm`).
 *
 * @example
 * parseRuntimeList('reference,tfjs/wasm'); // [{ name: 'reference' }, { name: 'tfjs', backend: 'wasm' }]
 */
export function parseRuntimeList(list: string): { name: RuntimeName; backend?: string }[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [name, backend] = item.split('/') as [string, string | undefined];
      if (!RUNTIME_NAMES.includes(name as RuntimeName)) {
        throw new UserError(
          `--runtime: unknown runtime '${name}'; use a comma-separated list of ${RUNTIME_NAMES.join(', ')} (optionally name/backend, e.g. tfjs/wasm)`,
          EXIT_CODES.usage,
        );
      }
      return backend ? { name: name as RuntimeName, backend } : { name: name as RuntimeName };
    });
}

/**
 * Every runtime/backend that may run on this machine, in the order the CLI tries them.
 *
 * @example
 * DEFAULT_RUNTIMES; // 'reference,tfjs/wasm,onnx'
 */
// tfjs/cpu (slow) and webgpu (needs an adapter; SwiftShader here) run when named.
export const DEFAULT_RUNTIMES = 'reference,tfjs/wasm,onnx';

/**
 * A factory for a runtime entry, loading its package lazily.
 *
 * @example
 * const factory = runtimeFactory({ name: 'tfjs', backend: 'wasm' });
 */
export function runtimeFactory(
  entry: { name: RuntimeName; backend?: string },
  options: { threads?: number; verbose?: boolean } = {},
) {
  return () => loadRuntime(entry.name, entry.backend, options);
}

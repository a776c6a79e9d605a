import type { ConformanceExclusion, ConformanceTimeLimit, Runtime } from '@wrn/core';
import type { OnnxBinding, OnnxRuntimeOptions } from '@wrn/runtime-onnx/node';
import { EXIT_CODES, UserError } from './errors.js';
import { checkOnnxProviders, onnxRuntimeOptions } from './onnx-backend.js';

/** Runtimes the CLI can load, each from its own package (loaded only when asked for). */
export const RUNTIME_NAMES = ['tfjs', 'webgpu', 'onnx', 'reference'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

const PACKAGES: Record<RuntimeName, string> = {
  tfjs: '@wrn/runtime-tfjs',
  webgpu: '@wrn/runtime-webgpu',
  onnx: '@wrn/runtime-onnx',
  reference: '@wrn/runtime-reference',
};

/**
 * Checks a `--runtime` value.
 *
 * @example
 * runtimeName('tfjs'); // 'tfjs'
 */
export function runtimeName(
  value: string | undefined,
  fallback: RuntimeName,
  allowed: readonly RuntimeName[] = RUNTIME_NAMES,
): RuntimeName {
  const name = (value ?? fallback) as RuntimeName;
  if (!allowed.includes(name))
    throw new UserError(`--runtime must be one of ${allowed.join(', ')}, got '${value}'`, EXIT_CODES.usage);
  return name;
}

/**
 * Loads a runtime lazily by name, so commands that need none (summary) never load TensorFlow.js. A missing package
 * or an unusable backend becomes one message naming the fix, with exit code 3. For onnx, `backend` is an execution
 * provider or a comma-separated preference list and `threads` onnxruntime's intra-op threads (see
 * `onnxRuntimeOptions`); `verbose` keeps onnxruntime's own log.
 *
 * @example
 * const runtime = await loadRuntime('tfjs', 'wasm', { threads: 2 });
 * const onnx = await loadRuntime('onnx', 'cuda,cpu', { threads: 4 });
 */
export async function loadRuntime(
  name: RuntimeName,
  backend?: string,
  options: { threads?: number; verbose?: boolean } = {},
): Promise<Runtime> {
  let module: Record<string, unknown>;
  try {
    module = await importRuntimePackage(name);
  } catch (error) {
    throw new UserError(
      `runtime '${name}' is not installed (${(error as Error).message}); run: npm install ${PACKAGES[name]}`,
      EXIT_CODES.runtimeUnavailable,
    );
  }
  if (name === 'onnx') return loadOnnx(module, backend, options);
  try {
    if (name === 'tfjs') {
      const create = module.createTfjsRuntime as (options: {
        backend?: string;
        threads?: number;
      }) => Promise<Runtime>;
      return await create({
        backend: backend ?? 'auto',
        ...(options.threads ? { threads: options.threads } : {}),
      });
    }
    if (name === 'webgpu') return await (module.createWebGpuRuntime as () => Promise<Runtime>)();
    return (module.createReferenceRuntime as () => Runtime)();
  } catch (error) {
    throw unusable(name, backend, error);
  }
}

/** The onnx runtime on the providers `backend` names, each checked first so a missing one names its fix. */
async function loadOnnx(
  module: Record<string, unknown>,
  backend: string | undefined,
  options: { threads?: number; verbose?: boolean },
): Promise<Runtime> {
  const runtimeOptions = onnxRuntimeOptions(backend, options.threads);
  let ort: OnnxBinding;
  try {
    ort = await (module.loadOnnxRuntime as () => Promise<OnnxBinding>)();
  } catch (error) {
    throw unusable('onnx', backend, error);
  }
  await checkOnnxProviders(ort, runtimeOptions.executionProviders ?? [], { verbose: options.verbose });
  try {
    return await (module.createOnnxRuntime as (options: OnnxRuntimeOptions) => Promise<Runtime>)(
      runtimeOptions,
    );
  } catch (error) {
    throw unusable('onnx', backend, error);
  }
}

/** The exit-3 error for a runtime whose package loaded but which cannot run here. */
function unusable(name: RuntimeName, backend: string | undefined, error: unknown): UserError {
  return new UserError(
    `runtime '${name}'${backend ? ` (backend ${backend})` : ''} is not usable here: ${(error as Error).message}`,
    EXIT_CODES.runtimeUnavailable,
  );
}

/**
 * The conformance exclusions and time limits a runtime package exports (each with its reason, some for one backend
 * only), so `wrn conformance` skips and times what the package's own tests do.
 *
 * @example
 * await conformancePolicy('onnx'); // { exclude: [{ case: 'training-forward', reason: '...' }, ...], timeLimits: [] }
 */
export async function conformancePolicy(
  name: RuntimeName,
): Promise<{ exclude: ConformanceExclusion[]; timeLimits: ConformanceTimeLimit[] }> {
  try {
    const module = (await importRuntimePackage(name)) as {
      CONFORMANCE_EXCLUSIONS?: readonly ConformanceExclusion[];
      CONFORMANCE_TIME_LIMITS?: readonly ConformanceTimeLimit[];
    };
    return {
      exclude: [...(module.CONFORMANCE_EXCLUSIONS ?? [])], // a package without the export excludes nothing
      timeLimits: [...(module.CONFORMANCE_TIME_LIMITS ?? [])], // and has no limits beyond the suite's
    };
  } catch {
    return { exclude: [], timeLimits: [] }; // not installed: the suite reports the runtime's load failure itself
  }
}

/** Imports a runtime's package (its Node entry where it has one). */
function importRuntimePackage(name: RuntimeName): Promise<Record<string, unknown>> {
  return import(name === 'onnx' ? `${PACKAGES[name]}/node` : PACKAGES[name]) as Promise<
    Record<string, unknown>
  >;
}

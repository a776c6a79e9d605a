import type { ConformanceExclusion, ConformanceTimeLimit, Runtime } from '@wrn/core';
import { EXIT_CODES, UserError } from './errors.js';

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
 * or an unusable backend becomes one message naming the fix, with exit code 3.
 *
 * @example
 * const runtime = await loadRuntime('tfjs', 'wasm', { threads: 2 });
 */
export async function loadRuntime(
  name: RuntimeName,
  backend?: string,
  options: { threads?: number } = {},
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
    if (name === 'onnx') {
      const providers = backend ? backend.split(',') : undefined;
      return await (module.createOnnxRuntime as (options: object) => Promise<Runtime>)(
        providers ? { executionProviders: providers } : {},
      );
    }
    return (module.createReferenceRuntime as () => Runtime)();
  } catch (error) {
    throw new UserError(
      `runtime '${name}'${backend ? ` (backend ${backend})` : ''} is not usable here: ${(error as Error).message}`,
      EXIT_CODES.runtimeUnavailable,
    );
  }
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

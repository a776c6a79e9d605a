import { expandGraph, validateModelSpec, type ModelSpec } from '@wrn/spec';
import { checkedExecutor, onDispose } from './checked-executor.js';
import type { InferenceExecutor } from './inference-executor.js';
import { checkCompileOptions } from './input-checks.js';
import { throwIfProblems } from './input-error.js';
import type { CompileOptions, Runtime } from './runtime.js';

/** Runtimes already checked, so wrapping twice is harmless. */
const checkedRuntimes = new WeakSet<object>();

/**
 * Wraps a runtime so `compile` validates the spec and the options (weights, optimizer) with the shared checks and
 * returns a {@link checkedExecutor}; `dispose()` disposes every executor still open, then the runtime's own
 * resources, and a later `compile` throws the shared {@link InputError}. Every @wrn runtime returns itself wrapped.
 *
 * @example
 * return checkedRuntime({ name: 'reference', backend: 'float64', capabilities, compile, dispose() {} });
 */
export function checkedRuntime<R extends Runtime<InferenceExecutor>>(runtime: R): R {
  if (checkedRuntimes.has(runtime)) return runtime;
  const open = new Set<InferenceExecutor>();
  let disposed = false;
  const checked = {
    ...runtime,
    async compile(spec: ModelSpec, options: CompileOptions = {}) {
      // No options: the runtime's own defaults (initWeights(spec, seed), the paper's optimizer, seed 0).
      if (disposed)
        throwIfProblems('compile()', ['the runtime was disposed'], `create a new ${runtime.name} runtime`);
      validateModelSpec(spec);
      checkCompileOptions(spec, expandGraph(spec).parameters, options);
      const executor = checkedExecutor(await runtime.compile(spec, options));
      open.add(executor);
      onDispose(executor, () => open.delete(executor));
      return executor;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const executor of [...open]) executor.dispose();
      await runtime.dispose();
    },
  } as R; // the same runtime, its compile returning the checked form of the same executor type

  checkedRuntimes.add(checked);
  return checked;
}

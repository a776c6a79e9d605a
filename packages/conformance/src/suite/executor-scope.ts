import type { CompileOptions, Executor, Runtime } from '@wrn/core';
import type { ModelSpec } from '@wrn/spec';
import { nextMacrotask } from './next-macrotask.js';

/**
 * Compiles executors for one case and disposes every one of them afterwards, whether the case passed or threw. Each
 * compile first yields to the event loop ({@link nextMacrotask}), so the reference's synchronous work before it and
 * the executor's after it are never one unbroken stretch.
 *
 * @example
 * await withExecutors(runtime, async (compile) => {
 *   const executor = await compile(spec, { weights });
 *   await executor.forward(images, 1);
 * });
 */
export async function withExecutors<T>(
  runtime: Runtime,
  body: (compile: (spec: ModelSpec, options?: CompileOptions) => Promise<Executor>) => Promise<T>,
): Promise<T> {
  const executors: Executor[] = [];
  try {
    return await body(async (spec, options) => {
      await nextMacrotask();
      const executor = await runtime.compile(spec, options);
      executors.push(executor);
      return executor;
    });
  } finally {
    for (const executor of executors) executor.dispose();
  }
}

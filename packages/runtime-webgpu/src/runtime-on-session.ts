import { checkedRuntime, type CompileOptions, type TrainableExecutor } from '@wrn/core';
import { createTfjsBackendRuntime } from '@wrn/runtime-tfjs';
import type { ModelSpec } from '@wrn/spec';
import { acquireGpuSession, BACKEND_NAME, releaseGpuSession } from './gpu-session.js';
import type { WebGpuRuntime, WebGpuRuntimeOptions } from './webgpu-runtime.js';

/**
 * The name this runtime reports; users pick runtimes by it.
 *
 * @example
 * (await createWebGpuRuntime()).name === RUNTIME_NAME; // 'webgpu'
 */
export const RUNTIME_NAME = 'webgpu';

/**
 * Builds the WebGPU runtime on the GPU `getGpu` returns: opens (or shares) the device, registers it as tfjs's
 * `webgpu` backend and reuses @wrn/runtime-tfjs's compiled graph and training step on it.
 *
 * @example
 * const runtime = await createRuntimeOnGpu(async () => navigator.gpu, 'browser', {});
 */
export async function createRuntimeOnGpu(
  getGpu: () => Promise<GPU>,
  where: 'browser' | 'node',
  options: WebGpuRuntimeOptions,
): Promise<WebGpuRuntime> {
  const session = await acquireGpuSession(getGpu, where, options);
  let base;
  try {
    base = await createTfjsBackendRuntime({ runtimeName: RUNTIME_NAME, backend: BACKEND_NAME });
  } catch (error) {
    releaseGpuSession(session);
    throw error;
  }
  // The shared wrapper refuses compile after dispose and disposes the open executors before the session goes.
  return checkedRuntime<WebGpuRuntime>({
    name: base.name,
    backend: base.backend,
    capabilities: base.capabilities,
    adapter: session.adapter,
    async compile(spec: ModelSpec, compileOptions?: CompileOptions): Promise<TrainableExecutor> {
      if (session.lostReason !== undefined) {
        throw new Error(`The WebGPU device was lost (${session.lostReason}); create a new runtime`);
      }
      return base.compile(spec, compileOptions);
    },
    async dispose(): Promise<void> {
      await base.dispose();
      releaseGpuSession(session);
    },
  });
}

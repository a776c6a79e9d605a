import { createDawnGpu } from './node-gpu.js';
import { createRuntimeOnGpu } from './runtime-on-session.js';
import type { WebGpuRuntime, WebGpuRuntimeOptions } from './webgpu-runtime.js';

export type { WebGpuAdapterDescription, WebGpuRuntime, WebGpuRuntimeOptions } from './webgpu-runtime.js';
export { swiftShaderEnvironment } from './swiftshader-environment.js';
export { RUNTIME_NAME } from './runtime-on-session.js';
export { CONFORMANCE_EXCLUSIONS, CONFORMANCE_TIME_LIMITS } from './conformance-exclusions.js';

/**
 * A WRN runtime on WebGPU. In Node the GPU comes from Dawn (the `webgpu` package; `dawnFlags` go to its
 * `create()`), or from `navigator.gpu` where the platform has one; in browsers (the `browser` export condition)
 * from `navigator.gpu`. Call `dispose()` when done so the device is released and Node can exit.
 *
 * @example
 * import { createWebGpuRuntime } from '@wrn/runtime-webgpu';
 * import { wrn } from '@wrn/spec';
 * const runtime = await createWebGpuRuntime({ powerPreference: 'high-performance' });
 * const executor = await runtime.compile(wrn({ depth: 16, widenFactor: 4 }));
 * const logits = await executor.forward(images, 8);
 * await runtime.dispose();
 */
export async function createWebGpuRuntime(options: WebGpuRuntimeOptions = {}): Promise<WebGpuRuntime> {
  const platformGpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  const getGpu = async (): Promise<GPU> =>
    options.gpu ?? platformGpu ?? createDawnGpu(options.dawnFlags ?? []); // no flags: Dawn picks its default backend;
  return createRuntimeOnGpu(getGpu, 'node', options);
}

import { noWebGpuError } from './no-adapter-error.js';
import { createRuntimeOnGpu } from './runtime-on-session.js';
import type { WebGpuRuntime, WebGpuRuntimeOptions } from './webgpu-runtime.js';

export type { WebGpuAdapterDescription, WebGpuRuntime, WebGpuRuntimeOptions } from './webgpu-runtime.js';
export { RUNTIME_NAME } from './runtime-on-session.js';
export { CONFORMANCE_EXCLUSIONS, CONFORMANCE_TIME_LIMITS } from './conformance-exclusions.js';

/**
 * Browsers have no Dawn process environment to set up; there is nothing to return.
 *
 * @example
 * swiftShaderEnvironment(); // undefined in a browser
 */
export function swiftShaderEnvironment(
  _chromiumFolder?: string,
  _baseEnvironment?: Record<string, string | undefined>,
): Record<string, string> | undefined {
  return undefined;
}

/**
 * A WRN runtime on the browser's WebGPU (`navigator.gpu`, or `options.gpu`). Call `dispose()` to release the device.
 *
 * @example
 * import { createWebGpuRuntime } from '@wrn/runtime-webgpu';
 * const runtime = await createWebGpuRuntime();
 * const executor = await runtime.compile(spec, { weights });
 * const logits = await executor.forward(images, 1);
 */
export async function createWebGpuRuntime(options: WebGpuRuntimeOptions = {}): Promise<WebGpuRuntime> {
  const getGpu = async (): Promise<GPU> => {
    const gpu = options.gpu ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
    if (gpu === undefined) throw noWebGpuError();
    return gpu;
  };
  return createRuntimeOnGpu(getGpu, 'browser', options);
}

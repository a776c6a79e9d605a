import type { TrainableRuntime } from '@wrn/core';

/**
 * Options of `createWebGpuRuntime`.
 *
 * @example
 * const runtime = await createWebGpuRuntime({ powerPreference: 'low-power', dawnFlags: ['backend=vulkan'] });
 */
export interface WebGpuRuntimeOptions {
  /** Which GPU to ask for when a machine has two; default `'high-performance'` (training wants the discrete GPU). */
  powerPreference?: GPUPowerPreference;
  /**
   * Node only: flags for Dawn's `create()` from the `webgpu` package, e.g. `['backend=vulkan']`,
   * `['adapter=SwiftShader Device (Subzero)']` or `['enable-dawn-features=allow_unsafe_apis']`; default none.
   */
  dawnFlags?: readonly string[];
  /** A `GPU` object to use instead of `navigator.gpu` (browser) or Dawn's `create(dawnFlags)` (Node). */
  gpu?: GPU;
}

/**
 * Facts about the adapter in use, as the WebGPU implementation reports them.
 *
 * @example
 * console.log(`${runtime.adapter.vendor} ${runtime.adapter.description}`); // "google SwiftShader driver 5.0.0"
 */
export interface WebGpuAdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

/**
 * A trainable runtime on WebGPU that owns a GPU device. Call `dispose()` when done: it releases the device's
 * buffers and the device itself, which Node needs before it can exit.
 *
 * @example
 * const runtime = await createWebGpuRuntime();
 * try {
 *   const executor = await runtime.compile(wrn({ depth: 10, widenFactor: 1 }));
 *   console.log(await executor.forward(images, 1));
 * } finally {
 *   await runtime.dispose();
 * }
 */
export interface WebGpuRuntime extends TrainableRuntime {
  readonly adapter: WebGpuAdapterDescription;
  /** Releases this runtime's hold on the device; the device is destroyed when the last runtime on it lets go. */
  dispose(): Promise<void>;
}

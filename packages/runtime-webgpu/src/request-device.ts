import type { WebGpuAdapterDescription } from './webgpu-runtime.js';

/**
 * Opens a device on `adapter` with the adapter's own limits for the limits tfjs's kernels lean on
 * (large storage buffers for wide layers, big workgroups), as tfjs's own registration does;
 * the WebGPU defaults (128 MiB bindings) are too small for WRN-28-10 activations at training batch sizes.
 *
 * @example
 * const device = await requestDevice(adapter);
 */
export async function requestDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const limits = adapter.limits;
  return adapter.requestDevice({
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
}

/**
 * The adapter's self-description in plain strings (empty where the implementation withholds a field).
 *
 * @example
 * describeAdapter(adapter.info); // { vendor: 'google', architecture: 'swiftshader', ... }
 */
export function describeAdapter(info: GPUAdapterInfo | undefined): WebGpuAdapterDescription {
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
  };
}

/**
 * The adapter's `GPUAdapterInfo`: `adapter.info` (current WebGPU), or `requestAdapterInfo()` on browsers from
 * before `info` existed; `undefined` when neither is offered.
 *
 * @example
 * const info = await adapterInfo(adapter);
 */
export async function adapterInfo(adapter: GPUAdapter): Promise<GPUAdapterInfo | undefined> {
  const withInfo = adapter as GPUAdapter & {
    info?: GPUAdapterInfo;
    requestAdapterInfo?: () => Promise<GPUAdapterInfo>;
  };
  return withInfo.info ?? (await withInfo.requestAdapterInfo?.());
}

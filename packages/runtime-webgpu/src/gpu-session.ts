import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { noAdapterError } from './no-adapter-error.js';
import { withNavigatorGpu } from './navigator-gpu.js';
import { adapterInfo, describeAdapter, requestDevice } from './request-device.js';
import { explainSynchronousReads } from './synchronous-reads.js';
import type { WebGpuAdapterDescription } from './webgpu-runtime.js';

/**
 * tfjs's backend name; its WebGPU kernels are registered under it.
 *
 * @example
 * tf.getBackend() === BACKEND_NAME; // true while a WebGPU runtime computes
 */
export const BACKEND_NAME = 'webgpu';
/** Below `cpu` (1): creating this runtime must not change the backend tfjs picks for code that names none. */
const BACKEND_PRIORITY = 0;

/**
 * One GPU device, registered as tfjs's `webgpu` backend, shared by every runtime alive in this realm
 * (tfjs has one engine per realm, so there is one `webgpu` backend at a time).
 *
 * @example
 * const session = await acquireGpuSession(() => navigator.gpu, 'browser', options);
 * releaseGpuSession(session);
 */
export interface GpuSession {
  readonly device: GPUDevice;
  readonly adapter: WebGpuAdapterDescription;
  holders: number;
  /** Set when the device was lost; a lost session is never handed out again. */
  lostReason?: string;
  /** Keeps Dawn's GPU object referenced while the device lives. */
  readonly gpu: GPU;
}

let live: GpuSession | undefined;
let opening: Promise<GpuSession> | undefined;

async function openSession(
  gpu: GPU,
  where: 'browser' | 'node',
  options: { powerPreference?: GPUPowerPreference; dawnFlags?: readonly string[] },
): Promise<GpuSession> {
  // Training wants the discrete GPU where a machine has two.
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
  } catch (error) {
    // Dawn throws (listing the adapters it has) when an `adapter=` or `backend=` flag matches none of them.
    throw noAdapterError(where, options.dawnFlags, error);
  }
  if (!adapter) throw noAdapterError(where, options.dawnFlags);
  const info = await adapterInfo(adapter);
  const device = await requestDevice(adapter);
  const session: GpuSession = { device, adapter: describeAdapter(info), holders: 0, gpu };
  void device.lost.then((info) => {
    session.lostReason = `${info.reason}: ${info.message}`;
  });
  const backend = withNavigatorGpu(gpu, () => new WebGPUBackend(device, info));
  explainSynchronousReads(backend);
  if (tf.findBackendFactory(BACKEND_NAME) !== null) tf.removeBackend(BACKEND_NAME);
  tf.registerBackend(BACKEND_NAME, () => backend, BACKEND_PRIORITY);
  if (!(await tf.setBackend(BACKEND_NAME))) {
    tf.removeBackend(BACKEND_NAME);
    device.destroy();
    throw new Error(
      `tfjs could not initialise its ${BACKEND_NAME} backend on ${session.adapter.description}`,
    );
  }
  return session;
}

/**
 * Returns the live session (one more holder), or opens one on the GPU `getGpu` returns.
 * While a session is alive, later calls share its device and their adapter options do not apply.
 *
 * @example
 * const session = await acquireGpuSession(async () => navigator.gpu, 'browser', {});
 */
export async function acquireGpuSession(
  getGpu: () => Promise<GPU>,
  where: 'browser' | 'node',
  options: { powerPreference?: GPUPowerPreference; dawnFlags?: readonly string[] },
): Promise<GpuSession> {
  if (live === undefined || live.lostReason !== undefined) {
    opening ??= getGpu()
      .then((gpu) => openSession(gpu, where, options))
      .finally(() => {
        opening = undefined;
      });
    live = await opening;
  }
  live.holders += 1;
  return live;
}

/**
 * Drops one holder; the last one removes tfjs's `webgpu` backend (releasing every GPU buffer it pooled)
 * and destroys the device, after which a Node process can exit.
 *
 * @example
 * releaseGpuSession(session);
 */
export function releaseGpuSession(session: GpuSession): void {
  session.holders -= 1;
  if (session.holders > 0) return;
  if (session === live) {
    live = undefined;
    if (tf.findBackendFactory(BACKEND_NAME) !== null) tf.removeBackend(BACKEND_NAME);
  }
  session.device.destroy();
}

import type { InferenceSession } from 'onnxruntime-node';

/**
 * The session settings {@link createOnnxRuntime} exposes (a subset of onnxruntime's `SessionOptions`).
 *
 * @example
 * const options: OnnxSessionOptions = { intraOpNumThreads: 2, graphOptimizationLevel: 'all' };
 */
export interface OnnxSessionOptions {
  /** Threads one operator may use; 0 lets onnxruntime pick (one per physical core). */
  intraOpNumThreads?: number;
  /** Threads running independent operators in parallel (only with `executionMode: 'parallel'`). */
  interOpNumThreads?: number;
  /** How far onnxruntime rewrites the graph: `all` includes conv fusions and the NCHWc layout transform. */
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'layout' | 'all';
  /** Pools CPU allocations across runs. */
  enableCpuMemArena?: boolean;
  /** Plans intermediate buffers once per input shape. */
  enableMemPattern?: boolean;
  executionMode?: 'sequential' | 'parallel';
  /** Whether idle worker threads spin (`session.intra_op.allow_spinning`); spinning burns CPU between runs. */
  allowSpinning?: boolean;
  /** Raw session configuration entries, e.g. `{ session: { set_denormal_as_zero: '1' } }`. */
  extra?: Record<string, unknown>;
}

/**
 * Defaults measured with `npm run bench` (see the README): full graph optimisation (conv+activation fusions and
 * the NCHWc layout transform), sequential execution, memory arena and patterns on; thread count left to onnxruntime.
 *
 * @example
 * DEFAULT_SESSION_OPTIONS.graphOptimizationLevel; // 'all'
 */
export const DEFAULT_SESSION_OPTIONS: Readonly<OnnxSessionOptions> = {
  // 'all' enables the NCHWc convolution kernels, the largest single speed-up measured for WRNs.
  graphOptimizationLevel: 'all',
  // Sequential: a WRN is a chain, so there is no operator-level parallelism to exploit.
  executionMode: 'sequential',
  // Arena and memory patterns reuse buffers between runs of the same batch size.
  enableCpuMemArena: true,
  enableMemPattern: true,
};

/**
 * Translates {@link OnnxSessionOptions} plus execution providers into onnxruntime's `SessionOptions`.
 *
 * @example
 * const sessionOptions = toSessionOptions({ intraOpNumThreads: 2 }, ['cpu']);
 */
export function toSessionOptions(
  options: OnnxSessionOptions,
  executionProviders: readonly string[],
): InferenceSession.SessionOptions {
  const merged = { ...DEFAULT_SESSION_OPTIONS, ...options };
  const { allowSpinning, extra, ...rest } = merged;
  const session = { ...((extra?.session as Record<string, unknown> | undefined) ?? {}) };
  if (allowSpinning !== undefined) session['intra_op.allow_spinning'] = allowSpinning ? '1' : '0';
  const extraEntries = { ...(extra ?? {}), ...(Object.keys(session).length > 0 ? { session } : {}) };
  return {
    ...rest,
    executionProviders: [...executionProviders],
    ...(Object.keys(extraEntries).length > 0 ? { extra: extraEntries } : {}),
  };
}

import type { InferenceExecutor } from '@wrn/core';
import type { ModelSpec, WeightMap } from '@wrn/spec';
import type { InferenceSession } from 'onnxruntime-node';
import { ONNX_INPUT, ONNX_LOGITS } from './export-options.js';
import { assembleOnnxModel, exportOnnx } from './export-onnx.js';
import { encodeModel } from './onnx-proto.js';
import type { OnnxBinding } from './load-onnxruntime.js';

/** Settings an executor needs from its runtime. Internal. */
export interface OnnxExecutorSettings {
  ort: OnnxBinding;
  sessionOptions: InferenceSession.SessionOptions;
  /** The options of the training graphs' sessions. */
  trainingSessionOptions: InferenceSession.SessionOptions;
  /** The caller's `enableCpuMemArena`, if any; else training sessions choose with `memoryArenaFor`. */
  memoryArena: boolean | undefined;
  foldBatchNorm: boolean;
}

const copyWeights = (weights: WeightMap): WeightMap =>
  new Map([...weights].map(([name, { shape, data }]) => [name, { shape: [...shape], data: data.slice() }]));

/**
 * An inference executor over an onnxruntime session built from {@link exportOnnx}. Internal: create it through
 * `createOnnxRuntime().compile(spec)`, which wraps it in the shared input checks of `@wrn/core`.
 *
 * @example
 * const executor = await OnnxExecutor.create(spec, weights, settings);
 */
export class OnnxExecutor implements InferenceExecutor {
  private weights: WeightMap;

  private constructor(
    readonly spec: ModelSpec,
    weights: WeightMap,
    private session: InferenceSession,
    private readonly settings: OnnxExecutorSettings,
  ) {
    this.weights = weights;
  }

  /**
   * Exports the weights and opens a session on them. `trusted` weights (an executor's own, after its steps) skip the
   * weight check. @example await OnnxExecutor.create(spec, w, settings)
   */
  static async create(
    spec: ModelSpec,
    weights: WeightMap,
    settings: OnnxExecutorSettings,
    trusted = false, // weights from a caller are checked
  ): Promise<OnnxExecutor> {
    const copy = copyWeights(weights);
    return new OnnxExecutor(spec, copy, await OnnxExecutor.open(spec, copy, settings, trusted), settings);
  }

  private static open(
    spec: ModelSpec,
    weights: WeightMap,
    settings: OnnxExecutorSettings,
    trusted = false, // weights from a caller are checked
  ): Promise<InferenceSession> {
    const options = { foldBatchNorm: settings.foldBatchNorm };
    const bytes = trusted
      ? encodeModel(assembleOnnxModel(spec, weights, options))
      : exportOnnx(spec, weights, options);
    return settings.ort.InferenceSession.create(bytes, settings.sessionOptions);
  }

  async forward(images: Float32Array, size: number): Promise<Float32Array> {
    const { channels, height, width } = this.spec.input;
    const input = new this.settings.ort.Tensor('float32', images, [size, channels, height, width]);
    const outputs = await this.session.run({ [ONNX_INPUT]: input });
    const logits = outputs[ONNX_LOGITS];
    if (!logits) throw new Error(`internal: onnx session returned no '${ONNX_LOGITS}'`);
    return logits.data as Float32Array;
  }

  async getWeights(): Promise<WeightMap> {
    return copyWeights(this.weights);
  }

  /** Rebuilds the session on the weights. */
  async setWeights(weights: WeightMap): Promise<void> {
    const copy = copyWeights(weights);
    const session = await OnnxExecutor.open(this.spec, copy, this.settings);
    await this.session.release();
    this.session = session;
    this.weights = copy;
  }

  dispose(): void {
    void this.session.release();
  }
}

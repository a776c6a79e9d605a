import type { Batch, Executor, StepResult, TrainStepOptions } from '@wrn/core';
import type { ModelSpec, WeightMap } from '@wrn/spec';
import { expandGraph } from '@wrn/spec';
import type { InferenceSession } from 'onnxruntime-node';
import { checkWeights } from './check-weights.js';
import { ONNX_INPUT, ONNX_LOGITS } from './export-options.js';
import { exportOnnx } from './export-onnx.js';
import type { OnnxBinding } from './load-onnxruntime.js';

/** Settings an executor needs from its runtime. Internal. */
export interface OnnxExecutorSettings {
  ort: OnnxBinding;
  sessionOptions: InferenceSession.SessionOptions;
  foldBatchNorm: boolean;
}

const copyWeights = (weights: WeightMap): WeightMap =>
  new Map([...weights].map(([name, { shape, data }]) => [name, { shape: [...shape], data: data.slice() }]));

const cannotTrain = (method: string) =>
  Promise.reject(
    new Error(
      `onnx runtime: ${method} needs training, but ONNX Runtime here is inference-only ` +
        '(capabilities.supportsTraining and supportsGradients are false); train with the tfjs or webgpu runtime',
    ),
  );

/**
 * An inference-only executor over an onnxruntime session built from {@link exportOnnx}. Internal: create it
 * through `createOnnxRuntime().compile(spec)`.
 *
 * @example
 * const executor = await OnnxExecutor.create(spec, weights, settings);
 */
export class OnnxExecutor implements Executor {
  private weights: WeightMap;
  private disposed = false;

  private constructor(
    readonly spec: ModelSpec,
    weights: WeightMap,
    private session: InferenceSession,
    private readonly settings: OnnxExecutorSettings,
  ) {
    this.weights = weights;
  }

  /** Exports the weights and opens a session on them. @example await OnnxExecutor.create(spec, w, settings) */
  static async create(
    spec: ModelSpec,
    weights: WeightMap,
    settings: OnnxExecutorSettings,
  ): Promise<OnnxExecutor> {
    const copy = copyWeights(weights);
    return new OnnxExecutor(spec, copy, await OnnxExecutor.open(spec, copy, settings), settings);
  }

  private static open(
    spec: ModelSpec,
    weights: WeightMap,
    settings: OnnxExecutorSettings,
  ): Promise<InferenceSession> {
    const bytes = exportOnnx(spec, weights, { foldBatchNorm: settings.foldBatchNorm });
    return settings.ort.InferenceSession.create(bytes, settings.sessionOptions);
  }

  private check(): void {
    if (this.disposed) throw new Error('onnx runtime: this executor was disposed; compile the spec again');
  }

  async forward(
    images: Float32Array,
    size: number,
    options: { training?: boolean } = {},
  ): Promise<Float32Array> {
    this.check();
    if (options.training) {
      throw new Error(
        'onnx runtime: forward with training: true (batch statistics, dropout) is not supported: the ONNX graph is ' +
          'the eval-mode network (capabilities.supportsTraining is false); call forward without training',
      );
    }
    const { channels, height, width } = this.spec.input;
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`onnx runtime: batch size must be a positive integer, got ${size}`);
    }
    if (!(images instanceof Float32Array) || images.length !== size * channels * height * width) {
      throw new RangeError(
        `onnx runtime: images must be a Float32Array of ${size} x ${channels} x ${height} x ${width} = ` +
          `${size * channels * height * width} values (NCHW), got ${images?.length ?? typeof images}`,
      );
    }
    const input = new this.settings.ort.Tensor('float32', images, [size, channels, height, width]);
    const outputs = await this.session.run({ [ONNX_INPUT]: input });
    const logits = outputs[ONNX_LOGITS];
    if (!logits) throw new Error(`internal: onnx session returned no '${ONNX_LOGITS}'`);
    return logits.data as Float32Array;
  }

  gradients(_batch: Batch): Promise<{ loss: number; gradients: WeightMap }> {
    return cannotTrain('gradients');
  }

  trainStep(_batch: Batch, _options: TrainStepOptions): Promise<StepResult> {
    return cannotTrain('trainStep');
  }

  /** No momentum buffers exist in an inference-only executor, so there is nothing to clear. */
  resetMomentum(): void {}

  async getWeights(): Promise<WeightMap> {
    this.check();
    return copyWeights(this.weights);
  }

  /** Checks the weights against the spec and rebuilds the session on them. */
  async setWeights(weights: WeightMap): Promise<void> {
    this.check();
    checkWeights(expandGraph(this.spec), weights);
    const copy = copyWeights(weights);
    const session = await OnnxExecutor.open(this.spec, copy, this.settings);
    await this.session.release();
    this.session = session;
    this.weights = copy;
  }

  /** Always empty: there is no optimizer. */
  async getOptimizerState(): Promise<WeightMap> {
    return new Map();
  }

  async setOptimizerState(state: WeightMap): Promise<void> {
    if (state.size > 0) await cannotTrain('setOptimizerState with momentum buffers');
  }

  memory(): undefined {
    return undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.session.release();
  }
}

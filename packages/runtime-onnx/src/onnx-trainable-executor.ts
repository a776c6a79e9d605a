import type { Batch, ForwardOptions, StepResult, TrainableExecutor, TrainStepOptions } from '@wrn/core';
import {
  expandGraph,
  passDropoutSeed,
  type LayerGraph,
  type ModelSpec,
  type SgdSpec,
  type WeightMap,
} from '@wrn/spec';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { OnnxExecutor, type OnnxExecutorSettings } from './onnx-executor.js';
import { batchFeeds, checkBatchNormCounts } from './training/batch-feeds.js';
import { TrainingSessions } from './training/training-sessions.js';
import { TRAINING_IO, trainingName } from './training/training-io.js';

const copy = (weights: WeightMap): WeightMap =>
  new Map([...weights].map(([name, { shape, data }]) => [name, { shape: [...shape], data: data.slice() }]));

/**
 * A trainable executor that runs the training graphs of `buildTrainingModel` in onnxruntime sessions: one session run
 * per step (or one per micro-batch plus one update run), with weights, running statistics and momentum buffers fed
 * in and their new values read back. Eval-mode forward passes use the inference export, reopened lazily after the
 * weights change. Internal: create it through `createOnnxRuntime().compile(spec)`.
 *
 * @example
 * const executor = await OnnxTrainableExecutor.create(spec, weights, settings, optimizer, 0);
 * await executor.trainStep(batch, { learningRate: 0.1 });
 */
export class OnnxTrainableExecutor implements TrainableExecutor {
  private readonly graph: LayerGraph;
  /** Each parameter's shape by canonical name, for the state tensors every run feeds. */
  private readonly shapes: Map<string, number[]>;
  private readonly sessions: TrainingSessions;
  private momentum: WeightMap = new Map();
  private inference: Promise<OnnxExecutor> | undefined;
  private passes = 0;

  private constructor(
    readonly spec: ModelSpec,
    private weights: WeightMap,
    private readonly settings: OnnxExecutorSettings,
    private readonly optimizer: SgdSpec,
    private readonly seed: number,
  ) {
    this.graph = expandGraph(spec);
    this.shapes = new Map(this.graph.parameters.map((parameter) => [parameter.name, parameter.shape]));
    this.sessions = new TrainingSessions(
      spec,
      optimizer,
      settings.ort,
      settings.trainingSessionOptions,
      settings.memoryArena,
    );
  }

  /** An executor on a copy of `weights`. @example await OnnxTrainableExecutor.create(spec, w, settings, sgd, 0) */
  static async create(
    spec: ModelSpec,
    weights: WeightMap,
    settings: OnnxExecutorSettings,
    optimizer: SgdSpec,
    seed: number,
  ): Promise<OnnxTrainableExecutor> {
    return new OnnxTrainableExecutor(spec, copy(weights), settings, optimizer, seed);
  }

  async forward(images: Float32Array, size: number, options: ForwardOptions = {}): Promise<Float32Array> {
    if (!options.training) {
      this.inference ??= OnnxExecutor.create(this.spec, this.weights, this.settings, true);
      return (await this.inference).forward(images, size);
    }
    checkBatchNormCounts(this.graph, size);
    const batch = { images, labels: new Int32Array(size), size };
    const feeds = {
      ...batchFeeds(this.settings.ort, this.graph, batch, { start: 0, size }, this.nextSeed()),
    };
    delete feeds[TRAINING_IO.labels];
    const outputs = await this.run('training-forward', feeds);
    return outputs[TRAINING_IO.logits]!.data as Float32Array;
  }

  async gradients(batch: Batch): Promise<{ loss: number; gradients: WeightMap }> {
    checkBatchNormCounts(this.graph, batch.size);
    const feeds = batchFeeds(
      this.settings.ort,
      this.graph,
      batch,
      { start: 0, size: batch.size },
      this.nextSeed(),
    );
    const outputs = await this.run('gradients', feeds);
    const gradients: WeightMap = new Map();
    for (const { name, shape, trainable } of this.graph.parameters) {
      if (trainable)
        gradients.set(name, {
          shape: [...shape],
          data: outputs[trainingName.gradient(name)]!.data as Float32Array,
        });
    }
    return { loss: scalar(outputs[TRAINING_IO.loss]!), gradients };
  }

  async trainStep(batch: Batch, options: TrainStepOptions): Promise<StepResult> {
    const micro = Math.min(options.microBatchSize ?? batch.size, batch.size); // the whole batch, as the contract defaults
    for (let start = 0; start < batch.size; start += micro)
      checkBatchNormCounts(this.graph, Math.min(micro, batch.size - start));
    const passSeed = this.nextSeed(); // every training pass counts, a seeded step included (as every runtime)
    const stepSeed = options.dropoutSeed ?? passSeed;
    const learningRate = new this.settings.ort.Tensor(
      'float32',
      new Float32Array([options.learningRate]),
      [],
    );
    const weights = new Map(this.weights);
    let loss = 0;
    let correct = 0;
    let gradients: WeightMap | undefined;
    if (micro < batch.size) {
      gradients = new Map();
      for (let start = 0; start < batch.size; start += micro) {
        const range = { start, size: Math.min(micro, batch.size - start) };
        const share = new this.settings.ort.Tensor(
          'float32',
          new Float32Array([range.size / batch.size]),
          [],
        );
        const feeds = {
          ...batchFeeds(this.settings.ort, this.graph, batch, range, stepSeed),
          [TRAINING_IO.share]: share,
        };
        const outputs = await this.run('micro-batch', feeds, weights, gradients);
        loss += scalar(outputs[TRAINING_IO.loss]!) * (range.size / batch.size);
        correct += scalar(outputs[TRAINING_IO.correct]!);
        this.take(outputs, gradients, trainingName.accumulated);
        this.take(outputs, weights);
      }
    }
    const feeds = gradients
      ? { [TRAINING_IO.learningRate]: learningRate }
      : {
          ...batchFeeds(this.settings.ort, this.graph, batch, { start: 0, size: batch.size }, stepSeed),
          [TRAINING_IO.learningRate]: learningRate,
        };
    const outputs = await this.run(gradients ? 'update' : 'step', feeds, weights, gradients);
    if (!gradients) {
      loss = scalar(outputs[TRAINING_IO.loss]!);
      correct = scalar(outputs[TRAINING_IO.correct]!);
    }
    const momentum = new Map(this.momentum);
    this.take(outputs, weights);
    this.take(outputs, momentum, trainingName.momentum);
    // Every run succeeded: only now does the executor's state change, so a failed step leaves it as it was.
    this.weights = weights;
    if (this.optimizer.momentum !== 0) this.momentum = momentum;
    this.inference = undefined;
    return { loss, examples: batch.size, correct };
  }

  resetMomentum(): void {
    this.momentum = new Map();
  }

  async getWeights(): Promise<WeightMap> {
    return copy(this.weights);
  }

  async setWeights(weights: WeightMap): Promise<void> {
    this.weights = copy(weights);
    this.inference = undefined;
  }

  async getOptimizerState(): Promise<WeightMap> {
    return copy(this.momentum);
  }

  async setOptimizerState(state: WeightMap): Promise<void> {
    this.momentum = copy(state);
  }

  /**
   * The state this executor holds on the host between steps (weights, running statistics, momentum buffers); the
   * sessions' own buffers live in onnxruntime's arena, reused from step to step.
   */
  memory(): { tensors: number; bytes: number } {
    const tensors = [...this.weights.values(), ...this.momentum.values()];
    return {
      tensors: tensors.length,
      bytes: tensors.reduce((sum, tensor) => sum + tensor.data.byteLength, 0),
    };
  }

  dispose(): void {
    void this.sessions.release();
    // A session that failed to open has nothing to release; its error already reached the forward call that awaited it.
    void this.inference?.then(
      (executor) => executor.dispose(),
      () => {},
    );
    this.inference = undefined;
    this.weights = new Map();
    this.momentum = new Map();
  }

  private nextSeed(): number {
    return passDropoutSeed(this.seed, this.passes++);
  }

  /** Runs a graph with `feeds` plus whatever state inputs its session declares, from `weights` and `gradients`. */
  private async run(
    kind: Parameters<TrainingSessions['get']>[0],
    feeds: Record<string, Tensor>,
    weights: WeightMap = this.weights,
    gradients?: WeightMap,
  ): Promise<InferenceSession.OnnxValueMapType> {
    const size = feeds[TRAINING_IO.labels]?.dims[0] ?? feeds[TRAINING_IO.images]?.dims[0] ?? 1; // update: none
    const session = await this.sessions.get(kind, Number(size));
    const { Tensor } = this.settings.ort;
    const all: Record<string, Tensor> = { ...feeds };
    for (const name of session.inputNames) {
      if (all[name]) continue;
      const [prefix, ...rest] = name.split('.');
      const parameter = rest.join('.');
      const tensor = (source: WeightMap, key: string) => {
        const found = source.get(key);
        return new Tensor(
          'float32',
          found?.data ?? new Float32Array(elements(this.shapes.get(key)!)),
          this.shapes.get(key)!,
        );
      };
      if (weights.has(name)) all[name] = tensor(weights, name);
      else if (prefix === 'momentum') all[name] = tensor(this.momentum, parameter);
      else if (prefix === 'momentum_started')
        all[name] = new Tensor('bool', new Uint8Array([this.momentum.has(parameter) ? 1 : 0]), []);
      else if (prefix === 'accumulated' || prefix === 'gradient')
        all[name] = tensor(gradients ?? new Map(), parameter);
      else throw new Error(`internal: no value for training graph input '${name}'`);
    }
    return session.run(all);
  }

  /** Copies the `updated.<key(name)>` outputs into `into` under `name`. */
  private take(
    outputs: InferenceSession.OnnxValueMapType,
    into: WeightMap,
    key: (name: string) => string = (name) => name, // weights and running statistics keep their own names
  ): void {
    for (const { name, shape } of this.graph.parameters) {
      const output = outputs[trainingName.updated(key(name))];
      if (output) into.set(name, { shape: [...shape], data: output.data as Float32Array });
    }
  }
}

const scalar = (tensor: Tensor): number => Number((tensor.data as Float32Array)[0]);
const elements = (shape: readonly number[]) => shape.reduce((product, size) => product * size, 1);

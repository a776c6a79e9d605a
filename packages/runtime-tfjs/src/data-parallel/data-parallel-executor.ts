import * as tf from '@tensorflow/tfjs';
import type { Batch, Executor, StepResult, TrainStepOptions } from '@wrn/core';
import type { ModelSpec, SgdSpec, WeightMap } from '@wrn/spec';
import { checkBatch, checkLearningRate } from '../batch-checks.js';
import type { TfjsExecutor } from '../tfjs-executor.js';
import type { MicroBatch } from '../micro-batches.js';
import { hostStatistics, tensorsFromHost } from './host-transfer.js';
import type { HostStatistics, ShardResult } from './protocol.js';
import { ReplicaClient } from './replica-client.js';
import { replicaWorkerUrl } from './worker-url.js';

/**
 * Data-parallel training over wasm instances, one per thread: the main thread's replica plus `threads - 1`
 * worker-thread replicas, each holding the whole network. A step splits the batch into micro-batches of
 * `microBatchSize` (default `ceil(n / threads)`), hands each replica a contiguous run of them, sums the gradients
 * (weighted by size, as micro-batching does), and every replica applies the same BatchNorm statistics (in batch
 * order) and the same SGD update, so replicas stay identical. A step equals a single-thread `trainStep` with that
 * `microBatchSize` and dropout seed, up to float32 summation order. Other calls go to the main replica.
 *
 * @example
 * const runtime = await createTfjsRuntime({ backend: 'wasm', threads: 2 });
 * const executor = await runtime.compile(spec); // a DataParallelExecutor
 */
export class DataParallelExecutor implements Executor {
  private constructor(
    private readonly local: TfjsExecutor,
    private readonly replicas: ReplicaClient[],
  ) {}

  get spec(): ModelSpec {
    return this.local.spec;
  }

  /** Starts `threads - 1` worker replicas initialised like `local` (same weights, optimizer and seed). */
  static async create(
    local: TfjsExecutor,
    optimizer: SgdSpec,
    seed: number,
    threads: number,
    { wasmPath, workerUrl }: { wasmPath?: string; workerUrl?: URL } = {},
  ): Promise<DataParallelExecutor> {
    const weights = [...(await local.getWeights())];
    const url = workerUrl ?? (await replicaWorkerUrl());
    const replicas = await Promise.all(Array.from({ length: threads - 1 }, () => ReplicaClient.start(url)));
    try {
      await Promise.all(
        replicas.map((replica) =>
          replica.call({ type: 'init', spec: local.spec, weights, optimizer, seed, wasmPath }),
        ),
      );
    } catch (error) {
      replicas.forEach((replica) => replica.terminate());
      throw error;
    }
    return new DataParallelExecutor(local, replicas);
  }

  /**
   * Eval mode splits the batch over the replicas too (each image's logits depend on that image alone); training
   * mode runs on the main replica (its BatchNorm statistics span the whole batch).
   */
  async forward(images: Float32Array, size: number, options?: { training?: boolean }): Promise<Float32Array> {
    const threads = Math.min(this.replicas.length + 1, size);
    if (options?.training || threads < 2 || !Number.isInteger(size) || images.length % size !== 0) {
      return this.local.forward(images, size, options);
    }
    const pixels = images.length / size;
    const bounds = Array.from({ length: threads + 1 }, (_, r) => Math.floor((r * size) / threads));
    const part = (r: number) => images.subarray(bounds[r]! * pixels, bounds[r + 1]! * pixels);
    const remote = this.replicas.slice(0, threads - 1).map((replica, r) =>
      replica.call<Float32Array>({
        type: 'forward',
        images: part(r + 1).slice(),
        size: bounds[r + 2]! - bounds[r + 1]!,
      }),
    );
    const own = await this.local.forward(part(0), bounds[1]!);
    const logits = new Float32Array((own.length / bounds[1]!) * size);
    [own, ...(await Promise.all(remote))].forEach((chunk, r) =>
      logits.set(chunk, (bounds[r]! * own.length) / bounds[1]!),
    );
    return logits;
  }

  gradients(batch: Batch): Promise<{ loss: number; gradients: WeightMap }> {
    return this.local.gradients(batch);
  }

  async trainStep(batch: Batch, options: TrainStepOptions): Promise<StepResult> {
    const { learningRate } = options;
    checkLearningRate(learningRate);
    checkBatch(batch, this.spec.numClasses);
    const threads = this.replicas.length + 1;
    const microBatchSize = options.microBatchSize ?? Math.ceil(batch.size / threads); // one micro-batch per thread
    const plan = this.local.planStep(batch, { microBatchSize, dropoutSeed: options.dropoutSeed });
    const parts = Array.from({ length: threads }, (_, r) =>
      plan.slice(Math.floor((r * plan.length) / threads), Math.floor(((r + 1) * plan.length) / threads)),
    );
    // Workers first (they run while the main thread computes its own part).
    const remote = parts
      .slice(1)
      .map((part, r) =>
        part.length ? this.replicas[r]!.call<ShardResult>(shardRequest(batch, part)) : undefined,
      );
    const own = await this.localShard(batch, parts[0]!);
    const results = [
      own,
      ...(await Promise.all(remote)).filter((result): result is ShardResult => result !== undefined),
    ];
    const gradients = sumGradients(results);
    const statistics = results.flatMap((result) => result.statistics);
    const update = this.replicas.map((replica) =>
      replica.call({ type: 'update', gradients, statistics, learningRate }),
    );
    this.local.applyRunningStatistics(statistics);
    const tensors = tensorsFromHost(gradients, (name) => this.local.internalShape(name));
    try {
      this.local.applySgd(tensors, learningRate);
    } finally {
      tf.dispose([...tensors.values()]);
    }
    await Promise.all(update);
    const loss = results.reduce((sum, result) => sum + result.loss, 0);
    return { loss, examples: batch.size, correct: results.reduce((sum, result) => sum + result.correct, 0) };
  }

  private async localShard(batch: Batch, part: MicroBatch[]): Promise<ShardResult> {
    const statistics: HostStatistics[] = [];
    const result = await this.local.accumulate(batch, part, batch.size, (list) =>
      statistics.push(...hostStatistics(list)),
    );
    try {
      const gradients = [...result.gradients].map(
        ([name, tensor]) => [name, tensor.dataSync() as Float32Array] as [string, Float32Array],
      );
      return { gradients, loss: result.loss, correct: result.correct, statistics };
    } finally {
      result.dispose();
    }
  }

  resetMomentum(): void {
    this.local.resetMomentum();
    for (const replica of this.replicas) void replica.call({ type: 'resetMomentum' });
  }

  getWeights(): Promise<WeightMap> {
    return this.local.getWeights();
  }

  async setWeights(weights: WeightMap): Promise<void> {
    await this.local.setWeights(weights);
    await Promise.all(
      this.replicas.map((replica) => replica.call({ type: 'setWeights', weights: [...weights] })),
    );
  }

  getOptimizerState(): Promise<WeightMap> {
    return this.local.getOptimizerState();
  }

  async setOptimizerState(state: WeightMap): Promise<void> {
    await this.local.setOptimizerState(state);
    await Promise.all(
      this.replicas.map((replica) => replica.call({ type: 'setOptimizerState', state: [...state] })),
    );
  }

  /** The main thread's tensors (each worker holds the same number in its own wasm instance). */
  memory(): { tensors: number; bytes: number } {
    return this.local.memory();
  }

  dispose(): void {
    this.local.dispose();
    this.replicas.forEach((replica) => replica.terminate());
  }
}

/** The examples of a run of micro-batches, with the run rebased to start at 0. */
function shardRequest(batch: Batch, part: MicroBatch[]) {
  const start = part[0]!.start;
  const end = part.at(-1)!.end;
  const pixels = batch.images.length / batch.size;
  return {
    type: 'shard' as const,
    images: batch.images.slice(start * pixels, end * pixels),
    labels: batch.labels.slice(start, end),
    size: end - start,
    plan: part.map((range) => ({ ...range, start: range.start - start, end: range.end - start })),
    total: batch.size,
  };
}

/** Adds the replicas' weighted gradient sums, parameter by parameter, in replica order. */
function sumGradients(results: ShardResult[]): [string, Float32Array][] {
  const [first, ...rest] = results;
  return first!.gradients.map(([name, data], index) => {
    const sum = new Float32Array(data);
    for (const result of rest) {
      const other = result.gradients[index]![1];
      for (let i = 0; i < sum.length; i++) sum[i]! += other[i]!;
    }
    return [name, sum];
  });
}

import * as tf from '@tensorflow/tfjs';
import type { Batch, ForwardOptions, StepResult, TrainableExecutor, TrainStepOptions } from '@wrn/core';
import type { ModelSpec, WeightMap } from '@wrn/spec';
import type { TfjsModel } from '../model/tfjs-model.js';
import { applyHostUpdate } from './host-transfer.js';
import type { ShardResult } from './protocol.js';
import { ReplicaClient } from './replica-client.js';
import { firstCause, runShard, sumGradients } from './replica-shard.js';
import { SharedAllReduce } from './shared-all-reduce.js';
import { replicaWorkerUrl } from './worker-url.js';

/** How long a replica waits for the others at one BatchNorm all-reduce before the step fails. */
const ALL_REDUCE_TIMEOUT_MILLISECONDS = 600_000; // far above one layer's pass on a slice (WRN-28-10 on a busy core)

/**
 * Data-parallel training over wasm instances, one per thread: the main thread's replica plus `threads - 1`
 * worker-thread replicas, each holding the whole network. A step splits the batch into micro-batches of
 * `microBatchSize` (default the whole batch, as with one thread) and all replicas work on each micro-batch in
 * lockstep, each on a contiguous slice of it: BatchNorm's batch statistics and their backward sums are all-reduced
 * over the replicas (a synchronous {@link SharedAllReduce}), each slice draws its example range of the step's
 * dropout masks, and each replica's loss is its share of the micro-batch's. The gradients are summed, and every replica applies
 * the same BatchNorm statistics and SGD update, so replicas stay identical. A step therefore equals a single-thread
 * `trainStep` with the same `microBatchSize` and dropout seed, up to float32 rounding: threads change the speed,
 * not the math. Other calls go to the main replica.
 *
 * @example
 * const runtime = await createTfjsRuntime({ backend: 'wasm', threads: 2 });
 * const executor = await runtime.compile(spec); // a DataParallelExecutor
 */
export class DataParallelExecutor implements TrainableExecutor {
  private constructor(
    private readonly local: TfjsModel,
    private readonly replicas: ReplicaClient[],
    private readonly reducer: SharedAllReduce,
  ) {}

  get spec(): ModelSpec {
    return this.local.spec;
  }

  /**
   * Starts `threads - 1` worker replicas initialised like `local`, the main thread's replica (same weights,
   * optimizer and seed). @internal (built by `createTfjsRuntime`)
   *
   * @example
   * const executor = await DataParallelExecutor.create(model, 2, { workerUrl });
   */
  static async create(
    local: TfjsModel,
    threads: number,
    { wasmPath, workerUrl }: { wasmPath?: string; workerUrl?: URL } = {},
  ): Promise<DataParallelExecutor> {
    const weights = [...(await local.getWeights())];
    const url = workerUrl ?? (await replicaWorkerUrl());
    const channels = local.graph.nodes.map((node) => (node.op === 'batchNorm' ? node.channels : 0));
    // The widest round: the backward pass's two per-channel vectors and the element count.
    const group = SharedAllReduce.group(
      threads,
      2 * Math.max(1, ...channels) + 1,
      ALL_REDUCE_TIMEOUT_MILLISECONDS,
    );
    const replicas = await Promise.all(Array.from({ length: threads - 1 }, () => ReplicaClient.start(url)));
    try {
      await Promise.all(
        replicas.map((replica, index) =>
          replica.call({
            type: 'init',
            spec: local.spec,
            weights,
            optimizer: local.optimizer,
            seed: local.seed,
            wasmPath,
            allReduce: group,
            replica: index + 1,
          }),
        ),
      );
    } catch (error) {
      replicas.forEach((replica) => replica.terminate());
      throw error;
    }
    return new DataParallelExecutor(local, replicas, new SharedAllReduce(group, 0));
  }

  /**
   * Eval mode splits the batch over the replicas too (each image's logits depend on that image alone); training
   * mode runs on the main replica (its BatchNorm statistics span the whole batch).
   */
  async forward(images: Float32Array, size: number, options?: ForwardOptions): Promise<Float32Array> {
    const threads = Math.min(this.replicas.length + 1, size);
    if (options?.training || threads < 2) {
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
    const lost = this.replicas.find((replica) => replica.failure)?.failure;
    if (lost) throw lost; // the main thread would wait for it at the first BatchNorm
    // One BatchNorm batch per micro-batch whatever the thread count: the whole batch unless asked.
    const plan = this.local.planStep(batch, options);
    this.reducer.reset(); // every replica is idle between steps (the last one waited for all of them)
    // Workers first (they run while the main thread computes its own slices, meeting it at each BatchNorm).
    const remote = this.replicas.map((replica) =>
      replica.call<ShardResult>({
        type: 'shard',
        images: batch.images.slice(),
        labels: batch.labels.slice(),
        size: batch.size,
        plan,
      }),
    );
    const outcomes = await Promise.allSettled([
      runShard(this.local, batch, plan, this.reducer, true),
      ...remote,
    ]);
    const failure = firstCause(outcomes);
    if (failure) throw failure;
    const results = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<ShardResult>).value);
    const gradients = sumGradients(results);
    const statistics = results[0]!.statistics; // the same on every replica: all-reduced
    const update = this.replicas.map((replica) =>
      replica.call({ type: 'update', gradients, statistics, learningRate }),
    );
    applyHostUpdate(this.local, statistics, gradients, learningRate);
    await Promise.all(update);
    const loss = results.reduce((sum, result) => sum + result.loss, 0);
    return { loss, examples: batch.size, correct: results.reduce((sum, result) => sum + result.correct, 0) };
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
    const { numTensors, numBytes } = tf.memory();
    return { tensors: numTensors, bytes: numBytes };
  }

  dispose(): void {
    this.reducer.abort(); // a worker waiting at a BatchNorm throws instead of waiting forever
    this.local.dispose();
    this.replicas.forEach((replica) => replica.terminate());
  }
}

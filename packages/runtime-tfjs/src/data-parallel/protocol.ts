import type { ModelSpec, SgdSpec } from '@wrn/spec';
import type { MicroBatch } from '../micro-batches.js';
import type { AllReduceGroup } from './shared-all-reduce.js';

/**
 * Batch statistics of one BatchNorm on the host.
 *
 * @example
 * const statistics: HostStatistics = { node: 'head.bn', mean, variance, count: 64 };
 */
export interface HostStatistics {
  node: string;
  mean: Float32Array;
  variance: Float32Array;
  count: number;
}

/**
 * A replica's share of a step: gradient sums in the internal layout, loss share, correct count, and (when asked)
 * the BatchNorm statistics in order.
 *
 * @example
 * const result = await client.call<ShardResult>(request);
 */
export interface ShardResult {
  gradients: [string, Float32Array][];
  loss: number;
  correct: number;
  statistics: HostStatistics[];
}

/**
 * Requests the coordinator sends to a worker replica, one per message, each answered by `{ id, result }` or
 * `{ id, error }`. Weight maps travel as `[name, { shape, data }]` entries in canonical layouts.
 *
 * @example
 * const request: ReplicaRequest = { type: 'resetMomentum' };
 */
export type ReplicaRequest =
  | {
      type: 'init';
      spec: ModelSpec;
      weights: [string, { shape: number[]; data: Float32Array }][];
      optimizer: SgdSpec;
      seed: number;
      wasmPath?: string;
      /** The BatchNorm all-reduce shared by all replicas, and this replica's index in it. */
      allReduce: AllReduceGroup;
      replica: number;
    }
  | {
      /** The whole batch and its micro-batches: the replica runs its slice of each. */
      type: 'shard';
      images: Float32Array;
      labels: Int32Array;
      size: number;
      plan: MicroBatch[];
    }
  | { type: 'forward'; images: Float32Array; size: number }
  | {
      type: 'update';
      gradients: [string, Float32Array][];
      statistics: HostStatistics[];
      learningRate: number;
    }
  | { type: 'setWeights'; weights: [string, { shape: number[]; data: Float32Array }][] }
  | { type: 'setOptimizerState'; state: [string, { shape: number[]; data: Float32Array }][] }
  | { type: 'resetMomentum' };

import { findTensorProblems, type TensorDescription } from '@wrn/core';
import {
  expandGraph,
  formatModelName,
  specFromJson,
  specToJson,
  type ModelSpec,
  type WeightMap,
} from '@wrn/spec';
import { CHECKPOINT_DTYPE, formatProblems } from './format-problems.js';
import { decodeSafetensors } from './decode-safetensors.js';
import type { SafetensorsTensor } from './dtype.js';
import { encodeSafetensors } from './encode-safetensors.js';
import { CheckpointError } from './safetensors-error.js';
import { checkMetadata } from './safetensors-header.js';

/**
 * `__metadata__.format` of every @wrn checkpoint.
 *
 * @example
 * decodeSafetensors(bytes).metadata.format === CHECKPOINT_FORMAT; // true for @wrn checkpoints
 */
export const CHECKPOINT_FORMAT = 'wrn-checkpoint';

/**
 * The metadata key holding the spec JSON, which makes a checkpoint self-describing.
 *
 * @example
 * const spec = specFromJson(decodeSafetensors(bytes).metadata[SPEC_METADATA_KEY] ?? '');
 */
export const SPEC_METADATA_KEY = 'wrn.spec';

/**
 * Optimizer momentum buffers are stored as `optimizer.momentum_buffer.<parameter name>`.
 *
 * @example
 * tensors.get(MOMENTUM_PREFIX + 'head.fc.weight'); // the momentum of head.fc.weight
 */
export const MOMENTUM_PREFIX = 'optimizer.momentum_buffer.';

/**
 * What a checkpoint holds: the spec, every parameter of `expandGraph(spec)` (BatchNorm running statistics
 * included) and optionally SGD momentum buffers by parameter name and string metadata (JSON-encode structures
 * such as the epoch or RNG state yourself).
 *
 * @example
 * const checkpoint: Checkpoint = { spec, weights: initWeights(spec, 0), metadata: { epoch: '0' } };
 */
export interface Checkpoint {
  spec: ModelSpec;
  weights: WeightMap;
  optimizerState?: WeightMap;
  metadata?: Record<string, string>;
}

/**
 * A decoded checkpoint; `optimizerState` is empty when none was saved, `metadata` holds the caller's keys only.
 *
 * @example
 * const { spec, weights } = decodeCheckpoint(bytes);
 */
export interface DecodedCheckpoint {
  spec: ModelSpec;
  weights: WeightMap;
  optimizerState: WeightMap;
  metadata: Record<string, string>;
}

/**
 * Encodes a checkpoint as safetensors: weights as F32 under their canonical names in graph order, then momentum
 * buffers, with `__metadata__` = `{ format: 'wrn-checkpoint', 'wrn.spec': <spec JSON>, ...metadata }`. Weights are
 * checked against the spec first; a mismatch throws a {@link CheckpointError} listing every problem.
 *
 * @example
 * const spec = parseModelName('WRN-16-4');
 * const bytes = encodeCheckpoint({ spec, weights: initWeights(spec, 0), metadata: { epoch: '12' } });
 */
export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  // No momentum buffers or metadata by default: a checkpoint of weights alone is complete for inference.
  const { spec, weights, optimizerState = new Map(), metadata = {} } = checkpoint;
  const specJson = specToJson(spec);
  for (const [label, map] of [
    ['weights', weights],
    ['optimizerState', optimizerState],
  ] as const) {
    if (!(map instanceof Map))
      throw new TypeError(`checkpoint.${label} must be a Map of name -> { shape, data }, got ${String(map)}`);
  }
  const callerMetadata = checkMetadata(metadata, 'checkpoint.metadata');
  for (const reserved of [SPEC_METADATA_KEY, 'format']) {
    if (Object.hasOwn(callerMetadata, reserved)) {
      throw new TypeError(
        `checkpoint.metadata must not set '${reserved}'; it is written from the spec. Use another key`,
      );
    }
  }
  const parameters = expandGraph(spec).parameters;
  const problems = [
    ...findTensorProblems(parameters, describeHostTensors(weights), { dtype: CHECKPOINT_DTYPE }),
    ...findTensorProblems(
      parameters.filter((parameter) => parameter.trainable),
      describeHostTensors(optimizerState),
      { dtype: CHECKPOINT_DTYPE, prefix: MOMENTUM_PREFIX, allowMissing: true },
    ),
  ];
  if (problems.length > 0) {
    throw new CheckpointError(
      formatProblems(`cannot save: tensors do not match ${describeSpec(spec)}`, problems),
      problems,
    );
  }
  const tensors = new Map<string, SafetensorsTensor>();
  for (const { name } of parameters) {
    const tensor = weights.get(name);
    if (tensor) tensors.set(name, { dtype: CHECKPOINT_DTYPE, shape: [...tensor.shape], data: tensor.data });
  }
  for (const { name } of parameters) {
    const tensor = optimizerState.get(name);
    if (tensor)
      tensors.set(MOMENTUM_PREFIX + name, {
        dtype: CHECKPOINT_DTYPE,
        shape: [...tensor.shape],
        data: tensor.data,
      });
  }
  return encodeSafetensors(tensors, {
    format: CHECKPOINT_FORMAT,
    [SPEC_METADATA_KEY]: specJson,
    ...callerMetadata,
  });
}

/**
 * Decodes and validates a checkpoint: the safetensors rules, the format tag, the spec (via `specFromJson`), then
 * every tensor against `expandGraph(spec).parameters`. All mismatches are reported at once in one
 * {@link CheckpointError}, each line naming the tensor and expected vs actual.
 *
 * @example
 * const { spec, weights, optimizerState, metadata } = decodeCheckpoint(bytes);
 * JSON.parse(metadata.epoch ?? '0');
 */
export function decodeCheckpoint(bytes: Uint8Array): DecodedCheckpoint {
  return checkpointFromTensors(decodeSafetensors(bytes));
}

/**
 * Validates decoded safetensors contents as a checkpoint (what {@link decodeCheckpoint} does after decoding).
 *
 * @example
 * const checkpoint = checkpointFromTensors(await readSafetensorsFile('model.safetensors'));
 */
export function checkpointFromTensors({
  tensors,
  metadata,
}: {
  tensors: Map<string, SafetensorsTensor>;
  metadata: Record<string, string>;
}): DecodedCheckpoint {
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      `not a @wrn checkpoint: __metadata__.format is ${JSON.stringify(metadata.format)}, expected '${CHECKPOINT_FORMAT}'. ` +
        'Use decodeSafetensors for other safetensors files',
    );
  }
  const specJson = metadata[SPEC_METADATA_KEY];
  if (specJson === undefined)
    throw new CheckpointError(`checkpoint __metadata__ lacks '${SPEC_METADATA_KEY}' (the model spec JSON)`);
  let spec: ModelSpec;
  try {
    spec = specFromJson(specJson);
  } catch (error) {
    throw new CheckpointError(
      `checkpoint __metadata__['${SPEC_METADATA_KEY}'] is not a valid spec: ${(error as Error).message}`,
    );
  }
  const weightTensors = new Map<string, SafetensorsTensor>();
  const momentumTensors = new Map<string, SafetensorsTensor>();
  for (const [name, tensor] of tensors) {
    if (name.startsWith(MOMENTUM_PREFIX)) momentumTensors.set(name.slice(MOMENTUM_PREFIX.length), tensor);
    else weightTensors.set(name, tensor);
  }
  const parameters = expandGraph(spec).parameters;
  const problems = [
    ...findTensorProblems(parameters, describeStored(weightTensors), { dtype: CHECKPOINT_DTYPE }),
    ...findTensorProblems(
      parameters.filter((parameter) => parameter.trainable),
      describeStored(momentumTensors),
      { dtype: CHECKPOINT_DTYPE, prefix: MOMENTUM_PREFIX, allowMissing: true },
    ),
  ];
  if (problems.length > 0) {
    throw new CheckpointError(
      formatProblems(`checkpoint does not match its spec, ${describeSpec(spec)}`, problems),
      problems,
    );
  }
  const { format: _format, [SPEC_METADATA_KEY]: _spec, ...callerMetadata } = metadata;
  return {
    spec,
    weights: toWeightMap(
      parameters.map((parameter) => parameter.name),
      weightTensors,
    ),
    optimizerState: toWeightMap(
      parameters.map((parameter) => parameter.name),
      momentumTensors,
    ),
    metadata: callerMetadata,
  };
}

function describeSpec(spec: ModelSpec): string {
  return `${formatModelName(spec)} (${spec.variant}, ${spec.numClasses} classes)`;
}

function describeHostTensors(weights: WeightMap): Map<string, TensorDescription> {
  const stored = new Map<string, TensorDescription>();
  for (const [name, tensor] of weights) {
    const data: unknown = tensor?.data;
    const dtype =
      data instanceof Float32Array ? CHECKPOINT_DTYPE : `${describeValue(data)} (need Float32Array)`;
    const shape = Array.isArray(tensor?.shape) ? tensor.shape : [];
    stored.set(name, { dtype, shape, length: ArrayBuffer.isView(data) ? (data as Float32Array).length : -1 });
  }
  return stored;
}

function describeStored(tensors: Map<string, SafetensorsTensor>): Map<string, TensorDescription> {
  const stored = new Map<string, TensorDescription>();
  for (const [name, tensor] of tensors)
    stored.set(name, { dtype: tensor.dtype, shape: tensor.shape, length: tensor.data.length });
  return stored;
}

function toWeightMap(order: readonly string[], tensors: Map<string, SafetensorsTensor>): WeightMap {
  const weights: WeightMap = new Map();
  for (const name of order) {
    const tensor = tensors.get(name);
    if (tensor) weights.set(name, { shape: tensor.shape, data: tensor.data as Float32Array });
  }
  return weights;
}

function describeValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? value.constructor.name : String(value);
}

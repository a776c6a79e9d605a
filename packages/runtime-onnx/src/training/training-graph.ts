import {
  expandGraph,
  formatModelName,
  specToJson,
  validateModelSpec,
  type ModelSpec,
  type SgdSpec,
} from '@wrn/spec';
import { ONNX_IR_VERSION, ONNX_OPSET, ONNX_PRODUCER_NAME, ONNX_PRODUCER_VERSION } from '../export-options.js';
import { ONNX_METADATA_KEYS } from '../metadata.js';
import {
  makeGraph,
  makeModel,
  makeTensorValueInfo,
  TENSOR_BOOL,
  TENSOR_INT64,
  TENSOR_UINT8,
} from '../onnx-helper.js';
import type { ModelProto, ValueInfoProto } from '../onnx-proto.js';
import { writeBackwardPass } from './backward-pass.js';
import { writeForwardPass } from './forward-pass.js';
import { OnnxWriter } from './onnx-writer.js';
import { ruleOf } from './rules/index.js';
import { writeSgdUpdate } from './sgd-update.js';
import { softmaxCrossEntropy } from './softmax-cross-entropy.js';
import { TRAINING_IO, trainingName } from './training-io.js';

/**
 * The training graphs, each one session run:
 * - `step`: a whole SGD step on one batch (forward, backward, running statistics, update);
 * - `micro-batch`: one micro-batch's gradients added to the step's sum (weighted by `share`), and its running
 *   statistics; `update` then applies the summed gradients;
 * - `gradients`: loss and gradients only, nothing updated;
 * - `training-forward`: logits with batch statistics and dropout, nothing updated.
 *
 * @example
 * const kind: TrainingGraphKind = 'step';
 */
export type TrainingGraphKind = 'step' | 'micro-batch' | 'update' | 'gradients' | 'training-forward';

/** Every kind, in the order the README documents them. @example TRAINING_GRAPH_KINDS.length // 5 */
export const TRAINING_GRAPH_KINDS: readonly TrainingGraphKind[] = [
  'step',
  'micro-batch',
  'update',
  'gradients',
  'training-forward',
];

/**
 * Builds a training graph of a network as an ONNX model in standard opset-17 operators only, so the ordinary
 * onnxruntime CPU build (or any ONNX engine) runs it. Weights, running statistics and momentum buffers are graph
 * inputs (no initializers hold state), and their new values are outputs named `updated.<input>`; see
 * {@link TRAINING_IO} and {@link trainingName} for every name.
 *
 * @example
 * const model = buildTrainingModel(spec, 'step', paperRecipe().optimizer);
 * const bytes = encodeModel(model);
 */
export function buildTrainingModel(
  spec: ModelSpec,
  kind: TrainingGraphKind,
  optimizer: SgdSpec,
  batchDimension = 'N', // the usual symbol in ONNX model zoos, as the inference export
): ModelProto {
  const checked = validateModelSpec(spec);
  const graph = expandGraph(checked);
  const writer = new OnnxWriter();
  const inputs: ValueInfoProto[] = [];
  const outputs: ValueInfoProto[] = [];
  const declared = new Set<string>();
  const input = (name: string, shape: (number | string)[], type?: number): string => {
    if (declared.has(name)) return name;
    declared.add(name);
    inputs.push(makeTensorValueInfo(writer.reserve(name), shape, type));
    return name;
  };
  const output = (name: string, shape: (number | string)[], type?: number): string => {
    outputs.push(makeTensorValueInfo(writer.reserve(name), shape, type));
    return name;
  };
  const shapes = new Map(graph.parameters.map((parameter) => [parameter.name, parameter.shape]));
  const trainable = graph.parameters.filter((parameter) => parameter.trainable);
  const parameter = (name: string) => input(name, shapes.get(name)!);
  const dropoutMask = (node: string) => {
    const layer = graph.nodes.find((candidate) => candidate.name === node)!;
    return input(trainingName.dropoutMask(node), [batchDimension, ...layer.outputShape], TENSOR_UINT8);
  };
  const context = { writer, parameter, dropoutMask };
  const scalar = (name: string) => input(name, []);

  let gradients = new Map<string, string>();
  if (kind === 'update') {
    for (const { name, shape } of trainable) gradients.set(name, input(trainingName.gradient(name), shape));
  } else {
    input(TRAINING_IO.images, [batchDimension, ...graph.inputShape]);
    const forward = writeForwardPass(graph, context);
    const logits = forward.values.get(graph.output)!;
    if (kind === 'training-forward') {
      writer.op(
        'Identity',
        [logits],
        TRAINING_IO.logits,
        {},
        { output: output(TRAINING_IO.logits, [batchDimension, checked.numClasses]) },
      );
      return finish(checked, kind, optimizer, writer, inputs, outputs);
    }
    const labels = input(TRAINING_IO.labels, [batchDimension], TENSOR_INT64);
    const loss = output(TRAINING_IO.loss, []);
    const correct = output(TRAINING_IO.correct, []);
    const head = softmaxCrossEntropy(writer, logits, labels, checked.numClasses, { loss, correct });
    gradients = writeBackwardPass(graph, forward, head.dLogits, context);
    if (kind !== 'gradients') {
      for (const node of graph.nodes) {
        const updates = ruleOf(node).stateUpdates?.(node, forward.saved.get(node.name)!, {
          ...context,
          inputShapes: [],
        });
        for (const [name, value] of updates ?? []) {
          parameter(name);
          const updated = output(trainingName.updated(name), shapes.get(name)!);
          writer.op('Identity', [value], updated, {}, { output: updated });
        }
      }
    }
  }
  if (kind === 'gradients' || kind === 'micro-batch') {
    const share = kind === 'micro-batch' ? scalar(TRAINING_IO.share) : undefined;
    for (const { name, shape } of trainable) {
      const gradient = gradients.get(name)!;
      if (share === undefined) {
        writer.op('Identity', [gradient], name, {}, { output: output(trainingName.gradient(name), shape) });
        continue;
      }
      const sum = input(trainingName.accumulated(name), shape);
      const weighted = writer.op('Mul', [gradient, share], `${name}.share`);
      const updated = output(trainingName.updated(trainingName.accumulated(name)), shape);
      writer.op('Add', [sum, weighted], updated, {}, { output: updated });
    }
    return finish(checked, kind, optimizer, writer, inputs, outputs);
  }
  const learningRate = scalar(TRAINING_IO.learningRate);
  for (const { name, shape } of trainable) {
    parameter(name);
    output(trainingName.updated(name), shape);
    if (optimizer.momentum !== 0) output(trainingName.updated(trainingName.momentum(name)), shape);
  }
  writeSgdUpdate(writer, gradients, optimizer, {
    parameter,
    momentum: (name) => input(trainingName.momentum(name), shapes.get(name)!),
    started: (name) => input(trainingName.momentumStarted(name), [], TENSOR_BOOL),
    learningRate,
  });
  return finish(checked, kind, optimizer, writer, inputs, outputs);
}

function finish(
  spec: ModelSpec,
  kind: TrainingGraphKind,
  optimizer: SgdSpec,
  writer: OnnxWriter,
  inputs: ValueInfoProto[],
  outputs: ValueInfoProto[],
): ModelProto {
  const name = `${formatModelName(spec)}-${kind}`;
  return makeModel(
    makeGraph(writer.nodes, name, inputs, outputs, writer.initializers),
    {
      opset: ONNX_OPSET,
      irVersion: ONNX_IR_VERSION,
      producerName: ONNX_PRODUCER_NAME,
      producerVersion: ONNX_PRODUCER_VERSION,
      docString: `${formatModelName(spec)} training graph '${kind}'; inputs and outputs as documented in @wrn/runtime-onnx's README.`,
    },
    {
      [ONNX_METADATA_KEYS.spec]: specToJson(spec),
      [ONNX_METADATA_KEYS.modelName]: formatModelName(spec),
      [ONNX_METADATA_KEYS.normalization]: JSON.stringify({ mean: spec.input.mean, std: spec.input.std }),
      [ONNX_METADATA_KEYS.trainingGraph]: kind,
      [ONNX_METADATA_KEYS.optimizer]: JSON.stringify(optimizer),
    },
  );
}

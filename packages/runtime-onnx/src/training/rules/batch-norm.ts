import type { BatchNormNode } from '@wrn/spec';
import { TENSOR_FLOAT } from '../../onnx-helper.js';
import type { OnnxWriter } from '../onnx-writer.js';
import type { OpRule } from '../op-rule.js';

/** `[C]` parameter as `[1, C, 1, 1]`, to broadcast over NCHW. */
const column = (writer: OnnxWriter, value: string, channels: number, name: string) =>
  writer.op('Reshape', [value, writer.int64s([1, channels, 1, 1], 'channel-column')], name);

/** `[1, C, 1, 1]` statistic as `[C]`. */
const vector = (writer: OnnxWriter, value: string, channels: number, name: string) =>
  writer.op('Reshape', [value, writer.int64s([channels], `vector-${channels}`)], name);

/**
 * Per-channel sum (`ReduceSum`) or sum of squares (`ReduceSumSquare`) of an NCHW tensor as `[1, C, 1, 1]`, in two short
 * float32 sums, over each image's plane and then over the images: one long sum over N * H * W values lost 3e-3 of
 * the update at 32x32, batch 64 on onnxruntime's CPU provider (conformance `real-size-step`).
 */
function channelSums(
  writer: OnnxWriter,
  x: string,
  reduce: 'ReduceSum' | 'ReduceSumSquare',
  name: string,
): string {
  const planes =
    reduce === 'ReduceSum'
      ? writer.op('ReduceSum', [x, writer.int64s([2, 3], 'plane-axes')], `${name}.planes`, { keepdims: 1 })
      : writer.op('ReduceSumSquare', [x], `${name}.planes`, { axes: [2, 3], keepdims: 1 });
  return writer.op('ReduceSum', [planes, writer.int64s([0], 'example-axis')], name, { keepdims: 1 });
}

/**
 * BatchNorm in training mode, as PyTorch: batch mean and biased variance normalise,
 * `y = gamma * (x - mean) / sqrt(var + eps) + beta`; the running statistics move by `momentum` towards the mean
 * and the unbiased variance (`var * m / (m - 1)`, `m = N * H * W`). Backward:
 * `dx = gamma / std * (dy - mean(dy) - xHat * mean(dy * xHat))`, `dGamma = sum(dy * xHat)`, `dBeta = sum(dy)`.
 *
 * @example
 * const { output, saved } = batchNormRule.forward(node, ['group0.block0.conv0'], context);
 */
export const batchNormRule: OpRule<BatchNormNode> = {
  forward(node, inputs, { writer, parameter }) {
    const x = inputs[0]!;
    const name = node.name;
    const count = writer.op(
      'Mul',
      [
        writer.op('Cast', [writer.op('Size', [x], `${name}.size`)], `${name}.size-float`, {
          to: TENSOR_FLOAT,
        }),
        writer.scalar(1 / node.channels, `per-channel-${node.channels}`),
      ],
      `${name}.count`,
    );
    const mean = writer.op(
      'Div',
      [channelSums(writer, x, 'ReduceSum', `${name}.sum`), count],
      `${name}.mean`,
    );
    const centred = writer.op('Sub', [x, mean], `${name}.centred`);
    const squares = channelSums(writer, centred, 'ReduceSumSquare', `${name}.squares`);
    const variance = writer.op('Div', [squares, count], `${name}.variance`);
    const std = writer.op(
      'Sqrt',
      [writer.op('Add', [variance, writer.scalar(node.epsilon, 'epsilon')], `${name}.variance-epsilon`)],
      `${name}.std`,
    );
    const inverseStd = writer.op('Reciprocal', [std], `${name}.inverse-std`);
    const xHat = writer.op('Mul', [centred, inverseStd], `${name}.x-hat`);
    const gamma = column(writer, parameter(node.weight), node.channels, `${name}.gamma`);
    const beta = column(writer, parameter(node.bias), node.channels, `${name}.beta`);
    const scaled = writer.op('Mul', [xHat, gamma], `${name}.scaled`);
    const output = writer.op('Add', [scaled, beta], node.output);
    return { output, saved: { xHat, inverseStd, gamma, count, mean, variance } };
  },
  backward(node, { writer, saved, outputGradient }) {
    const name = node.name;
    const dBeta = channelSums(writer, outputGradient, 'ReduceSum', `${name}.d-beta`);
    const product = writer.op('Mul', [outputGradient, saved.xHat!], `${name}.dy-x-hat`);
    const dGamma = channelSums(writer, product, 'ReduceSum', `${name}.d-gamma`);
    const meanDy = writer.op('Div', [dBeta, saved.count!], `${name}.mean-dy`);
    const meanDyXHat = writer.op('Div', [dGamma, saved.count!], `${name}.mean-dy-x-hat`);
    const centred = writer.op('Sub', [outputGradient, meanDy], `${name}.dy-centred`);
    const projection = writer.op('Mul', [saved.xHat!, meanDyXHat], `${name}.projection`);
    const direction = writer.op('Sub', [centred, projection], `${name}.dy-direction`);
    const scale = writer.op('Mul', [saved.gamma!, saved.inverseStd!], `${name}.dx-scale`);
    const dx = writer.op('Mul', [direction, scale], `${name}.dx`);
    return {
      inputGradients: [dx],
      parameterGradients: new Map([
        [node.weight, vector(writer, dGamma, node.channels, `${name}.weight.gradient`)],
        [node.bias, vector(writer, dBeta, node.channels, `${name}.bias.gradient`)],
      ]),
    };
  },
  stateUpdates(node, saved, { writer, parameter }) {
    const name = node.name;
    const keep = writer.scalar(1 - node.momentum, `keep-${node.momentum}`);
    const take = writer.scalar(node.momentum, `momentum-${node.momentum}`);
    const moved = (running: string, batch: string, label: string) =>
      writer.op(
        'Add',
        [
          writer.op('Mul', [parameter(running), keep], `${name}.${label}-kept`),
          writer.op(
            'Mul',
            [vector(writer, batch, node.channels, `${name}.batch-${label}`), take],
            `${name}.${label}-taken`,
          ),
        ],
        `${name}.new-${label}`,
      );
    const one = writer.scalar(1, 'one');
    const bessel = writer.op(
      'Div',
      [saved.count!, writer.op('Sub', [saved.count!, one], `${name}.count-less-one`)],
      `${name}.bessel`,
    );
    const unbiased = writer.op('Mul', [saved.variance!, bessel], `${name}.unbiased-variance`);
    return new Map([
      [node.runningMean, moved(node.runningMean, saved.mean!, 'mean')],
      [node.runningVar, moved(node.runningVar, unbiased, 'var')],
    ]);
  },
};

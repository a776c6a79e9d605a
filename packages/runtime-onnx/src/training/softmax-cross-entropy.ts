import { TENSOR_FLOAT } from '../onnx-helper.js';
import type { OnnxWriter } from './onnx-writer.js';

/**
 * The loss head as ONNX nodes: mean softmax cross-entropy of `logits` `[N, classes]` against int64 `labels` `[N]`,
 * its gradient `(softmax(z) - onehot) / N`, and the number of examples whose first largest logit is the label.
 *
 * @example
 * const { loss, dLogits, correct } = softmaxCrossEntropy(writer, 'logits', 'labels', 10);
 */
export function softmaxCrossEntropy(
  writer: OnnxWriter,
  logits: string,
  labels: string,
  classes: number,
  names: { loss?: string; correct?: string } = {},
): { loss: string; dLogits: string; correct: string } {
  const logProbabilities = writer.op('LogSoftmax', [logits], 'loss.log-probabilities', { axis: 1 });
  const column = writer.op('Unsqueeze', [labels, writer.int64s([1], 'axis-1')], 'loss.label-column');
  const picked = writer.op('GatherElements', [logProbabilities, column], 'loss.picked', { axis: 1 });
  const meanPicked = writer.op('ReduceMean', [picked], 'loss.mean-picked', { keepdims: 0 });
  const loss = writer.op('Neg', [meanPicked], 'loss', {}, { output: names.loss });
  const probabilities = writer.op('Exp', [logProbabilities], 'loss.probabilities');
  const oneHot = writer.op(
    'OneHot',
    [
      labels,
      writer.int64s([classes], `classes-${classes}`, []),
      writer.floats([0, 1], [2], 'one-hot-values'),
    ],
    'loss.one-hot',
    { axis: -1 },
  );
  const examples = writer.op('Cast', [writer.op('Size', [labels], 'loss.examples')], 'loss.examples-float', {
    to: TENSOR_FLOAT,
  });
  const difference = writer.op('Sub', [probabilities, oneHot], 'loss.difference');
  const dLogits = writer.op('Div', [difference, examples], 'loss.d-logits');
  const predicted = writer.op('ArgMax', [logits], 'loss.predicted', { axis: 1, keepdims: 0 });
  const hits = writer.op('Cast', [writer.op('Equal', [predicted, labels], 'loss.hits')], 'loss.hits-float', {
    to: TENSOR_FLOAT,
  });
  const correct = writer.op('ReduceSum', [hits], 'correct', { keepdims: 0 }, { output: names.correct });
  return { loss, dLogits, correct };
}

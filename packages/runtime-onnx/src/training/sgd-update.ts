import type { SgdSpec } from '@wrn/spec';
import type { OnnxWriter } from './onnx-writer.js';
import { trainingName } from './training-io.js';

/**
 * What {@link writeSgdUpdate} reads: the graph inputs of a parameter, its momentum buffer and (where the optimizer
 * dampens) whether that buffer has started, plus the learning rate.
 *
 * @example
 * const inputs: SgdInputs = { parameter: (name) => name, momentum: ..., started: ..., learningRate: 'learning_rate' };
 */
export interface SgdInputs {
  parameter(name: string): string;
  momentum(name: string): string;
  started(name: string): string;
  learningRate: string;
}

/**
 * One step of `torch.optim.SGD` for each parameter in `gradients`, as ONNX nodes writing the outputs
 * `updated.<name>` and `updated.momentum.<name>`:
 *
 * ```text
 * g   = grad + weightDecay * w
 * buf = momentum * buf + (1 - dampening) * g     (buf = g on a parameter's first step: a zero buffer when
 *                                                 dampening is 0, else a Where on momentum_started.<name>)
 * w  -= lr * (g + momentum * buf)                 Nesterov; w -= lr * buf with plain momentum; w -= lr * g without
 * ```
 *
 * @example
 * writeSgdUpdate(writer, gradients, paperRecipe().optimizer, inputs);
 */
export function writeSgdUpdate(
  writer: OnnxWriter,
  gradients: ReadonlyMap<string, string>,
  optimizer: SgdSpec,
  inputs: SgdInputs,
): void {
  const { momentum, dampening, weightDecay, nesterov } = optimizer;
  for (const [name, gradient] of gradients) {
    const weight = inputs.parameter(name);
    const g =
      weightDecay === 0
        ? gradient
        : writer.op(
            'Add',
            [
              gradient,
              writer.op('Mul', [weight, writer.scalar(weightDecay, 'weight-decay')], `${name}.decay`),
            ],
            `${name}.decayed-gradient`,
          );
    let direction = g;
    if (momentum !== 0) {
      const kept = writer.op(
        'Mul',
        [inputs.momentum(name), writer.scalar(momentum, 'momentum')],
        `${name}.momentum-kept`,
      );
      const added =
        dampening === 0
          ? g
          : writer.op('Mul', [g, writer.scalar(1 - dampening, 'undampened')], `${name}.undampened`);
      const output = trainingName.updated(trainingName.momentum(name));
      if (dampening === 0) {
        writer.op('Add', [kept, added], output, {}, { output });
      } else {
        const continued = writer.op('Add', [kept, added], `${name}.momentum-continued`);
        writer.op('Where', [inputs.started(name), continued, g], output, {}, { output });
      }
      direction = nesterov
        ? writer.op(
            'Add',
            [g, writer.op('Mul', [output, writer.scalar(momentum, 'momentum')], `${name}.look-ahead`)],
            `${name}.direction`,
          )
        : output;
    }
    const step = writer.op('Mul', [direction, inputs.learningRate], `${name}.step`);
    const updated = trainingName.updated(name);
    writer.op('Sub', [weight, step], updated, {}, { output: updated });
  }
}

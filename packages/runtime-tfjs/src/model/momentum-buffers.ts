import * as tf from '@tensorflow/tfjs';
import type { LayerGraph, SgdSpec, WeightMap } from '@wrn/spec';
import { toCanonical, toInternal } from '../layout.js';
import { sgdUpdate } from '../sgd-update.js';

/**
 * The SGD optimizer's momentum buffers (internal layout, by parameter name) and the update that uses them: a
 * buffer appears at a parameter's first update (none with momentum 0), as in PyTorch.
 *
 * @example
 * const momentum = new MomentumBuffers(paperRecipe().optimizer);
 * momentum.update(variables.trainable, gradients, 0.1);
 */
export class MomentumBuffers {
  private buffers = new Map<string, tf.Tensor>();

  constructor(private readonly optimizer: SgdSpec) {}

  /**
   * The spec's SGD update of every variable of `trainable` from gradients in the internal layout.
   *
   * @example
   * momentum.update(variables.trainable, accumulated.gradients, learningRate);
   */
  update(trainable: Map<string, tf.Variable>, gradients: Map<string, tf.Tensor>, learningRate: number): void {
    for (const [name, variable] of trainable) {
      const next = sgdUpdate(
        variable,
        gradients.get(name)!,
        this.buffers.get(name),
        this.optimizer,
        learningRate,
      );
      this.buffers.get(name)?.dispose();
      if (next) this.buffers.set(name, next);
    }
  }

  /**
   * The buffers in the canonical layout, in the graph's parameter order (parameters without one are absent).
   *
   * @example
   * const state = await momentum.read(graph);
   */
  async read(graph: LayerGraph): Promise<WeightMap> {
    const state: WeightMap = new Map();
    for (const parameter of graph.parameters) {
      const buffer = this.buffers.get(parameter.name);
      if (buffer) state.set(parameter.name, await toCanonical(buffer, parameter.shape));
    }
    return state;
  }

  /**
   * Replaces every buffer by those of `state` (canonical layout).
   *
   * @example
   * momentum.load(await other.read(graph));
   */
  load(state: WeightMap): void {
    this.reset();
    for (const [name, tensor] of state) this.buffers.set(name, toInternal(tensor));
  }

  /**
   * Disposes every buffer: the next update starts momentum afresh.
   *
   * @example
   * momentum.reset();
   */
  reset(): void {
    tf.dispose([...this.buffers.values()]);
    this.buffers = new Map();
  }
}

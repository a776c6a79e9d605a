import * as tf from '@tensorflow/tfjs';
import type { LayerGraph, WeightMap } from '@wrn/spec';
import { toCanonical, toInternal } from '../layout.js';

/**
 * A network's parameters as tfjs variables in the internal layout (conv HWIO, dense `[in, out]`), by canonical
 * name: every parameter (BatchNorm running statistics included) and the trainable ones apart. Reads and writes
 * cross the layout boundary here.
 *
 * @example
 * const variables = new ModelVariables(graph, initWeights(spec, 0));
 * const logits = runGraph(graph, variables.parameter, x, { training: false, dropoutSeed: 0 });
 */
export class ModelVariables {
  /** The trainable parameters, in the graph's parameter order. */
  readonly trainable = new Map<string, tf.Variable>();
  private readonly all = new Map<string, tf.Variable>();

  constructor(
    private readonly graph: LayerGraph,
    weights: WeightMap,
  ) {
    for (const parameter of graph.parameters) {
      const initial = toInternal(weights.get(parameter.name)!);
      const variable = tf.variable(initial, parameter.trainable);
      initial.dispose();
      this.all.set(parameter.name, variable);
      if (parameter.trainable) this.trainable.set(parameter.name, variable);
    }
  }

  /**
   * The variable of a parameter; a {@link ParameterLookup} for {@link runGraph}.
   *
   * @example
   * const runningMean = variables.parameter('head.bn.running_mean');
   */
  readonly parameter = (name: string): tf.Variable => {
    const variable = this.all.get(name);
    if (!variable) throw new Error(`internal: parameter '${name}' is not compiled`);
    return variable;
  };

  /**
   * Internal-layout shape of a parameter.
   *
   * @example
   * const gradient = tf.tensor(data, variables.internalShape('head.dense.weight'));
   */
  internalShape(name: string): number[] {
    return this.parameter(name).shape;
  }

  /**
   * Every parameter in the canonical layout, in the graph's order.
   *
   * @example
   * const weights = await variables.read();
   */
  async read(): Promise<WeightMap> {
    const weights: WeightMap = new Map();
    for (const parameter of this.graph.parameters) {
      weights.set(parameter.name, await toCanonical(this.all.get(parameter.name)!, parameter.shape));
    }
    return weights;
  }

  /**
   * Assigns the given parameters (canonical layout); the others keep their values.
   *
   * @example
   * variables.assign(await other.read());
   */
  assign(weights: WeightMap): void {
    for (const [name, tensor] of weights) {
      tf.tidy(() => this.all.get(name)!.assign(toInternal(tensor)));
    }
  }

  /**
   * Disposes every variable; the parameters are gone afterwards.
   *
   * @example
   * variables.dispose();
   */
  dispose(): void {
    tf.dispose([...this.all.values()]);
    this.all.clear();
    this.trainable.clear();
  }
}

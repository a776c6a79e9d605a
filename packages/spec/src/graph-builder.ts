import type { BatchNormSpec } from './model-spec.js';
import type { LayerGraph, LayerNode, ParameterSpec } from './layer-graph.js';

type Shape = number[];

/** Appends nodes and their parameters in execution order, tracking each value's shape. Internal. */
export class GraphBuilder {
  readonly nodes: LayerNode[] = [];
  readonly parameters: ParameterSpec[] = [];
  private readonly shapes = new Map<string, Shape>();

  constructor(
    readonly input: string,
    readonly inputShape: Shape,
    private readonly batchNorm: BatchNormSpec,
  ) {
    this.shapes.set(input, inputShape);
  }

  shapeOf(value: string): Shape {
    const shape = this.shapes.get(value);
    if (!shape) throw new Error(`internal: value '${value}' used before it is produced`);
    return shape;
  }

  private push(node: LayerNode): string {
    this.nodes.push(node);
    this.shapes.set(node.output, node.outputShape);
    return node.output;
  }

  private param(name: string, shape: Shape, trainable: boolean, init: ParameterSpec['init']): string {
    this.parameters.push({ name, shape, trainable, init });
    return name;
  }

  conv(
    name: string,
    input: string,
    outChannels: number,
    kernelSize: number,
    stride: number,
    bias: boolean,
  ): string {
    const [inChannels = 0, height = 0, width = 0] = this.shapeOf(input);
    const padding = (kernelSize - 1) / 2;
    const out = (size: number) => Math.floor((size + 2 * padding - kernelSize) / stride) + 1;
    const weight = this.param(
      `${name}.weight`,
      [outChannels, inChannels, kernelSize, kernelSize],
      true,
      'kaiming-normal',
    );
    const node: LayerNode = {
      op: 'conv2d',
      name,
      inputs: [input],
      output: name,
      outputShape: [outChannels, out(height), out(width)],
      inChannels,
      outChannels,
      kernelSize,
      stride,
      padding,
      weight,
    };
    if (bias) node.bias = this.param(`${name}.bias`, [outChannels], true, 'zeros');
    return this.push(node);
  }

  batchNormalize(name: string, input: string): string {
    const shape = this.shapeOf(input);
    const channels = shape[0] ?? 0;
    return this.push({
      op: 'batchNorm',
      name,
      inputs: [input],
      output: name,
      outputShape: shape,
      channels,
      epsilon: this.batchNorm.epsilon,
      momentum: this.batchNorm.momentum,
      weight: this.param(`${name}.weight`, [channels], true, 'ones'),
      bias: this.param(`${name}.bias`, [channels], true, 'zeros'),
      runningMean: this.param(`${name}.running_mean`, [channels], false, 'zeros'),
      runningVar: this.param(`${name}.running_var`, [channels], false, 'ones'),
    });
  }

  relu(name: string, input: string): string {
    return this.push({ op: 'relu', name, inputs: [input], output: name, outputShape: this.shapeOf(input) });
  }

  dropout(name: string, input: string, rate: number): string {
    if (rate === 0) return input;
    return this.push({
      op: 'dropout',
      name,
      inputs: [input],
      output: name,
      outputShape: this.shapeOf(input),
      rate,
    });
  }

  add(name: string, left: string, right: string): string {
    const shape = this.shapeOf(left);
    if (shape.join() !== this.shapeOf(right).join())
      throw new Error(`internal: ${name} adds mismatched shapes`);
    return this.push({ op: 'add', name, inputs: [left, right], output: name, outputShape: shape });
  }

  globalAvgPool(name: string, input: string): string {
    const channels = this.shapeOf(input)[0] ?? 0;
    return this.push({ op: 'globalAvgPool', name, inputs: [input], output: name, outputShape: [channels] });
  }

  dense(name: string, input: string, outFeatures: number, bias: boolean): string {
    const inFeatures = this.shapeOf(input)[0] ?? 0;
    const weight = this.param(`${name}.weight`, [outFeatures, inFeatures], true, 'kaiming-normal');
    const node: LayerNode = {
      op: 'dense',
      name,
      inputs: [input],
      output: name,
      outputShape: [outFeatures],
      inFeatures,
      outFeatures,
      weight,
    };
    if (bias) node.bias = this.param(`${name}.bias`, [outFeatures], true, 'zeros');
    return this.push(node);
  }

  finish(output: string): LayerGraph {
    return {
      input: this.input,
      inputShape: this.inputShape,
      output,
      nodes: this.nodes,
      parameters: this.parameters,
    };
  }
}

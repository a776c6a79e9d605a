import { makeInt64Tensor, makeNode, makeTensor, type AttributeValue } from '../onnx-helper.js';
import type { NodeProto, TensorProto } from '../onnx-proto.js';

/**
 * Appends ONNX nodes and constants to a graph under construction, naming every value uniquely: one place where the
 * training graph's nodes are written. Each op writes one output, named after `name` (suffixed when taken).
 *
 * @example
 * const writer = new OnnxWriter();
 * const y = writer.op('Relu', ['x'], 'block.relu');
 * const two = writer.scalar(2, 'two');
 */
export class OnnxWriter {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly taken = new Set<string>();
  private readonly scalars = new Map<string, string>();

  /** Reserves `name` (graph inputs, outputs) so no node writes it by accident. @example writer.reserve('input') */
  reserve(name: string): string {
    this.taken.add(name);
    return name;
  }

  /** A unique value name starting with `name`. @example writer.unique('conv.dx') // 'conv.dx' or 'conv.dx.1' */
  unique(name: string): string {
    let candidate = name;
    for (let index = 1; this.taken.has(candidate); index++) candidate = `${name}.${index}`;
    this.taken.add(candidate);
    return candidate;
  }

  /**
   * One node with one output named after `name`; `floats` lists attributes that are floats even when integral.
   * `output` writes a reserved name instead (a graph output). @example writer.op('Add', [a, b], 'sum')
   */
  op(
    opType: string,
    inputs: string[],
    name: string,
    attributes: Record<string, AttributeValue> = {},
    options: { floats?: readonly string[]; output?: string } = {},
  ): string {
    const output = options.output ?? this.unique(name);
    this.nodes.push(makeNode(opType, inputs, [output], output, attributes, options.floats ?? []));
    return output;
  }

  /** A float32 scalar constant, shared by every use of the same value. @example writer.scalar(0.1, 'momentum') */
  scalar(value: number, name: string): string {
    const key = `f:${value}`;
    const known = this.scalars.get(key);
    if (known) return known;
    const constant = this.unique(`constant.${name}`);
    this.initializers.push(makeTensor(constant, [], new Float32Array([value])));
    this.scalars.set(key, constant);
    return constant;
  }

  /** A float32 constant of any shape. @example writer.floats([1, 0], [2], 'one-hot.values') */
  floats(values: readonly number[], dims: readonly number[], name: string): string {
    const constant = this.unique(`constant.${name}`);
    this.initializers.push(makeTensor(constant, dims, Float32Array.from(values)));
    return constant;
  }

  /** An int64 constant (shapes, axes, slice bounds), shared by equal values. @example writer.int64s([0, -1], 'shape') */
  int64s(values: readonly number[], name: string, dims: readonly number[] = [values.length]): string {
    const key = `i:${dims.join('x')}:${values.join(',')}`;
    const known = this.scalars.get(key);
    if (known) return known;
    const constant = this.unique(`constant.${name}`);
    this.initializers.push(makeInt64Tensor(constant, dims, values));
    this.scalars.set(key, constant);
    return constant;
  }
}

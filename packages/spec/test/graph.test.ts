import { describe, expect, it } from 'vitest';
import {
  expandGraph,
  parseModelName,
  wrn,
  type Conv2dNode,
  type LayerGraph,
  type LayerNode,
} from '../src/index.js';

const byName = (graph: LayerGraph, name: string): LayerNode => {
  const node = graph.nodes.find((candidate) => candidate.name === name);
  if (!node) throw new Error(`no node ${name}`);
  return node;
};
const convs = (graph: LayerGraph) => graph.nodes.filter((node): node is Conv2dNode => node.op === 'conv2d');

describe('paper variant', () => {
  const graph = expandGraph(parseModelName('WRN-16-2'));

  it('has no conv bias anywhere and a biased fully-connected head', () => {
    expect(graph.parameters.filter((p) => p.name.endsWith('.bias') && p.name.includes('conv'))).toEqual([]);
    expect(graph.parameters.map((p) => p.name)).toContain('head.fc.bias');
  });

  it('feeds the shared pre-activation to both the first conv and the projection shortcut', () => {
    expect(byName(graph, 'group1.block0.conv0').inputs).toEqual(['group1.block0.relu0']);
    expect(byName(graph, 'group1.block0.shortcut.conv').inputs).toEqual(['group1.block0.relu0']);
    expect(byName(graph, 'group1.block0.relu0').inputs).toEqual(['group1.block0.bn0']);
  });

  it('uses the raw input as identity shortcut when the shape is unchanged', () => {
    expect(byName(graph, 'group1.block1.add').inputs).toEqual(['group1.block1.conv1', 'group1.block0.add']);
  });

  it('puts dropout only between convolutions', () => {
    const dropouts = graph.nodes.filter((node) => node.op === 'dropout').map((node) => node.name);
    expect(dropouts).toContain('group0.block0.dropout1');
    expect(dropouts.some((name) => name.endsWith('dropout0'))).toBe(false);
    expect(byName(graph, 'group0.block0.conv1').inputs).toEqual(['group0.block0.dropout1']);
  });

  it('has stride 2 only on the first conv (and shortcut) of groups 1 and 2, with symmetric padding', () => {
    const strided = convs(graph)
      .filter((node) => node.stride === 2)
      .map((node) => node.name);
    expect(strided).toEqual([
      'group1.block0.conv0',
      'group1.block0.shortcut.conv',
      'group2.block0.conv0',
      'group2.block0.shortcut.conv',
    ]);
    expect(byName(graph, 'group2.block0.conv0').outputShape).toEqual([128, 8, 8]);
    expect(convs(graph).every((node) => node.padding === (node.kernelSize - 1) / 2)).toBe(true);
  });

  it('has widths 16, 16k, 32k, 64k', () => {
    expect(
      ['stem.conv', 'group0.block0.conv0', 'group1.block0.conv0', 'group2.block0.conv0'].map(
        (n) => byName(graph, n).outputShape[0],
      ),
    ).toEqual([16, 32, 64, 128]);
  });

  it('gives group 0 of k = 1 an identity shortcut (16 -> 16 channels)', () => {
    expect(
      expandGraph(parseModelName('WRN-10-1')).parameters.some((p) =>
        p.name.startsWith('group0.block0.shortcut'),
      ),
    ).toBe(false);
  });

  it('omits dropout nodes when dropout is 0', () => {
    expect(
      expandGraph(wrn({ depth: 10, widenFactor: 1, dropout: 0 })).nodes.some((node) => node.op === 'dropout'),
    ).toBe(false);
  });

  it('lists nodes in execution order with unique names and outputs', () => {
    const produced = new Set([graph.input]);
    for (const node of graph.nodes) {
      for (const input of node.inputs) expect(produced.has(input), `${node.name} reads ${input}`).toBe(true);
      expect(produced.has(node.output)).toBe(false);
      produced.add(node.output);
    }
    expect(graph.output).toBe('head.fc');
  });
});

describe('seed-pytorch variant', () => {
  const graph = expandGraph(parseModelName('WRN-10-1', { variant: 'seed-pytorch' }));

  it('biases every conv, stem included', () => {
    expect(convs(graph).every((node) => node.bias === `${node.name}.bias`)).toBe(true);
  });

  it('projects the raw input with conv + BN on every group first block, even when the shape is unchanged', () => {
    expect(byName(graph, 'group0.block0.shortcut.conv').inputs).toEqual(['stem.conv']);
    expect(byName(graph, 'group0.block0.shortcut.bn').inputs).toEqual(['group0.block0.shortcut.conv']);
  });

  it('puts dropout before every conv of the block', () => {
    expect(byName(graph, 'group0.block0.conv0').inputs).toEqual(['group0.block0.dropout0']);
    expect(byName(graph, 'group0.block0.conv1').inputs).toEqual(['group0.block0.dropout1']);
  });
});

describe('seed-keras variant', () => {
  const graph = expandGraph(parseModelName('WRN-10-1', { variant: 'seed-keras' }));

  it('biases only the stem conv and uses BN epsilon 1e-3', () => {
    expect(
      convs(graph)
        .filter((node) => node.bias)
        .map((node) => node.name),
    ).toEqual(['stem.conv']);
    expect(
      graph.nodes
        .filter((node) => node.op === 'batchNorm')
        .every((node) => node.op === 'batchNorm' && node.epsilon === 1e-3),
    ).toBe(true);
  });

  it('projects only where the shape changes', () => {
    const shortcuts = convs(graph)
      .filter((node) => node.name.includes('shortcut'))
      .map((node) => node.name);
    expect(shortcuts).toEqual(['group1.block0.shortcut.conv', 'group2.block0.shortcut.conv']);
  });
});

describe('block types', () => {
  it('expands B(1,3,1) with the stride on its first (1x1) conv', () => {
    const graph = expandGraph(parseModelName('WRN-13-1-B(1,3,1)'));
    const first = byName(graph, 'group1.block0.conv0') as Conv2dNode;
    expect([first.kernelSize, first.stride, first.padding]).toEqual([1, 2, 0]);
    expect((byName(graph, 'group1.block0.conv1') as Conv2dNode).kernelSize).toBe(3);
  });

  it('handles non-square-friendly input sizes', () => {
    const graph = expandGraph(wrn({ depth: 10, widenFactor: 1, inputSize: 8 }));
    expect(graph.nodes.at(-3)?.outputShape).toEqual([64, 2, 2]);
  });
});

"""@wrn/spec's dropout mask generator ('wrn-counter-1') in numpy, vectorised, for PyTorch runs that replay ours.

packages/spec/src/dropout-masks.ts defines it: element i of a step's whole batch (NCHW, example-major) of dropout
layer `layer` is kept when u(i) >= rate, where u(i) is mulberry32's output at state key + (i + 1) * 0x6d2b79f5
(mod 2^32) over 2^32 and key = derive_seed(step_seed, layer), FNV-1a (packages/spec/src/random.ts). Every value
here is uint32 arithmetic that wraps as JavaScript's Math.imul and >>> 0 do. A micro-batch draws its example range
{start, size} of the step's masks, as `dropoutMasks(graph, stepSeed, { start, size })` does.

Run as a script, it checks itself against the TypeScript generator (the built @wrn/spec, through node): single
masks at a seed past 2^31 and at offsets that wrap the counter, and every dropout layer of a WRN-10-1 and of a
seed-pytorch WRN-13-2 B(3,1,3) graph (`dropoutMasks`) for an example range that does not start at 0.
Usage (from the repository root, after npm run build):
  /usr/bin/python3 scripts/python/dropout_masks.py
"""
import base64
import json
import os
import subprocess
import sys

import numpy as np

GENERATOR = 'wrn-counter-1'  # DROPOUT_MASK_GENERATOR of @wrn/spec
GOLDEN = np.uint32(0x6D2B79F5)
MASK32 = 0xFFFFFFFF


def derive_seed(seed, name):
    """FNV-1a over the name's UTF-16 code units (JavaScript's charCodeAt), from 0x811c9dc5 XOR the seed."""
    value = (0x811C9DC5 ^ seed) & MASK32
    units = np.frombuffer(name.encode('utf-16-le'), '<u2')
    for unit in units.tolist():
        value = ((value ^ unit) * 0x01000193) & MASK32
    return value


def dropout_mask(step_seed, layer, rate, per_example, start, size):
    """The keep mask (uint8, 1 keep) of examples start .. start + size - 1 of a step, flat in NCHW order.

    mulberry32 in place on uint32 arrays (about twice as fast as with temporaries: WRN-16-4's masks of a batch of
    128, 29 million elements, take 0.2-0.3 s on one core of a 2-vCPU machine)."""
    threshold = np.ceil(rate * 4294967296.0)  # u >= rate * 2^32 for an integer u is u >= ceil(rate * 2^32)
    count = size * per_example
    if threshold > MASK32:
        return np.zeros(count, np.uint8)
    with np.errstate(over='ignore'):
        state = np.arange(1, count + 1, dtype=np.uint32)  # the counter i + 1 of each element
        state += np.uint32((start * per_example) & MASK32)  # Math.imul wraps the offset too
        state *= GOLDEN
        state += np.uint32(derive_seed(step_seed, layer))  # state = key + (i + 1) * 0x6d2b79f5
        t = state >> np.uint32(15)
        t ^= state
        state |= np.uint32(1)
        t *= state  # t = imul(s ^ s >>> 15, s | 1)
        u = t >> np.uint32(7)
        u ^= t
        state = t | np.uint32(61)
        u *= state
        u += t
        t ^= u  # t ^= t + imul(t ^ t >>> 7, t | 61)
        u = t >> np.uint32(14)
        t ^= u  # the output: t ^ t >>> 14
    return (t >= np.uint32(threshold)).view(np.uint8)


def step_masks(layers, step_seed, start, size):
    """{layer: uint8 keep mask [size, C, H, W]} of examples start .. start + size - 1 for `layers`, the layer
    graph's dropout nodes as [(name, rate, (C, H, W))]."""
    masks = {}
    for name, rate, shape in layers:
        per_example = shape[0] * shape[1] * shape[2]
        mask = dropout_mask(step_seed, name, rate, per_example, start, size)
        masks[name] = mask.reshape((size,) + shape)
    return masks


NODE_CHECK = r"""
import { dropoutMask, dropoutMasks, expandGraph, validateModelSpec } from '@wrn/spec';
const input = JSON.parse(process.argv[1]);
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const out = { single: input.single.map((c) => b64(dropoutMask(c.stepSeed, c.layer, c.rate, c.perExample, c))) };
out.graphs = input.graphs.map((c) => {
  const graph = expandGraph(validateModelSpec(c.spec));
  const masks = dropoutMasks(graph, c.stepSeed, { start: c.start, size: c.size });
  const shapes = graph.nodes.filter((n) => n.op === 'dropout').map((n) => [n.name, n.outputShape]);
  return { masks: Object.fromEntries([...masks].map(([name, mask]) => [name, b64(mask)])), shapes };
});
console.log(JSON.stringify(out));
"""


def _spec(depth, k, variant='paper', block=(3, 3), dropout=0.3):
    return {'specVersion': 1, 'depth': depth, 'widenFactor': k, 'numClasses': 10, 'dropout': dropout,
            'blockType': list(block), 'variant': variant,
            'input': {'channels': 3, 'height': 32, 'width': 32, 'mean': [0.0] * 3, 'std': [1.0] * 3},
            'batchNorm': {'epsilon': 1e-3 if variant == 'seed-keras' else 1e-5, 'momentum': 0.1}}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    single = [
        {'stepSeed': 1234, 'layer': 'group0.block0.dropout1', 'rate': 0.3, 'perExample': 1024, 'start': 5, 'size': 2},
        {'stepSeed': 4000000000, 'layer': 'group2.block1.dropout1', 'rate': 0.5, 'perExample': 640,
         'start': 100000, 'size': 1},
        {'stepSeed': 7, 'layer': 'group1.block0.dropout0', 'rate': 0.1, 'perExample': 9000, 'start': 500000,
         'size': 3},
    ]
    graphs = [
        {'spec': _spec(10, 1), 'stepSeed': 2890123456, 'start': 3, 'size': 4},
        {'spec': _spec(13, 2, 'seed-pytorch', (3, 1, 3), 0.4), 'stepSeed': 99, 'start': 1, 'size': 2},
    ]
    done = subprocess.run(['node', '--input-type=module', '-e', NODE_CHECK, json.dumps(
        {'single': single, 'graphs': graphs})], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f'node could not run @wrn/spec (npm run build first?): {done.stderr.strip()}')
    answer = json.loads(done.stdout)
    decode = lambda text: np.frombuffer(base64.b64decode(text), np.uint8)  # noqa: E731
    failures = 0
    for case, expected in zip(single, answer['single']):
        mine = dropout_mask(case['stepSeed'], case['layer'], case['rate'], case['perExample'], case['start'],
                            case['size'])
        same = np.array_equal(mine, decode(expected))
        failures += not same
        print(f"{case['layer']} seed {case['stepSeed']} start {case['start']}: {mine.size} elements, "
              f"{int(mine.sum())} kept, {'equal' if same else 'DIFFERENT'}")
    for case, expected in zip(graphs, answer['graphs']):
        spec = case['spec']
        layers = [(name, spec['dropout'], tuple(shape)) for name, shape in expected['shapes']]
        mine = step_masks(layers, case['stepSeed'], case['start'], case['size'])
        for name, text in expected['masks'].items():
            same = np.array_equal(mine[name].ravel(), decode(text))
            failures += not same
            print(f"WRN-{spec['depth']}-{spec['widenFactor']} {spec['variant']} seed {case['stepSeed']} examples "
                  f"{case['start']}..{case['start'] + case['size'] - 1} {name} {mine[name].shape}: "
                  f"{'equal' if same else 'DIFFERENT'}")
    print('all equal' if failures == 0 else f'{failures} differences')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()

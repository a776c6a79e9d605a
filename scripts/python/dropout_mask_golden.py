"""Golden values for @wrn/spec's dropout mask generator ('wrn-counter-1'), from its documented formula alone.

packages/spec/src/dropout-masks.ts documents it: element i of a step's whole batch (NCHW, example-major) is kept when
u(i) >= rate, where u(i) is mulberry32's output at state key + (i + 1) * 0x6d2b79f5 (mod 2^32) over 2^32, and
key = deriveSeed(step_seed, layer), FNV-1a over the layer name starting from 0x811c9dc5 XOR the seed
(packages/spec/src/random.ts). Nothing here runs or reads that TypeScript. Plain python3, no packages.

  python3 scripts/python/dropout_mask_golden.py

packages/spec/test/dropout-masks.test.ts pastes what it prints.
"""
import json

MASK32 = 0xFFFFFFFF


def derive_seed(seed, name):
    """FNV-1a (32-bit) of the name's characters, from the offset basis XOR the seed."""
    value = (0x811C9DC5 ^ seed) & MASK32
    for character in name:
        value ^= ord(character)
        value = (value * 0x01000193) & MASK32
    return value


def mulberry32_output(state):
    """mulberry32's output for a state (Tommy Ettinger's mulberry32, after its state increment)."""
    t = ((state ^ (state >> 15)) * (state | 1)) & MASK32
    t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK32)) & MASK32
    return (t ^ (t >> 14)) & MASK32


def keep(step_seed, layer, rate, element):
    """Whether element `element` of the step's whole batch is kept (u >= rate, u in [0, 1))."""
    state = (derive_seed(step_seed, layer) + (element + 1) * 0x6D2B79F5) & MASK32
    return mulberry32_output(state) / 2**32 >= rate


def mask(step_seed, layer, rate, per_example, start, size):
    """The keep mask of examples start .. start + size - 1, as 0/1."""
    first = start * per_example
    return [int(keep(step_seed, layer, rate, first + i)) for i in range(size * per_example)]


def main():
    cases = [
        # A group-0 dropout of an 8x8 WRN-10-1 (16 x 8 x 8 per example): examples 5 and 6 of a step.
        {'stepSeed': 1234, 'layer': 'group0.block0.dropout1', 'rate': 0.3, 'perExample': 1024, 'start': 5,
         'size': 2},
        # A seed past 2^31 and a large offset (the counter wraps around 2^32 many times).
        {'stepSeed': 4000000000, 'layer': 'group2.block1.dropout1', 'rate': 0.5, 'perExample': 640,
         'start': 100000, 'size': 1},
    ]
    for case in cases:
        bits = mask(case['stepSeed'], case['layer'], case['rate'], case['perExample'], case['start'], case['size'])
        print(json.dumps({**case, 'key': derive_seed(case['stepSeed'], case['layer']), 'first': bits[:8],
                          'kept': sum(bits), 'length': len(bits)}))


if __name__ == '__main__':
    main()

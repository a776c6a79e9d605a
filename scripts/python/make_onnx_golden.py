"""Golden logits for @wrn/runtime-onnx's tests, computed by PyTorch (eval mode) with fixed random weights.

For each small network below it draws weights with torch's generator (conv/dense: scaled normal, BatchNorm
gamma/beta/running statistics: non-trivial random values so folding BN is really exercised), runs the model
from scripts/python/wrn_torch.py in eval mode on a fixed random batch, and writes
packages/runtime-onnx/test/fixtures/golden-<name>.json: the spec, the weights (float32 little-endian, base64),
the input batch and PyTorch's logits. The tests export the same weights to ONNX and compare.

Usage: /usr/bin/python3 scripts/python/make_onnx_golden.py && npx prettier --write packages/runtime-onnx/test/fixtures
"""
import base64
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from wrn_torch import WRN, spec_of  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'runtime-onnx', 'test', 'fixtures')
# name, depth, k, variant, block type, input size, batch
CASES = [
    ('paper-wrn-10-1', 10, 1, 'paper', (3, 3), 8, 3),
    ('seed-pytorch-wrn-10-1', 10, 1, 'seed-pytorch', (3, 3), 8, 2),
    ('seed-keras-wrn-13-1-b313', 13, 1, 'seed-keras', (3, 1, 3), 8, 2),
]


def encode(tensor):
    return base64.b64encode(tensor.detach().contiguous().float().numpy().astype('<f4').tobytes()).decode()


def randomize(model, generator):
    with torch.no_grad():
        for name, tensor in model.state_dict().items():
            if name.endswith('num_batches_tracked'):
                continue
            shape = tensor.shape
            if name.endswith('running_var'):
                value = 0.5 + torch.rand(shape, generator=generator)
            elif name.endswith('running_mean') or name.endswith('bias'):
                value = 0.2 * torch.randn(shape, generator=generator)
            elif tensor.dim() == 1:  # BN gamma
                value = 0.75 + 0.5 * torch.rand(shape, generator=generator)
            else:  # conv / dense weights, He-like scale
                fan_in = tensor[0].numel()
                value = torch.randn(shape, generator=generator) * (2.0 / fan_in) ** 0.5
            tensor.copy_(value)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, depth, k, variant, block, size, batch in CASES:
        spec = spec_of(depth, k, 10, variant, block, dropout=0.3)
        spec['input'].update(height=size, width=size, mean=[0.5, 0.4, 0.3], std=[0.25, 0.25, 0.25])
        model = WRN(spec).eval()
        generator = torch.Generator().manual_seed(1234)
        randomize(model, generator)
        images = torch.randn(batch, 3, size, size, generator=generator)
        with torch.no_grad():
            logits = model(images)
        weights = {key: {'shape': list(value.shape), 'data': encode(value)}
                   for key, value in model.state_dict().items() if not key.endswith('num_batches_tracked')}
        fixture = {'source': f'PyTorch {torch.__version__} eval mode, scripts/python/make_onnx_golden.py',
                   'spec': spec, 'batch': batch, 'images': encode(images), 'logits': encode(logits),
                   'weights': weights}
        path = os.path.join(OUT, f'golden-{name}.json')
        with open(path + '.tmp', 'w') as handle:
            json.dump(fixture, handle)
        os.replace(path + '.tmp', path)
        print(f'{name}: {len(weights)} tensors, logits[0][:3] = {logits[0][:3].tolist()} -> {path}')


if __name__ == '__main__':
    main()

"""Loads @wrn checkpoints (safetensors written by @wrn/checkpoint) into the PyTorch WRN of wrn_torch.py.

For each file: reads the spec from __metadata__['wrn.spec'], builds the model, checks the file's names (minus
optimizer.*) are exactly the model's state_dict names (minus BatchNorm's num_batches_tracked, which @wrn does not
store), load_state_dict(strict=True), runs an eval-mode forward pass on a fixed input and prints the logits.
Writes <file>.logits.safetensors with tensors 'input' [2, C, H, W] and 'logits' [2, classes] (F32) so a TS test
or script can compare its own forward pass. The fixed input is x.flat[i] = sin(0.01 i) in float32.

Run: MALLOC_MMAP_THRESHOLD_=33554432 /usr/bin/python3 scripts/python/check_checkpoint.py <files...>
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
from wrn_torch import WRN, trainable  # noqa: E402


def fixed_input(spec, batch=2):
    shape = (batch, spec['input']['channels'], spec['input']['height'], spec['input']['width'])
    return np.sin(0.01 * np.arange(np.prod(shape), dtype=np.float64)).astype(np.float32).reshape(shape)


def check(path):
    tensors, metadata = safetensors_io.load(path)
    assert metadata.get('format') == 'wrn-checkpoint', f"{path}: format is {metadata.get('format')!r}"
    spec = json.loads(metadata['wrn.spec'])
    model = WRN(spec)
    state = {name: torch.from_numpy(value) for name, value in tensors.items() if not name.startswith('optimizer.')}
    expected = [name for name in model.state_dict() if not name.endswith('num_batches_tracked')]
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    assert not missing and not unexpected, f'{path}: missing {missing}, unexpected {unexpected}'
    assert list(state) == expected, f'{path}: same names but a different order'
    # The state dict has no _metadata, so BatchNorm fills num_batches_tracked itself; everything else is strict.
    model.load_state_dict(state, strict=True)
    model.eval()
    x = fixed_input(spec)
    with torch.no_grad():
        logits = model(torch.from_numpy(x)).numpy()
    weight_sum = sum(float(tensors[name].astype(np.float64).sum()) for name in state)
    optimizer = sorted(name for name in tensors if name.startswith('optimizer.'))
    eps = {module.eps for module in model.modules() if isinstance(module, torch.nn.BatchNorm2d)}
    print(f'{os.path.basename(path)}: {spec["variant"]} depth {spec["depth"]} k {spec["widenFactor"]} '
          f'block {spec["blockType"]} classes {spec["numClasses"]}; {len(state)} tensors, {trainable(model):,} trainable, '
          f'weightSum={weight_sum:.12g}, BN eps {sorted(eps)}, {len(optimizer)} optimizer.* keys dropped, metadata epoch={metadata.get("epoch")}')
    np.set_printoptions(precision=6, suppress=True, linewidth=140)
    print(f'  logits[0][:5] = {logits[0][:5]}\n  logits[1][:5] = {logits[1][:5]}')
    out = path[:-len('.safetensors')] + '.logits.safetensors' if path.endswith('.safetensors') else path + '.logits'
    safetensors_io.save(out, {'input': x, 'logits': logits.astype(np.float32)}, {'source': os.path.basename(path)})


if __name__ == '__main__':
    files = [name for name in sys.argv[1:] if not name.endswith('.logits.safetensors')]
    if not files:
        sys.exit(__doc__)
    for file in files:
        check(file)
    print(f'{len(files)} checkpoint(s) loaded with strict=True')

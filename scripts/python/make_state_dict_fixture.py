"""Writes packages/checkpoint/test/fixtures/torch-state-dicts.json: for a few specs (every variant, several block
types), the names and shapes of the PyTorch model's state_dict (wrn_torch.py) in registration order, minus
BatchNorm's num_batches_tracked. The checkpoint tests check that a checkpoint holds exactly these, so the suite
verifies loadability into PyTorch without needing Python.

Run: /usr/bin/python3 scripts/python/make_state_dict_fixture.py && npx prettier --write packages/checkpoint/test/fixtures
"""
import json
import os

from wrn_torch import WRN, spec_of, trainable

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'packages', 'checkpoint', 'test', 'fixtures', 'torch-state-dicts.json')

SPECS = [
    spec_of(10, 1),
    spec_of(16, 2, classes=100),
    spec_of(13, 1, block=(3, 1, 3)),
    spec_of(22, 2, block=(3, 1, 1)),
    spec_of(16, 1, variant='seed-pytorch'),
    spec_of(10, 2, variant='seed-pytorch', block=(1, 3)),
    spec_of(16, 2, variant='seed-keras'),
    spec_of(13, 1, variant='seed-keras', block=(1, 3, 1)),
]

if __name__ == '__main__':
    cases = []
    for spec in SPECS:
        model = WRN(spec)
        state = [[name, list(value.shape)] for name, value in model.state_dict().items()
                 if not name.endswith('num_batches_tracked')]
        cases.append({'spec': spec, 'trainable': trainable(model), 'stateDict': state})
    with open(OUT, 'w') as out:
        json.dump({'source': 'scripts/python/make_state_dict_fixture.py (PyTorch ' + __import__('torch').__version__ + ')',
                   'cases': cases}, out, separators=(',', ':'))
        out.write('\n')
    print(f'wrote {len(cases)} state dicts to {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)')

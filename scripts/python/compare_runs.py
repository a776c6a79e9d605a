"""Side by side: the metrics of run folders (a `wrn train` run and its PyTorch replays), epoch by epoch.

For every epoch it prints trainLoss, trainError, testLoss and testTop1Error of each run and the largest gap to the
first run. With --steps N it also prints the first N step losses of the runs that record them (steps.jsonl of
train_torch_reference.py; a wrn train run records per-epoch metrics only: train it with --limit-train equal to
--batch-size for one step an epoch). With --init FILE (the starting weights of every run) it compares the runs' last
weights: per tensor max |weights - first run's weights| / max |first run's weights - initial weights|, the worst
tensor per run (wrn runs: last.safetensors; PyTorch runs: torch-last.pt); tensors the run barely moved (under 1e-6 of
the largest update, e.g. conv biases before BatchNorm) by their absolute gap.

Usage (from the repository root):
  /usr/bin/python3 scripts/python/compare_runs.py runs/a-torch64 runs/a runs/a-torch \
      [--steps 8] [--init init.safetensors]
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

METRICS = ['trainLoss', 'trainError', 'testLoss', 'testTop1Error']


def read_lines(path):
    with open(path, encoding='utf-8') as lines:
        return [json.loads(line) for line in lines if line.strip()]


def last_weights(run):
    """The weights a run ended with, as float64 numpy arrays by canonical name."""
    torch_checkpoint = os.path.join(run, 'torch-last.pt')
    if os.path.exists(torch_checkpoint):
        import torch
        model = torch.load(torch_checkpoint)['model']
        return {k: v.double().numpy() for k, v in model.items() if not k.endswith('num_batches_tracked')}
    tensors, _ = safetensors_io.load(os.path.join(run, 'last.safetensors'))
    return {k: v.astype(np.float64) for k, v in tensors.items() if not k.startswith('optimizer.')}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('runs', nargs='+', help='run folders; the first is the one the others are compared with')
    parser.add_argument('--steps', type=int, default=0)
    parser.add_argument('--init', help='the starting weights of every run, to compare the last weights')
    args = parser.parse_args()
    names = [os.path.basename(os.path.normpath(run)) for run in args.runs]
    metrics = [read_lines(os.path.join(run, 'metrics.jsonl')) for run in args.runs]
    width = max(14, *(len(name) for name in names))
    for key in METRICS:
        print(f'{key:14s} ' + ' '.join(f'{name:>{width}s}' for name in names) + '   max gap to the first')
        for epoch in range(min(len(m) for m in metrics)):
            values = [m[epoch].get(key) for m in metrics]
            if any(value is None for value in values):
                continue
            gap = max(abs(value - values[0]) for value in values[1:]) if len(values) > 1 else 0.0
            print(f'  epoch {epoch:<6d} ' + ' '.join(f'{value:>{width}.9f}' for value in values) + f'   {gap:.2e}')
    if args.steps:
        stepped = [(name, read_lines(os.path.join(run, 'steps.jsonl'))) for name, run in zip(names, args.runs)
                   if os.path.exists(os.path.join(run, 'steps.jsonl'))]
        print('step loss      ' + ' '.join(f'{name:>{width}s}' for name, _ in stepped))
        for step in range(min([args.steps] + [len(lines) for _, lines in stepped])):
            print(f'  step {step:<7d} ' + ' '.join(f"{lines[step]['loss']:>{width}.9f}" for _, lines in stepped))
    if args.init:
        initial, _ = safetensors_io.load(args.init)
        weights = [last_weights(run) for run in args.runs]
        first = weights[0]
        updates = {key: np.abs(value - initial[key].astype(np.float64)).max() for key, value in first.items()}
        # A tensor the step barely moves (a conv bias before BatchNorm: its gradient is zero but for rounding) has no
        # meaningful relative error; those are reported by their absolute gap.
        floor = 1e-6 * max(updates.values())
        for name, other in zip(names[1:], weights[1:]):
            gaps = {key: np.abs(other[key] - value).max() for key, value in first.items()}
            errors = {key: gaps[key] / updates[key] for key in first if updates[key] > floor}
            still = [key for key in first if updates[key] <= floor]
            worst = max(errors, key=errors.get)
            note = '' if not still else \
                f'; {len(still)} tensors barely moved, largest absolute gap {max(gaps[k] for k in still):.1e}'
            print(f'last weights of {name}: worst {errors[worst]:.2e} of the update in {worst} '
                  f'(median tensor {np.median(list(errors.values())):.2e}){note}')

if __name__ == '__main__':
    main()

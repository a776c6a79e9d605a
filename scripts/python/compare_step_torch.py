"""One SGD step on real CIFAR-10 images, every training runtime against PyTorch, tensor by tensor.

From one `wrn init` checkpoint (dropout 0, so no masks are drawn), each runtime takes one step of the paper's SGD
(lr 0.1, Nesterov 0.9, weight decay 5e-4 on every parameter) on the first BATCH images of data_batch_1.bin
(scripts/one-step-runtimes.mjs, one process per runtime). PyTorch (wrn_torch.py, torch.optim.SGD) takes the same
step in float64 and float32 on the same images, which this script reads and normalises itself (the spec's mean and
std, as torchvision's ToTensor + Normalize). For every tensor it prints the update error

    max |update - torch64 update| / max |torch64 update|

and the worst tensor per runtime; PyTorch float32 is printed too as the floor honest float32 arithmetic reaches.
A runtime passes when every tensor is within 1e-4.

Conditioning: a ReLU input within float32 rounding of zero flips its mask in float32 arithmetic, which moves one
term of a 65,536-term weight gradient (~1/256 of it). PyTorch float32 itself then misses 1e-4 (WRN-10-1 with
`wrn init --seed 1` on cifar-10-mini: 6.5e-3 in group1.block0.conv1.weight; seeds 0 and 2-5: 2e-5..5e-5, the
float32 rounding of the stored weights). The script counts the ReLU masks that differ between PyTorch's float32 and
float64 steps and prints PyTorch float32's own error; a runtime's float32 arithmetic can flip a mask PyTorch's does
not (seed 6: PyTorch float32 flips one, tfjs wasm none), so an error of ~1e-3..1e-2 confined to the tensors upstream
of one ReLU is a flip, not a bug: try another --seed.

Needs the built packages (npm run build); webgpu needs Debian's chromium (SwiftShader) and runs slowly.
Usage (from the repository root):
  MALLOC_MMAP_THRESHOLD_=33554432 /usr/bin/python3 scripts/python/compare_step_torch.py \
      ../shared/data/cifar-10-mini [--model WRN-10-1] [--batch 64] [--runtimes reference,tfjs/cpu,tfjs/wasm,...]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
import wrn_torch  # noqa: E402
from wrn_torch import WRN  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, 'packages', 'cli', 'dist', 'bin.js')
STEP = os.path.join(ROOT, 'scripts', 'one-step-runtimes.mjs')
RUNTIMES = 'reference,tfjs/cpu,tfjs/wasm,tfjs/wasm:2,webgpu'  # name[/backend][:threads]
LIMIT = 1e-4  # the bar: 1e-4 of the largest reference update, per tensor
SWIFTSHADER = {'VK_ICD_FILENAMES': '/usr/lib/chromium/vk_swiftshader_icd.json',
               'LD_LIBRARY_PATH': '/usr/lib/chromium', 'XDG_RUNTIME_DIR': tempfile.gettempdir()}


def read_images(folder, spec, count):
    """The first `count` records of data_batch_1.bin: 1 label byte then 3072 bytes (R, G, B planes of 32x32)."""
    raw = np.fromfile(os.path.join(folder, 'data_batch_1.bin'), np.uint8, count * 3073).reshape(count, 3073)
    labels = torch.from_numpy(raw[:, 0].astype(np.int64))
    pixels = torch.from_numpy(raw[:, 1:].reshape(count, 3, 32, 32).astype(np.float32)) / 255
    mean = torch.tensor(spec['input']['mean'], dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(spec['input']['std'], dtype=torch.float32).view(1, 3, 1, 1)
    return (pixels - mean) / std, labels


def torch_step(spec, initial, images, labels, dtype, lr, relu_inputs=None):
    """One training step; with `relu_inputs` (a list), records every ReLU's input."""
    relu = wrn_torch.F.relu
    if relu_inputs is not None:
        def recording(x):
            relu_inputs.append(x.detach().clone())
            return relu(x)
        wrn_torch.F = _Functional(recording)
    try:
        return _step(spec, initial, images, labels, dtype, lr)
    finally:
        wrn_torch.F = F


class _Functional:
    """torch.nn.functional with relu replaced."""

    def __init__(self, relu):
        self.relu = relu

    def __getattr__(self, name):
        return getattr(F, name)


def _step(spec, initial, images, labels, dtype, lr):
    model = WRN(spec).to(dtype)
    model.load_state_dict({k: torch.from_numpy(v).to(dtype) for k, v in initial.items()}, strict=True)
    model.train()
    sgd = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    loss = F.cross_entropy(model(images.to(dtype)), labels)
    loss.backward()
    sgd.step()
    state = model.state_dict()
    return {k: state[k].double().numpy() for k in initial}, float(loss)


def update_errors(after, before, reference):
    errors = {}
    for name, start in before.items():
        step = reference[name] - start
        gap = np.abs(after[name].astype(np.float64) - reference[name]).max()
        scale = np.abs(step).max()
        errors[name] = gap / scale if scale > 0 else gap
    return errors


def run_runtime(target, init, folder, batch, lr, out):
    name, _, threads = target.partition(':')
    command = ['node', STEP, '--runtime', name, '--init', init, '--data', folder, '--batch', str(batch),
               '--lr', str(lr), '--out', out] + (['--threads', threads] if threads else [])
    env = {**os.environ, **(SWIFTSHADER if name == 'webgpu' else {})}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f'{target} failed: {done.stderr.strip().splitlines()[-1:]}')
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('data', help='a CIFAR-10 binary folder (data_batch_1.bin, batches.meta.txt)')
    parser.add_argument('--model', default='WRN-10-1')  # 16 channels over 32x32 in group 0: the long reductions
    parser.add_argument('--batch', type=int, default=64)  # 64 x 32 x 32 = 65,536 terms per channel
    parser.add_argument('--lr', type=float, default=0.1)  # the paper's first rate
    parser.add_argument('--runtimes', default=RUNTIMES)
    parser.add_argument('--seed', type=int, default=0)  # wrn init's seed; see Conditioning above
    args = parser.parse_args()
    torch.set_num_threads(2)
    with tempfile.TemporaryDirectory() as folder:
        init = os.path.join(folder, 'init.safetensors')
        subprocess.run(['node', CLI, 'init', args.model, '--dropout', '0', '--seed', str(args.seed), '--out', init],
                       check=True, capture_output=True)
        tensors, metadata = safetensors_io.load(init)
        spec = json.loads(metadata['wrn.spec'])
        initial = {k: v for k, v in tensors.items() if not k.startswith('optimizer.')}
        images, labels = read_images(args.data, spec, args.batch)
        relu64, relu32 = [], []
        torch64, loss64 = torch_step(spec, initial, images, labels, torch.float64, args.lr, relu64)
        torch32, loss32 = torch_step(spec, initial, images, labels, torch.float32, args.lr, relu32)
        flips = sum(int(((a > 0) != (b > 0)).sum()) for a, b in zip(relu64, relu32))
        before = {k: v.astype(np.float64) for k, v in initial.items()}
        print(f'{args.model}, batch {args.batch} of {args.data}, lr {args.lr}; torch {torch.__version__}; '
              f'loss torch64 {loss64:.9f}, torch32 {loss32:.9f}; ReLU masks that differ between torch32 and torch64: '
              f'{flips} of {sum(x.numel() for x in relu64):,}')
        rows = [('torch float32', torch32, loss32, None)]
        for target in args.runtimes.split(','):
            out = os.path.join(folder, target.replace('/', '-').replace(':', '-') + '.safetensors')
            result = run_runtime(target, init, args.data, args.batch, args.lr, out)
            after, _ = safetensors_io.load(out)
            rows.append((target, after, result['loss'], result['seconds']))
        names = list(initial)
        table = {label: update_errors(after, before, torch64) for label, after, _, _ in rows}
        width = max(len(name) for name in names)
        print(f"{'tensor':{width}s} " + ' '.join(f'{label:>14s}' for label, *_ in rows))
        for name in names:
            print(f'{name:{width}s} ' + ' '.join(f'{table[label][name]:14.2e}' for label, *_ in rows))
        failed = False
        for label, _, loss, seconds in rows:
            worst = max(names, key=lambda n: table[label][n])
            ok = table[label][worst] <= LIMIT
            failed |= not ok and label != 'torch float32'
            timing = '' if seconds is None else f', step {seconds:.1f} s'
            print(f'{label:14s} worst {table[label][worst]:.2e} in {worst}; loss {loss:.9f} '
                  f'(torch64 {loss64:.9f}){timing}: {"ok" if ok else "OVER"} {LIMIT}')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()

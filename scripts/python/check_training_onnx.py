"""Checks an exported ONNX training step (`wrn export --format onnx --training`) with the official onnx checker and
against PyTorch, by hand (not a test).

1. onnx.checker.check_model(model, full_check=True) (Debian's onnx 1.12: schema, opset 17, strict shape inference).
2. One step in onnxruntime (Python) fed only `input`, `labels`, `learning_rate` and the dropout masks: weights,
   running statistics and momentum buffers come from the file's initializers (the defaults of those inputs).
3. The same step in PyTorch (wrn_torch.py from the file's `wrn.spec`, its initializers as the state dict,
   model.train(), F.cross_entropy, torch.optim.SGD with the file's `wrn.optimizer`: momentum 0.9, Nesterov, weight
   decay 5e-4 for the paper recipe), in float64 and float32. With dropout, PyTorch uses the very masks fed to
   onnxruntime (the counter-based generator of packages/spec/src/dropout-masks.ts, written again below and checked
   against a mask @wrn/spec drew).
4. For every weight, running statistic and momentum buffer, the update error
       max |update - torch64 update| / max |torch64 update|
   of onnxruntime and of PyTorch float32 (the floor of float32 arithmetic), and the loss of each.
5. A second step on the next batch from PyTorch float64's state after step 1 (rounded to float32), fed to
   onnxruntime through every input that has a default (weights, running statistics, momentum buffers): the file's
   defaults can be overridden, and the file continues a run. Compared as step 1.

Conditioning (as in compare_step_torch.py): a ReLU input within float32 rounding of zero flips its mask in float32
arithmetic, which moves one term of a weight gradient and puts every tensor upstream of that ReLU ~1e-3 of its
update away from the float64 step, PyTorch float32 included. The script counts, per step, the ReLU masks of
onnxruntime (the forward Relu outputs, read from a copy of the graph that also outputs them) and of PyTorch float32
that differ from PyTorch float64's; an error confined to the tensors upstream of a flipped ReLU is that, not a
wrong graph. The update bar is 1e-4 of the largest float64 update, per tensor; exit status 1 when onnxruntime misses
it.

Images: the first BATCH records of data_batch_1.bin of a CIFAR-10 binary folder (--data), normalised with the spec's
mean and std, or a synthetic batch (seeded normal images, labels 0..9 in turn) without --data.

Usage (from the repository root; the venv of results/onnx-training-check/README.md):
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=1000000000 \\
    /work/venv-ort/bin/python scripts/python/check_training_onnx.py MODEL.onnx|CHECKPOINT.safetensors \\
    [--data ../shared/data/cifar-10-mini] [--batch 64] [--lr 0.1] [--step-seed 1234]
A .safetensors checkpoint is exported first with the built CLI (packages/cli/dist/bin.js).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime
import torch
import torch.nn.functional as F
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wrn_torch  # noqa: E402
from compare_step_torch import read_images, update_errors  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, 'packages', 'cli', 'dist', 'bin.js')
LIMIT = 1e-4  # the bar of results/one-step-comparison: 1e-4 of the largest float64 update, per tensor
M32 = 0xFFFFFFFF


def derive_seed(seed, name):
    """deriveSeed of packages/spec/src/random.ts: FNV-1a of the name, started from seed."""
    value = (0x811C9DC5 ^ (seed & M32)) & M32
    for char in map(ord, name):  # charCodeAt: the names are ASCII
        value = ((value ^ char) * 0x01000193) & M32
    return value


def dropout_mask(step_seed, layer, rate, count):
    """dropoutMask of packages/spec/src/dropout-masks.ts for examples 0.. of a step: element i is kept when
    mulberry32's output at state key + (i + 1) * 0x6d2b79f5 is >= rate * 2^32, key = derive_seed(step_seed, layer)."""
    state = (np.uint64(derive_seed(step_seed, layer)) + np.arange(1, count + 1, dtype=np.uint64)
             * np.uint64(0x6D2B79F5)) & np.uint64(M32)
    state = state.astype(np.uint32)
    with np.errstate(over='ignore'):
        t = (state ^ (state >> np.uint32(15))) * (state | np.uint32(1))
        t ^= t + (t ^ (t >> np.uint32(7))) * (t | np.uint32(61))
        out = t ^ (t >> np.uint32(14))
    return (out.astype(np.float64) >= rate * 4294967296).astype(np.uint8)


# Computed by @wrn/spec: dropoutMask(1234, 'group0.block0.dropout1', 0.3, 40, { start: 0, size: 1 }).
KNOWN_MASK = '1110111110110101111110111001011110111111'
assert ''.join(map(str, dropout_mask(1234, 'group0.block0.dropout1', 0.3, 40))) == KNOWN_MASK
assert derive_seed(1234, 'group0.block0.dropout1') == 289828349


def load_model(path, folder):
    """The exported step graph: `path` itself, or a .safetensors checkpoint exported into `folder` with the CLI."""
    if path.endswith('.safetensors'):
        out = os.path.join(folder, 'step.onnx')
        subprocess.run(['node', CLI, 'export', '--checkpoint', path, '--format', 'onnx', '--training', '--out', out],
                       check=True)
        path = out
    return path, onnx.load(path)


class Functional:
    """torch.nn.functional with dropout replaced by the given keep masks (taken in forward order) and relu recording
    its inputs."""

    def __init__(self, masks, relu_inputs):
        self.masks, self.relu_inputs = list(masks), relu_inputs

    def dropout(self, x, p, training):
        name, mask = self.masks.pop(0)
        assert training and tuple(mask.shape) == tuple(x.shape), f'{name}: mask {mask.shape} vs {tuple(x.shape)}'
        return x * torch.from_numpy(mask).to(x.dtype) / (1 - p)

    def relu(self, x):
        self.relu_inputs.append(x.detach().numpy().copy())
        return F.relu(x)

    def __getattr__(self, name):
        return getattr(F, name)


def torch_step(spec, optimizer, start, batch, lr, masks, dtype):
    """One torch.optim.SGD step from `start` (parameters, running statistics and, where present, momentum.<name>
    buffers). Returns the new state (float64 numpy), the loss and the input of every ReLU, in forward order."""
    model = wrn_torch.WRN(spec).to(dtype)
    weights = {k: torch.tensor(v, dtype=dtype) for k, v in start.items() if not k.startswith('momentum.')}
    missing, unexpected = model.load_state_dict(weights, strict=False)
    assert not unexpected and all(k.endswith('num_batches_tracked') for k in missing), (missing, unexpected)
    model.train()
    sgd = torch.optim.SGD(model.parameters(), lr=lr, momentum=optimizer['momentum'], nesterov=optimizer['nesterov'],
                          dampening=optimizer['dampening'], weight_decay=optimizer['weightDecay'])
    parameters = dict(model.named_parameters())
    for name, parameter in parameters.items():
        if f'momentum.{name}' in start:  # an absent buffer starts as the gradient, as on PyTorch's first step
            sgd.state[parameter]['momentum_buffer'] = torch.tensor(start[f'momentum.{name}'], dtype=dtype)
    relu_inputs = []
    functional = Functional(masks, relu_inputs)
    wrn_torch.F = functional
    try:
        loss = F.cross_entropy(model(batch[0].to(dtype)), batch[1])
    finally:
        wrn_torch.F = F
    assert not functional.masks, f'{len(functional.masks)} dropout masks left: the forward used fewer'
    sgd.zero_grad()
    loss.backward()
    sgd.step()
    state = {k: v.double().numpy().copy() for k, v in model.state_dict().items() if k in weights}
    for name, parameter in parameters.items():
        if 'momentum_buffer' in sgd.state[parameter]:
            state[f'momentum.{name}'] = sgd.state[parameter]['momentum_buffer'].double().numpy().copy()
    return state, float(loss), relu_inputs


def batches_of(args, spec):
    """Two batches of args.batch images (normalised float32 NCHW) and int64 labels, and where they come from."""
    size = args.batch
    if args.data:
        images, labels = read_images(args.data, spec, 2 * size)
        source = f'the first {2 * size} images of {args.data}/data_batch_1.bin'
    else:
        generator = np.random.default_rng(0)
        shape = (2 * size, spec['input']['channels'], spec['input']['height'], spec['input']['width'])
        images = torch.from_numpy(generator.standard_normal(shape).astype(np.float32))
        labels = torch.from_numpy(np.arange(2 * size) % spec['numClasses'])
        source = 'synthetic normal images'
    return [(images[:size], labels[:size]), (images[size:], labels[size:])], source


def masks_of(model, spec, size, step_seed):
    """The keep mask of every dropout_mask.<node> input for a step, in graph input (forward) order."""
    shapes = {i.name: [d.dim_value for d in i.type.tensor_type.shape.dim[1:]] for i in model.graph.input}
    return [(name, dropout_mask(step_seed, name[len('dropout_mask.'):], spec['dropout'],
                                size * int(np.prod(shapes[name]))).reshape([size] + shapes[name]))
            for name in shapes if name.startswith('dropout_mask.')]


class OrtStep:
    """The exported step in onnxruntime, and a copy of it whose forward ReLU outputs are graph outputs too (only to
    count ReLU masks that differ from PyTorch's; the updates come from the file as exported)."""

    def __init__(self, path, model):
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # it warns once per initializer that is also an input: here that is the point
        options.intra_op_num_threads = 2
        self.session = onnxruntime.InferenceSession(path, options, providers=['CPUExecutionProvider'])
        probe = onnx.ModelProto()
        probe.CopyFrom(model)
        self.relus = [node.output[0] for node in probe.graph.node if node.op_type == 'Relu']
        probe.graph.output.extend(onnx.helper.make_empty_tensor_value_info(name) for name in self.relus)
        self.probe = onnxruntime.InferenceSession(probe.SerializeToString(), options,
                                                  providers=['CPUExecutionProvider'])
        self.started = [i.name for i in self.session.get_inputs() if i.name.startswith('momentum_started.')]

    def run(self, batch, lr, masks, state):
        """One step fed images, labels, rate and masks, plus `state` (none: every default). Returns the new state,
        the loss, the ReLU outputs and the number of inputs fed."""
        feeds = {'input': batch[0].numpy(), 'labels': batch[1].numpy().astype(np.int64),
                 'learning_rate': np.array(lr, np.float32), **dict(masks),
                 **{k: v.astype(np.float32) for k, v in state.items()}}
        if state:
            feeds.update({name: np.array(True) for name in self.started})  # the buffers have started
        names = [o.name for o in self.session.get_outputs()]
        result = dict(zip(names, self.session.run(None, feeds)))
        relus = self.probe.run(self.relus, feeds)
        new = {name[len('updated.'):]: value for name, value in result.items() if name.startswith('updated.')}
        return new, float(result['loss']), relus, len(feeds)


def flips(relu_inputs, reference, names):
    """The ReLUs whose masks (input > 0) differ from the float64 reference's, as 'name: count' (forward order)."""
    assert len(relu_inputs) == len(reference) == len(names), (len(relu_inputs), len(reference), len(names))
    counts = [(name, int(((a > 0) != (b > 0)).sum())) for name, a, b in zip(names, relu_inputs, reference)]
    return [f'{name}: {count}' for name, count in counts if count]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('model', help='an exported step graph (.onnx) or a checkpoint (.safetensors) to export')
    parser.add_argument('--data', help='a CIFAR-10 binary folder (data_batch_1.bin); synthetic images without it')
    parser.add_argument('--batch', type=int, default=64)  # 64 x 32 x 32 = 65,536 terms per BatchNorm channel
    parser.add_argument('--lr', type=float, default=0.1)  # the paper's first rate
    parser.add_argument('--step-seed', type=int, default=1234)  # seeds the dropout masks; any value will do
    args = parser.parse_args()
    torch.set_num_threads(2)
    with tempfile.TemporaryDirectory() as folder:
        path, model = load_model(args.model, folder)
        sys.exit(check(args, path, model))


def check(args, path, model):
    metadata = {p.key: p.value for p in model.metadata_props}
    spec, optimizer = json.loads(metadata['wrn.spec']), json.loads(metadata['wrn.optimizer'])
    assert metadata['wrn.training_graph'] == 'step', f"{path} holds the {metadata['wrn.training_graph']} graph"
    print(f'{os.path.basename(path)}: {metadata["wrn.model_name"]} ({spec["variant"]}, dropout {spec["dropout"]}), '
          f'{os.path.getsize(path) / 1e6:.1f} MB, IR {model.ir_version}, opset '
          f'{[(o.domain or "ai.onnx", o.version) for o in model.opset_import]}, {len(model.graph.node)} nodes')
    print(f'optimizer (wrn.optimizer): {optimizer}')
    onnx.checker.check_model(model, full_check=True)
    print(f'onnx.checker.check_model(model, full_check=True), onnx {onnx.__version__}: ok')

    initializers = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    inputs = [i.name for i in model.graph.input]
    defaults = [name for name in inputs if name in initializers]
    print(f'{len(inputs)} inputs, {len(defaults)} with defaults; without: '
          f'{", ".join(name for name in inputs if name not in initializers)}')
    assert all(not initializers[k].any() for k in defaults if k.startswith('momentum')), 'momentum not zero'
    initial = {k: initializers[k] for k in defaults if not k.startswith('momentum')}
    names = list(initial) + [k for k in defaults if k.startswith('momentum.')]

    batches, source = batches_of(args, spec)
    print(f'batches of {args.batch} of {source}, lr {args.lr}; torch {torch.__version__}, '
          f'onnxruntime {onnxruntime.__version__}')
    ort = OrtStep(path, model)
    failed = False
    width = max(len(n) for n in names)
    start = {}  # step 1: the file's defaults (PyTorch starts from the same values, without momentum buffers)
    for step, batch in enumerate(batches):
        masks = masks_of(model, spec, args.batch, args.step_seed + step)
        before = {**initial, **start}
        ort_state, ort_loss, ort_relus, fed = ort.run(batch, args.lr, masks, start)
        t64, loss64, relu64 = torch_step(spec, optimizer, before, batch, args.lr, masks, torch.float64)
        t32, loss32, relu32 = torch_step(spec, optimizer, before, batch, args.lr, masks, torch.float32)
        total = sum(x.size for x in relu64)
        origin = ('the defaults in the file' if step == 0 else
                  'torch float64\'s state after step 1, rounded to float32, fed to every input with a default')
        print(f'\nstep {step + 1} from {origin}: onnxruntime fed {fed} inputs, {len(masks)} dropout masks '
              f'(step seed {args.step_seed + step})')
        print(f'loss: onnxruntime {ort_loss:.9f}, torch float32 {loss32:.9f}, torch float64 {loss64:.9f}')
        flipped = {'onnxruntime': flips(ort_relus, relu64, ort.relus),
                   'torch float32': flips(relu32, relu64, ort.relus)}
        print(f'ReLU masks that differ from torch float64, of {total:,} in {len(relu64)} ReLUs: ' + '; '.join(
            f"{label} {', '.join(where) or 'none'}" for label, where in flipped.items()))
        zero = {n: np.zeros_like(initializers[n], np.float64) for n in names if n.startswith('momentum.')}
        origin_state = {n: np.asarray(v, np.float64) for n, v in {**zero, **before}.items()}
        errors = {'onnxruntime': update_errors(ort_state, origin_state, t64),
                  'torch float32': update_errors(t32, origin_state, t64)}
        print(f"{'update error vs torch float64':{width}s} {'onnxruntime':>12s} {'torch32':>12s}")
        for name in names:
            print(f"{name:{width}s} {errors['onnxruntime'][name]:12.2e} {errors['torch float32'][name]:12.2e}")
        for label, table in errors.items():
            worst = max(names, key=lambda n: table[n])
            ok = table[worst] <= LIMIT
            failed |= not ok and label == 'onnxruntime'
            note = f' (a flipped ReLU mask: see Conditioning above)' if flipped[label] else ''
            print(f'step {step + 1} {label:13s} worst {table[worst]:.2e} in {worst}: '
                  f'{"ok" if ok else "OVER"} {LIMIT}{"" if ok else note}')
        start = {k: v.astype(np.float32) for k, v in t64.items()}
    return 1 if failed else 0


if __name__ == '__main__':
    main()

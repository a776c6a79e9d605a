"""ONNX Runtime (Python binding, same C++ engine as onnxruntime-node) vs PyTorch eval on one machine's CPU, for
files exported by @wrn/runtime-onnx; plus onnx.checker and onnx.reference.ReferenceEvaluator on small exports where
the installed onnx has them. Written for a machine with many cores and no other load, as a clean complement to
bench-inference.mjs on the shared 2-core development machine.

Usage: python3 bench_device.py FOLDER [OUT_JSON] [--two-threads]
--two-threads: only 2-thread runs (as on the 2-core development machine) at batches 1, 32 and 128, no checks.
FOLDER holds what bench/write-device-models.mjs writes (and optionally checks/ from scripts/write-check-models.mjs).
"""
import glob
import gzip
import json
import os
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
import torch
from onnx import numpy_helper

FOLDER = sys.argv[1]
sys.path.insert(0, FOLDER)
from wrn_torch import WRN, spec_of  # noqa: E402

RESULTS = []


def emit(**row):
    RESULTS.append(row)
    print(json.dumps(row), flush=True)


def checks():
    try:
        from onnx.reference import ReferenceEvaluator
    except ImportError:
        ReferenceEvaluator = None
    for path in sorted(glob.glob(os.path.join(FOLDER, 'checks', '*.onnx'))):
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        row = {'check': os.path.basename(path), 'onnx': onnx.__version__, 'full_check': 'ok'}
        if ReferenceEvaluator is not None:
            with open(path[:-5] + '.json') as handle:
                run = json.load(handle)
            images = np.array(run['images'], dtype=np.float32).reshape(run['batch'], 3, 32, 32)
            logits = ReferenceEvaluator(model).run(['logits'], {'input': images})[0]
            expected = np.array(run['logits'], dtype=np.float32).reshape(logits.shape)
            row['reference_evaluator_max_rel_error'] = float(np.max(np.abs(logits - expected) / (1 + np.abs(expected))))
        emit(**row)


def load_bytes(name, rng):
    """The gzipped export with zero weights, refilled with He-normal conv/dense weights (speed needs real values)."""
    with gzip.open(os.path.join(FOLDER, name), 'rb') as handle:
        model = onnx.load_from_string(handle.read())
    for index, tensor in enumerate(model.graph.initializer):
        if len(tensor.dims) >= 2:
            fan_in = int(np.prod(tensor.dims[1:]))
            value = (rng.standard_normal(tuple(tensor.dims)) * (2.0 / fan_in) ** 0.5).astype(np.float32)
            model.graph.initializer[index].CopyFrom(numpy_helper.from_array(value, tensor.name))
    return model.SerializeToString()


def ort_engine(model_bytes, batch, threads, level='all', spinning=True, io_binding=False):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.graph_optimization_level = {
        'all': ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
        'extended': ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
    }[level]
    if not spinning:
        options.add_session_config_entry('session.intra_op.allow_spinning', '0')
    session = ort.InferenceSession(model_bytes, options, providers=['CPUExecutionProvider'])
    images = np.random.default_rng(0).standard_normal((batch, 3, 32, 32)).astype(np.float32)
    if not io_binding:
        return lambda: session.run(['logits'], {'input': images})
    binding = session.io_binding()
    binding.bind_cpu_input('input', images)
    output = ort.OrtValue.ortvalue_from_numpy(np.zeros((batch, 10), np.float32))
    binding.bind_ortvalue_output('logits', output)
    return lambda: session.run_with_iobinding(binding)


def torch_engine(model, batch, channels_last=False):
    images = torch.randn(batch, 3, 32, 32)
    if channels_last:
        images = images.contiguous(memory_format=torch.channels_last)
        model = model.to(memory_format=torch.channels_last)

    def run():
        with torch.inference_mode():
            model(images)

    return run


def rate(run, batch, seconds):
    runs, start = 0, time.perf_counter()
    while runs < 1 or time.perf_counter() - start < seconds:
        run()
        runs += 1
    return runs * batch / (time.perf_counter() - start)


def bench(model_name, batch, threads, configs, rounds, seconds, files):
    torch.set_num_threads(threads)
    engines = {}
    for name, make in configs.items():
        engines[name] = make(files, batch, threads)
        engines[name]()  # warm-up
    rates = {name: [] for name in engines}
    for _ in range(rounds):
        for name, run in engines.items():
            rates[name].append(rate(run, batch, seconds))
    base = max(rates['torch-eval'])
    for name, values in rates.items():
        emit(model=model_name, batch=batch, threads=threads, config=name, best=round(max(values), 1),
             median=round(sorted(values)[len(values) // 2], 1), ratio_to_torch=round(max(values) / base, 3))


def main():
    print(f'cpu cores {os.cpu_count()}, onnxruntime {ort.__version__}, torch {torch.__version__}, onnx {onnx.__version__}')
    two_threads = '--two-threads' in sys.argv
    if not two_threads:
        checks()
    rng = np.random.default_rng(1)
    for model_name in ['WRN-16-4', 'WRN-28-10']:
        stem = model_name.lower()
        files = {'plain': load_bytes(f'{stem}.onnx.gz', rng), 'folded': load_bytes(f'{stem}-folded.onnx.gz', rng)}
        _, depth, k = model_name.split('-')
        net = WRN(spec_of(int(depth), int(k))).eval()
        full = {
            'torch-eval': lambda f, b, t: torch_engine(net, b),
            'ort-default-plain': lambda f, b, t: ort_engine(f['plain'], b, t),
            'ort-default-folded': lambda f, b, t: ort_engine(f['folded'], b, t),
            'ort-no-spinning': lambda f, b, t: ort_engine(f['folded'], b, t, spinning=False),
            'ort-extended': lambda f, b, t: ort_engine(f['folded'], b, t, level='extended'),
            'ort-io-binding': lambda f, b, t: ort_engine(f['folded'], b, t, io_binding=True),
        }
        if two_threads:
            for batch in [1, 32, 128]:
                bench(model_name, batch, 2, full, 2, 1.5, files)
            continue
        for batch in [1, 32, 128]:
            bench(model_name, batch, os.cpu_count(), full, 2, 1.0, files)
        small = {key: full[key] for key in ['torch-eval', 'ort-default-folded', 'ort-no-spinning']}
        bench(model_name, 32, 2, small, 2, 2.0, files)
    if len(sys.argv) > 2 and not sys.argv[2].startswith('--'):
        with open(sys.argv[2], 'w') as handle:
            json.dump(RESULTS, handle)


if __name__ == '__main__':
    main()

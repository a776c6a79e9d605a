"""PyTorch eval-mode inference throughput of Wide ResNets, the baseline @wrn/runtime-onnx's benchmark compares with.

Prints one JSON line per (model, batch): {"model", "batch", "imagesPerSecond", "seconds", "runs", "threads", "torch"}.
With --serve it reads requests {"model", "batch", "seconds"} as JSON lines on stdin and answers each with such a
line, so a benchmark can interleave PyTorch with other engines under the same machine load; a request
{"model", "export": path} writes the model as ONNX with torch.onnx.export instead.
Run it with the tuned glibc allocator settings (packages/runtime-onnx/bench/bench-inference.mjs does):
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=1000000000 \
  /usr/bin/python3 scripts/python/bench_torch_infer.py --models WRN-16-4,WRN-28-10 --batches 1,32,128
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(__file__))
from wrn_torch import WRN, spec_of  # noqa: E402


def measure(model, batch, min_seconds, min_runs):
    images = torch.randn(batch, 3, 32, 32)
    with torch.inference_mode():
        model(images)  # warm-up: oneDNN primitive creation, allocator growth
        runs, start = 0, time.perf_counter()
        while runs < min_runs or time.perf_counter() - start < min_seconds:
            model(images)
            runs += 1
        seconds = time.perf_counter() - start
    return runs, seconds


def build(name, cache={}):
    if name not in cache:
        _, depth, k = name.split('-')
        cache[name] = WRN(spec_of(int(depth), int(k))).eval()
    return cache[name]


def export(model, path):
    """The file PyTorch's own exporter writes (opset 13, dynamic batch), for comparing graphs under onnxruntime."""
    torch.onnx.export(model, torch.randn(1, 3, 32, 32), path + '.tmp', input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'N'}, 'logits': {0: 'N'}}, opset_version=13)
    os.replace(path + '.tmp', path)


def answer(model, name, batch, min_seconds, min_runs, threads):
    runs, seconds = measure(model, batch, min_seconds, min_runs)
    print(json.dumps({'model': name, 'batch': batch, 'imagesPerSecond': runs * batch / seconds, 'seconds': seconds,
                      'runs': runs, 'threads': threads, 'torch': torch.__version__}), flush=True)


def serve(args):
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        model = build(request['model'])
        if 'export' in request:
            export(model, request['export'])
            print(json.dumps({'model': request['model'], 'exported': request['export']}), flush=True)
            continue
        answer(model, request['model'], request['batch'], request.get('seconds', args.min_seconds), 1, args.threads)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--models', default='WRN-16-4,WRN-28-10')
    parser.add_argument('--batches', default='1,32,128')
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--min-seconds', type=float, default=3.0)
    parser.add_argument('--min-runs', type=int, default=2)
    parser.add_argument('--serve', action='store_true')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.serve:
        serve(args)
        return
    for name in args.models.split(','):
        model = build(name)
        for batch in [int(b) for b in args.batches.split(',')]:
            answer(model, name, batch, args.min_seconds, args.min_runs, args.threads)


if __name__ == '__main__':
    main()

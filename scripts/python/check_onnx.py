"""Checks the ONNX files @wrn/runtime-onnx exports with the official onnx package (Debian's python3-onnx).

For every <name>.onnx in a folder (written by packages/runtime-onnx/scripts/write-check-models.mjs):
  1. onnx.checker.check_model(model, full_check=True)  (schema, opset, and strict shape inference)
  2. the declared input/output shapes, opset, IR version, producer and metadata keys
  3. an independent float64 evaluation of the graph in numpy (the eight ops the exporter uses, written here from the
     ONNX operator specs), compared with the logits onnxruntime-node gave in <name>.json (onnx 1.12 has no
     onnx.reference evaluator).

Usage: /usr/bin/python3 scripts/python/check_onnx.py "$(node packages/runtime-onnx/scripts/write-check-models.mjs)"
"""
import glob
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def conv(x, w, b, attrs):
    stride = attrs['strides'][0]
    pad = attrs['pads'][0]
    k = w.shape[2]
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    n, c, h, width = x.shape
    oh, ow = (h - k) // stride + 1, (width - k) // stride + 1
    out = np.zeros((n, w.shape[0], oh, ow))
    for i in range(k):
        for j in range(k):
            patch = x[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride]
            out += np.einsum('nchw,oc->nohw', patch, w[:, :, i, j])
    return out + (b.reshape(1, -1, 1, 1) if b is not None else 0)


def evaluate(model, images):
    values = {init.name: numpy_helper.to_array(init).astype(np.float64) for init in model.graph.initializer}
    values['input'] = images
    for node in model.graph.node:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        args = [values[name] if name else None for name in node.input]
        if node.op_type == 'Conv':
            y = conv(args[0], args[1], args[2] if len(args) > 2 else None, attrs)
        elif node.op_type == 'BatchNormalization':
            x, scale, bias, mean, var = args
            shape = (1, -1, 1, 1)
            y = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + attrs['epsilon']) * scale.reshape(shape) + bias.reshape(shape)
        elif node.op_type == 'Relu':
            y = np.maximum(args[0], 0)
        elif node.op_type == 'Add':
            y = args[0] + args[1]
        elif node.op_type == 'GlobalAveragePool':
            y = args[0].mean(axis=(2, 3), keepdims=True)
        elif node.op_type == 'Flatten':
            y = args[0].reshape(args[0].shape[0], -1)
        elif node.op_type == 'Gemm':
            y = args[0] @ (args[1].T if attrs.get('transB') else args[1]) + (args[2] if len(args) > 2 else 0)
        elif node.op_type == 'Softmax':
            z = np.exp(args[0] - args[0].max(axis=1, keepdims=True))
            y = z / z.sum(axis=1, keepdims=True)
        else:
            raise ValueError(f'unexpected op {node.op_type}')
        values[node.output[0]] = y
    return values


def dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


def main(folder):
    print(f'onnx {onnx.__version__}, numpy {np.__version__}')
    failures = 0
    for path in sorted(glob.glob(os.path.join(folder, '*.onnx'))):
        name = os.path.basename(path)[:-5]
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        io = ' '.join(f'{v.name}{dims(v)}' for v in [*model.graph.input, *model.graph.output])
        keys = sorted(p.key for p in model.metadata_props)
        with open(os.path.join(folder, name + '.json')) as handle:
            run = json.load(handle)
        images = np.array(run['images'], dtype=np.float32).astype(np.float64).reshape(run['batch'], 3, 32, 32)
        expected = np.array(run['logits']).reshape(run['batch'], -1)
        values = evaluate(model, images)
        error = np.max(np.abs(values['logits'] - expected) / (1 + np.abs(values['logits'])))
        ok = error < 1e-4 and (('probabilities' not in values) or np.allclose(values['probabilities'].sum(axis=1), 1))
        failures += not ok
        print(f'{name:34s} check_model(full_check=True) ok; opset {model.opset_import[0].version} ir {model.ir_version} '
              f'{model.producer_name} {model.producer_version}; {len(model.graph.node)} nodes; {io}; '
              f'metadata {keys}; numpy float64 vs onnxruntime logits: max rel error {error:.1e} {"ok" if ok else "FAIL"}')
    print('all files passed' if failures == 0 else f'{failures} file(s) FAILED')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))

"""Writes packages/checkpoint/test/fixtures/python-golden.safetensors: hand-chosen values of several dtypes and
shapes, written by numpy (safetensors_io.py), for an independent check of @wrn/checkpoint's decoder. The header's
keys are in alphabetical order while the data section is in reverse order, so a decoder must follow the offsets.

Run: /usr/bin/python3 scripts/python/make_safetensors_fixture.py
"""
import os

import numpy as np

import safetensors_io

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'packages', 'checkpoint', 'test', 'fixtures', 'python-golden.safetensors')

tensors = {
    'a_f32': (np.arange(6, dtype=np.float32) * 0.5 - 1).reshape(2, 3),  # [[-1, -0.5, 0], [0.5, 1, 1.5]]
    'b_f64': np.array([np.pi, -np.e, 1e-300], dtype=np.float64),
    'c_i64': np.array([-(2 ** 40), 0, 2 ** 62 + 1], dtype=np.int64),  # 2^62 + 1 is beyond float64's exact range
    'd_i32': np.arange(-3, 9, dtype=np.int32).reshape(3, 2, 2),
    'e_u8': np.array([0, 1, 127, 128, 255], dtype=np.uint8),
    'f_f16': np.array([[1, -2, 0.5], [65504, 2 ** -24, np.inf]], dtype=np.float16),  # max and smallest subnormal
    'g_bf16': ('BF16', np.array([1, -2.5, 3.140625], dtype=np.float32)),  # exactly representable in bfloat16
    'h_scalar': np.array(7.25, dtype=np.float32),  # shape []
    'i_empty': np.zeros((0, 4), dtype=np.float32),  # zero elements, zero bytes
    'j_i16': np.array([-32768, 32767], dtype=np.int16),
}
metadata = {'format': 'pt', 'note': 'written by numpy, values chosen by hand'}

if __name__ == '__main__':
    safetensors_io.save(OUT, tensors, metadata, order=list(reversed(list(tensors))))
    back, meta = safetensors_io.load(OUT)
    assert meta == metadata and set(back) == set(tensors)
    print(f'wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)')

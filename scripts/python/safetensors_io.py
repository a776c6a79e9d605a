"""Minimal safetensors reader/writer with numpy (Debian has no python3-safetensors).

Format: 8-byte little-endian header length N, N bytes of UTF-8 JSON
{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}, then the data section.
BF16 has no numpy dtype: it is read into float32 (exact) and written from float32 by truncating to the top 16 bits
after round-to-nearest-even.
"""
import json
import struct

import numpy as np

DTYPES = {'F64': '<f8', 'F32': '<f4', 'F16': '<f2', 'I64': '<i8', 'I32': '<i4', 'I16': '<i2', 'I8': 'i1',
          'U64': '<u8', 'U32': '<u4', 'U16': '<u2', 'U8': 'u1', 'BOOL': '?'}
NAMES = {np.dtype(v): k for k, v in DTYPES.items()}


def load(path):
    """Returns ({name: numpy array}, metadata dict). Checks offsets are contiguous and cover the data."""
    blob = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', blob[:8])
    header = json.loads(blob[8:8 + n].decode('utf-8'))
    metadata = header.pop('__metadata__', {})
    data = blob[8 + n:]
    tensors, position = {}, 0
    for name, info in sorted(header.items(), key=lambda item: item[1]['data_offsets']):
        begin, end = info['data_offsets']
        assert begin == position, f'{name}: offsets not contiguous'
        position = end
        raw = data[begin:end]
        if info['dtype'] == 'BF16':
            array = (np.frombuffer(raw, '<u2').astype(np.uint32) << 16).view(np.float32)
        else:
            array = np.frombuffer(raw, DTYPES[info['dtype']])
        tensors[name] = array.reshape(info['shape']).copy()
    assert position == len(data), 'data section not fully covered'
    return tensors, metadata


def save(path, tensors, metadata=None, order=None):
    """Writes {name: numpy array} (dict order, or `order` for the data section); a tuple ('BF16', float32 array)
    stores bfloat16."""
    with open(path, 'wb') as out:
        out.write(encode(tensors, metadata, order))


def encode(tensors, metadata=None, order=None):
    """The bytes `save` writes."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header['__metadata__'] = metadata
    for name in tensors:
        header[name] = None
    for name in order or list(tensors):
        value = tensors[name]
        if isinstance(value, tuple) and value[0] == 'BF16':
            bits = np.ascontiguousarray(value[1], np.float32).view(np.uint32).astype(np.uint64)
            raw = (((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype('<u2')).tobytes()
            dtype, shape = 'BF16', list(value[1].shape)
        else:
            array = np.asarray(value)  # not ascontiguousarray: it turns a 0-d scalar into shape [1]
            dtype, shape = NAMES[array.dtype], list(array.shape)
            raw = array.astype(DTYPES[dtype]).tobytes()  # astype to '<...' makes the bytes little-endian
        header[name] = {'dtype': dtype, 'shape': shape, 'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-(8 + len(text)) % 8)
    return struct.pack('<Q', len(text)) + text + b''.join(chunks)


def load_torch(path):
    """Like load, with torch tensors (bool and unsigned widths torch lacks are widened)."""
    import torch
    tensors, metadata = load(path)
    widen = {np.dtype('<u2'): np.int32, np.dtype('<u4'): np.int64, np.dtype('<u8'): np.int64}
    return {k: torch.from_numpy(v.astype(widen.get(v.dtype, v.dtype))) for k, v in tensors.items()}, metadata

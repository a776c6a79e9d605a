"""Replaces a whole file atomically: a reader sees the old or the new content, never a mix, even after a crash.

As writeFileAtomic of @wrn/checkpoint/node: write a temporary file beside the target, fsync it, rename it over the
target, fsync the folder.

Usage (as a module): from atomic_write import write_atomic; write_atomic('run/config.json', text.encode())
"""
import os
import tempfile


def write_atomic(path, data):
    """Writes `data` (bytes) to `path` atomically and durably."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f'.{os.path.basename(path)}.', suffix='.tmp', dir=folder)
    try:
        with os.fdopen(handle, 'wb') as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)

#!/usr/bin/python3
"""Writes pytorch_written.safetensors and pytorch_written.json for tests/Torch.Tests/Serialization.

The `safetensors` package is not installed beside Debian's PyTorch 1.13, so the file is written
by hand, following the format's specification (https://huggingface.co/docs/safetensors):
  * 8 bytes: little-endian u64 N, the length of the header;
  * N bytes: a UTF-8 JSON object {name: {"dtype", "shape", "data_offsets": [begin, end]}} plus an
    optional "__metadata__" {str: str}, padded with spaces to a multiple of 8 bytes;
  * the tensors' raw little-endian bytes, offsets relative to the end of the header.
Like the reference writer, tensors are laid out largest element size first, then by name.
The JSON holds every element as a float (bool as 0/1) so the C# test can compare exactly.
Run: /usr/bin/python3 tests/Torch.Tests/Parity/safetensors_reference.py
"""
import json
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
         torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL"}

torch.manual_seed(2024)
tensors = {
    "linear.weight": torch.randn(3, 4),
    "linear.bias": torch.randn(3),
    "double": torch.randn(2, 2, dtype=torch.float64),
    "half": torch.randn(5).to(torch.float16),
    "brain": torch.randn(2, 3).to(torch.bfloat16),
    "labels": torch.tensor([0, -3, 2**40], dtype=torch.int64),
    "counts": torch.tensor([[1, -2], [3, 2**30]], dtype=torch.int32),
    "pixels": torch.tensor([0, 127, 255], dtype=torch.uint8),
    "mask": torch.tensor([True, False, True]),
    "scalar": torch.tensor(3.25),
    "empty": torch.zeros(0, 2),
}
metadata = {"format": "pt", "written_by": "safetensors_reference.py"}


def raw_bytes(t):
    t = t.contiguous()
    if t.dtype in (torch.float16, torch.bfloat16):
        return t.view(torch.int16).numpy().tobytes()
    return t.numpy().tobytes()


order = sorted(tensors, key=lambda n: (-tensors[n].element_size(), n))
header = {"__metadata__": metadata}
data = b""
for name in order:
    t = tensors[name]
    b = raw_bytes(t)
    header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(b)]}
    data += b
header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
header_bytes += b" " * (-len(header_bytes) % 8)

with open(os.path.join(HERE, "pytorch_written.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(header_bytes)))
    f.write(header_bytes)
    f.write(data)

expected = {
    "metadata": metadata,
    "tensors": {name: {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                       "data": t.to(torch.float64).reshape(-1).tolist()}
                for name, t in tensors.items()},
}
with open(os.path.join(HERE, "pytorch_written.json"), "w") as f:
    json.dump(expected, f, indent=1)

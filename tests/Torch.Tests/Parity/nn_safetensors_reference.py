#!/usr/bin/python3
"""Writes nn_mlp.safetensors (a PyTorch model's state dict) and nn_mlp_reference.json.

tests/Torch.Tests/Nn/ModuleSaveLoadTests.cs loads the file into the matching Crucible module
(Sequential(Linear(4, 8), BatchNorm1d(8), ReLU(), Linear(8, 3))) and checks that it computes
what PyTorch computed for the same input, in evaluation mode.

The `safetensors` package is not installed beside Debian's PyTorch 1.13, so the file is written by
hand, byte for byte as safetensors.torch.save_file writes it (https://huggingface.co/docs/safetensors):
8 bytes little-endian u64 N, an N-byte UTF-8 JSON header {name: {"dtype", "shape",
"data_offsets"}, "__metadata__": {...}} padded with spaces to a multiple of 8, then the raw
little-endian data, tensors ordered by descending alignment then name.
Run: /usr/bin/python3 tests/Torch.Tests/Parity/nn_safetensors_reference.py
"""
import json
import os
import struct

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64"}


def save_file(tensors, path, metadata):
    order = sorted(tensors, key=lambda n: (-tensors[n].element_size(), n))
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name in order:
        t = tensors[name].detach().contiguous()
        raw = t.numpy().tobytes()
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def main():
    torch.manual_seed(7)
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3))
    with torch.no_grad():
        for _ in range(3):  # non-trivial running statistics and num_batches_tracked
            model(torch.randn(16, 4) * 2 + 0.5)
    model.eval()
    x = torch.randn(5, 4)
    with torch.no_grad():
        y = model(x)
    save_file(model.state_dict(), os.path.join(HERE, "nn_mlp.safetensors"), {"format": "pt"})
    reference = {
        "keys": list(model.state_dict().keys()),
        "input": {"shape": list(x.shape), "dtype": "float32", "data": x.reshape(-1).tolist()},
        "output": {"shape": list(y.shape), "dtype": "float32", "data": y.reshape(-1).tolist()},
    }
    with open(os.path.join(HERE, "nn_mlp_reference.json"), "w") as f:
        json.dump(reference, f)
        f.write("\n")
    print("wrote nn_mlp.safetensors and nn_mlp_reference.json")


if __name__ == "__main__":
    main()

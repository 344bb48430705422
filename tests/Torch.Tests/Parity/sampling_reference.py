#!/usr/bin/python3
"""Reference values for tests/Torch.Tests/Parity/SamplingParityTests.cs (F.pad, F.affine_grid, F.grid_sample).

Run with PyTorch 1.13: /usr/bin/python3 tests/Torch.Tests/Parity/sampling_reference.py
Writes sampling_reference.json next to this script: for every case and dtype (float32, float64), the
inputs, the output, and the gradient of sum(output * weight) with respect to every differentiable input
(weight is random and stored, so the gradients are not trivially ones). Inputs come from a fixed seed.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20261123)
HERE = os.path.dirname(os.path.abspath(__file__))


def tj(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
            "data": t.detach().reshape(-1).tolist()}


def normal(*shape):
    return torch.randn(*shape, dtype=torch.float64)


def thetas(n):
    rows = []
    for _ in range(n):
        a = (torch.rand(()).item() - 0.5) * 1.2
        s = 0.8 + 0.4 * torch.rand(()).item()
        tx, ty = ((torch.rand(2) - 0.5) * 0.4).tolist()
        rows.append([[math.cos(a) / s, -math.sin(a) / s, tx], [math.sin(a) / s, math.cos(a) / s, ty]])
    return torch.tensor(rows, dtype=torch.float64)


def grid(n, h, w):
    # Some points fall outside [-1, 1] so the padding modes matter.
    return (torch.rand(n, h, w, 2, dtype=torch.float64) - 0.5) * 2.6


# name -> (inputs, differentiable input names, function, args recorded for the C# side)
CASES = {
    "pad_constant": ({"x": normal(2, 3, 4, 5)}, "x", lambda x: F.pad(x, [1, 2, 0, 1], value=1.5),
                     {"pad": [1, 2, 0, 1], "mode": "constant", "value": 1.5}),
    "pad_negative": ({"x": normal(2, 2, 4, 5)}, "x", lambda x: F.pad(x, [-1, 2, 1, -1]),
                     {"pad": [-1, 2, 1, -1], "mode": "constant", "value": 0.0}),
    "pad_reflect": ({"x": normal(2, 2, 4, 5)}, "x", lambda x: F.pad(x, [2, 1, 1, 3], mode="reflect"),
                    {"pad": [2, 1, 1, 3], "mode": "reflect", "value": 0.0}),
    "pad_replicate_1d": ({"x": normal(2, 2, 6)}, "x", lambda x: F.pad(x, [2, 3], mode="replicate"),
                         {"pad": [2, 3], "mode": "replicate", "value": 0.0}),
    "pad_circular": ({"x": normal(1, 2, 4, 5)}, "x", lambda x: F.pad(x, [1, 2, 2, 1], mode="circular"),
                     {"pad": [1, 2, 2, 1], "mode": "circular", "value": 0.0}),
    "affine_grid": ({"theta": thetas(2)}, "theta", lambda t: F.affine_grid(t, [2, 3, 4, 5], align_corners=False),
                    {"size": [2, 3, 4, 5], "alignCorners": False}),
    "affine_grid_align": ({"theta": thetas(2)}, "theta", lambda t: F.affine_grid(t, [2, 1, 3, 6], align_corners=True),
                          {"size": [2, 1, 3, 6], "alignCorners": True}),
}

SAMPLES = [
    ("bilinear", "zeros", False, "xg"),
    ("bilinear", "reflection", True, "xg"),
    ("nearest", "border", True, "x"),
    ("bicubic", "zeros", False, "xg"),
    ("bicubic", "border", True, "xg"),
]
for mode, padding, align, diff in SAMPLES:
    name = f"grid_sample_{mode}_{padding}" + ("_align" if align else "")
    CASES[name] = ({"x": normal(2, 3, 4, 5), "g": grid(2, 3, 6)}, diff,
                   (lambda m, p, a: lambda x, g: F.grid_sample(x, g, mode=m, padding_mode=p, align_corners=a))(mode, padding, align),
                   {"mode": mode, "padding": padding, "alignCorners": align})

cases = []
for name, (inputs, diff, fn, args) in CASES.items():
    for dtype in (torch.float32, torch.float64):
        leaves = {k: v.to(dtype).clone().requires_grad_(k in diff) for k, v in inputs.items()}
        out = fn(*leaves.values())
        weight = torch.randn(out.shape, dtype=dtype)
        (out * weight).sum().backward()
        cases.append({
            "name": name,
            "dtype": str(dtype).replace("torch.", ""),
            "args": args,
            "inputs": {k: tj(v) for k, v in leaves.items()},
            "weight": tj(weight),
            "output": tj(out),
            "grads": {k: tj(v.grad) for k, v in leaves.items() if k in diff},
        })

with open(os.path.join(HERE, "sampling_reference.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases")

#!/usr/bin/python3
"""Reference values for tests/Torch.Tests/Parity/OpsParityTests.cs and TensorPrintTests.cs.

Run with PyTorch 1.13: /usr/bin/python3 tests/Torch.Tests/Parity/ops_reference.py
Writes ops_reference.json next to this script:
  * "ops": for every op and dtype (float32, float64), the inputs, the output, and the gradient of
    sum(output * weight) with respect to every differentiable input (weight is random, stored too,
    so the gradients are not trivially ones);
  * "prints": tensors with str(tensor) as PyTorch prints them (elements stored as strings so NaN
    and infinities survive JSON).
Inputs are small and generated here from a fixed seed; the C# tests rebuild them from the JSON.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(31337)
HERE = os.path.dirname(os.path.abspath(__file__))


def tj(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
            "data": t.detach().reshape(-1).tolist()}


def positive(*shape):
    return torch.rand(*shape, dtype=torch.float64) + 0.5


def normal(*shape):
    return torch.randn(*shape, dtype=torch.float64)


idx_gather = torch.tensor([[0, 2], [1, 1]])
idx_select = torch.tensor([2, 0])
mask = torch.tensor([[True, False, True], [False, False, True]])

# name -> (inputs, differentiable input names, function, args recorded for the C# side)
OPS = {
    "add": ({"a": normal(2, 3), "b": normal(3)}, "ab", lambda a, b: a + b, {}),
    "sub_alpha": ({"a": normal(2, 3), "b": normal(2, 1)}, "ab", lambda a, b: torch.sub(a, b, alpha=2.5), {"alpha": 2.5}),
    "mul": ({"a": normal(2, 3), "b": normal(2, 3)}, "ab", lambda a, b: a * b, {}),
    "div": ({"a": normal(2, 3), "b": positive(3)}, "ab", lambda a, b: a / b, {}),
    "add_scalar": ({"a": normal(4)}, "a", lambda a: a + 2.5, {"s": 2.5}),
    "rsub_scalar": ({"a": normal(4)}, "a", lambda a: 3 - a, {"s": 3}),
    "rdiv_scalar": ({"a": positive(4)}, "a", lambda a: 2 / a, {"s": 2}),
    "mul_scalar": ({"a": normal(4)}, "a", lambda a: a * -1.5, {"s": -1.5}),
    "pow_scalar": ({"a": normal(4)}, "a", lambda a: a ** 3, {"s": 3}),
    "pow_tensor": ({"a": positive(4), "b": normal(4)}, "ab", lambda a, b: a ** b, {}),
    "neg": ({"a": normal(4)}, "a", lambda a: -a, {}),
    "exp": ({"a": normal(2, 3)}, "a", torch.exp, {}),
    "log": ({"a": positive(2, 3)}, "a", torch.log, {}),
    "sqrt": ({"a": positive(2, 3)}, "a", torch.sqrt, {}),
    "abs": ({"a": normal(2, 3)}, "a", torch.abs, {}),
    "sign": ({"a": normal(2, 3)}, "a", torch.sign, {}),
    "clamp": ({"a": normal(3, 3)}, "a", lambda a: torch.clamp(a, -0.5, 0.5), {"min": -0.5, "max": 0.5}),
    "sigmoid": ({"a": normal(5)}, "a", torch.sigmoid, {}),
    "tanh": ({"a": normal(5)}, "a", torch.tanh, {}),
    "relu": ({"a": normal(5)}, "a", torch.relu, {}),
    "matmul": ({"a": normal(2, 3), "b": normal(3, 4)}, "ab", torch.matmul, {}),
    "matmul_broadcast": ({"a": normal(2, 2, 3), "b": normal(3, 2)}, "ab", torch.matmul, {}),
    "bmm": ({"a": normal(2, 2, 3), "b": normal(2, 3, 2)}, "ab", torch.bmm, {}),
    "sum_all": ({"a": normal(2, 3)}, "a", lambda a: a.sum(), {}),
    "sum_dim_keepdim": ({"a": normal(2, 3)}, "a", lambda a: a.sum(1, keepdim=True), {"dim": 1}),
    "mean_dim": ({"a": normal(2, 3)}, "a", lambda a: a.mean(0), {"dim": 0}),
    "std_dim": ({"a": normal(2, 4)}, "a", lambda a: a.std(1), {"dim": 1}),
    "var_all": ({"a": normal(2, 4)}, "a", lambda a: a.var(), {}),
    "max_dim": ({"a": normal(3, 4)}, "a", lambda a: a.max(1).values, {"dim": 1}),
    "min_all": ({"a": normal(3, 4)}, "a", lambda a: a.min(), {}),
    "norm": ({"a": normal(3, 4)}, "a", lambda a: a.norm(), {}),
    "softmax": ({"a": normal(2, 5)}, "a", lambda a: torch.softmax(a, 1), {"dim": 1}),
    "log_softmax": ({"a": normal(3, 2)}, "a", lambda a: torch.log_softmax(a, 0), {"dim": 0}),
    "topk": ({"a": normal(2, 5)}, "a", lambda a: a.topk(2, dim=1).values, {"k": 2}),
    "gather": ({"a": normal(2, 3)}, "a", lambda a: a.gather(1, idx_gather), {"index": tj(idx_gather)}),
    "index_select": ({"a": normal(2, 3)}, "a", lambda a: a.index_select(1, idx_select), {"index": tj(idx_select)}),
    "masked_fill": ({"a": normal(2, 3)}, "a", lambda a: a.masked_fill(mask, -2.0), {"value": -2.0, "mask": tj(mask)}),
    "where": ({"a": normal(2, 3), "b": normal(2, 3)}, "ab", lambda a, b: torch.where(mask, a, b), {"mask": tj(mask)}),
    "cat": ({"a": normal(2, 3), "b": normal(1, 3)}, "ab", lambda a, b: torch.cat([a, b], 0), {}),
    "stack": ({"a": normal(2, 3), "b": normal(2, 3)}, "ab", lambda a, b: torch.stack([a, b], 1), {}),
    "transpose_reshape": ({"a": normal(2, 3)}, "a", lambda a: a.t().reshape(2, 3), {}),
    "expand": ({"a": normal(2, 1)}, "a", lambda a: a.expand(2, 3), {}),
    "repeat": ({"a": normal(2)}, "a", lambda a: a.repeat(2, 2), {}),
    "narrow": ({"a": normal(4, 2)}, "a", lambda a: a.narrow(0, 1, 2), {}),
    "permute": ({"a": normal(2, 3, 4)}, "a", lambda a: a.permute(2, 0, 1), {}),
}

cases = []
for name, (inputs, diff, fn, args) in OPS.items():
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

# Ops without gradients.
nograd = []
x = torch.randn(3, 4)
nograd.append({"name": "argmax_dim", "input": tj(x), "output": tj(x.argmax(1))})
nograd.append({"name": "argmin_all", "input": tj(x), "output": tj(x.argmin())})
nograd.append({"name": "one_hot", "input": tj(torch.tensor([0, 3, 1])), "output": tj(F.one_hot(torch.tensor([0, 3, 1]), 4))})


def pj(t, then=None):
    base = t.detach()
    if base.dtype in (torch.float16, torch.bfloat16):
        data = base.float().reshape(-1).tolist()
    else:
        data = base.reshape(-1).tolist()
    shown = t if then is None else then(t)
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": [repr(v) for v in data],
            "requires_grad": t.requires_grad, "then": None if then is None else "mul2", "expected": str(shown)}


prints = [
    pj(torch.tensor([[1., 2.], [3., 4.]])),
    pj(torch.randn(2, 3)),
    pj(torch.randn(2, 3, dtype=torch.float64)),
    pj(torch.tensor([1.5, -2.25, 1e-5])),
    pj(torch.tensor([1e9, 1.0, -3.0])),
    pj(torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5, -0.0])),
    pj(torch.tensor([float("nan"), 2.0])),
    pj(torch.arange(12).reshape(3, 4)),
    pj(torch.tensor([1, -20, 300], dtype=torch.int32)),
    pj(torch.tensor([255, 0], dtype=torch.uint8)),
    pj(torch.tensor([True, False])),
    pj(torch.tensor(3.25)),
    pj(torch.tensor(7)),
    pj(torch.zeros(0, 2)),
    pj(torch.zeros(0, dtype=torch.int64)),
    pj(torch.randn(2, 2, 2)),
    pj(torch.randn(1, 30)),
    pj(torch.randn(40, 40)),
    pj(torch.arange(1001)),
    pj(torch.randn(3).to(torch.float16)),
    pj(torch.randn(3).to(torch.bfloat16)),
    pj(torch.randn(2, 2, requires_grad=True)),
    pj(torch.randn(2, requires_grad=True), then=lambda t: t * 2),
    pj(torch.randn(8, 10, requires_grad=True)),
]

with open(os.path.join(HERE, "ops_reference.json"), "w") as f:
    json.dump({"torch": torch.__version__, "ops": cases, "nograd": nograd, "prints": prints}, f, separators=(",", ":"))

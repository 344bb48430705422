#!/usr/bin/python3
"""Reference values for tests/Torch.Tests/Losses: every loss, every reduction, with gradients.

Run with PyTorch 1.13 (`/usr/bin/python3 losses_reference.py`); writes losses_reference.json next
to this script. Inputs are generated here and stored in the JSON, so the C# tests rebuild exactly
the same tensors. For reduction "none" the gradient is that of the output's sum.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(1234)
REDUCTIONS = ["mean", "sum", "none"]
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def tensor_json(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
            "data": t.detach().reshape(-1).tolist()}


cases = []


def add(name, loss, options, dtype, inputs, fn, grad_of):
    """inputs: ordered dict name -> tensor; grad_of: names of the inputs to differentiate."""
    for reduction in REDUCTIONS:
        leaves = {k: (v.detach().clone().requires_grad_(k in grad_of)) for k, v in inputs.items()}
        out = fn(leaves, reduction)
        total = out.sum() if reduction == "none" else out
        total.backward()
        cases.append({
            "name": f"{name}/{dtype}/{reduction}",
            "loss": loss,
            "options": options,
            "reduction": reduction,
            "inputs": {k: tensor_json(v) for k, v in inputs.items()},
            "output": tensor_json(out),
            "grads": {k: tensor_json(leaves[k].grad) for k in grad_of},
        })


for dname, dt in DTYPES.items():
    x = torch.randn(4, 5, dtype=dt)
    y = torch.randn(4, 5, dtype=dt)
    add("mse", "MSELoss", {}, dname, {"input": x, "target": y},
        lambda t, r: F.mse_loss(t["input"], t["target"], reduction=r), ["input"])
    add("l1", "L1Loss", {}, dname, {"input": x, "target": y},
        lambda t, r: F.l1_loss(t["input"], t["target"], reduction=r), ["input"])
    for beta in [1.0, 0.5, 0.0]:
        add(f"smooth_l1_beta{beta}", "SmoothL1Loss", {"beta": beta}, dname, {"input": x, "target": y},
            lambda t, r, beta=beta: F.smooth_l1_loss(t["input"], t["target"], reduction=r, beta=beta), ["input"])
    add("huber", "HuberLoss", {"delta": 0.7}, dname, {"input": x, "target": y},
        lambda t, r: F.huber_loss(t["input"], t["target"], reduction=r, delta=0.7), ["input"])

    p = torch.rand(6, 3, dtype=dt) * 0.9 + 0.05
    b = (torch.rand(6, 3, dtype=dt) > 0.5).to(dt)
    w = torch.rand(3, dtype=dt) + 0.5
    add("bce", "BCELoss", {}, dname, {"input": p, "target": b},
        lambda t, r: F.binary_cross_entropy(t["input"], t["target"], reduction=r), ["input"])
    add("bce_weight", "BCELoss", {"weight": tensor_json(w)}, dname, {"input": p, "target": b},
        lambda t, r: F.binary_cross_entropy(t["input"], t["target"], weight=w, reduction=r), ["input"])
    logits = torch.randn(6, 3, dtype=dt) * 2
    soft = torch.rand(6, 3, dtype=dt)
    pw = torch.tensor([0.5, 2.0, 3.0], dtype=dt)
    add("bce_logits", "BCEWithLogitsLoss", {}, dname, {"input": logits, "target": soft},
        lambda t, r: F.binary_cross_entropy_with_logits(t["input"], t["target"], reduction=r), ["input"])
    add("bce_logits_pos_weight", "BCEWithLogitsLoss", {"weight": tensor_json(w), "pos_weight": tensor_json(pw)}, dname,
        {"input": logits, "target": b},
        lambda t, r: F.binary_cross_entropy_with_logits(t["input"], t["target"], weight=w, pos_weight=pw, reduction=r),
        ["input"])

    scores = torch.randn(7, 4, dtype=dt)
    idx = torch.tensor([0, 3, 1, 2, 2, 1, 0])
    idx_ignored = torch.tensor([0, 3, -100, 2, 1, -100, 0])
    idx_ignore2 = torch.tensor([0, 3, 1, 2, 2, 1, 0])
    cw = torch.tensor([1.0, 2.0, 0.5, 1.5], dtype=dt)
    probs = torch.softmax(torch.randn(7, 4, dtype=dt), dim=1)
    add("ce_indices", "CrossEntropyLoss", {}, dname, {"input": scores, "target": idx},
        lambda t, r: F.cross_entropy(t["input"], t["target"], reduction=r), ["input"])
    add("ce_weight", "CrossEntropyLoss", {"weight": tensor_json(cw)}, dname, {"input": scores, "target": idx},
        lambda t, r: F.cross_entropy(t["input"], t["target"], weight=cw, reduction=r), ["input"])
    add("ce_ignore_default", "CrossEntropyLoss", {}, dname, {"input": scores, "target": idx_ignored},
        lambda t, r: F.cross_entropy(t["input"], t["target"], reduction=r), ["input"])
    add("ce_ignore_index2", "CrossEntropyLoss", {"ignore_index": 2, "weight": tensor_json(cw)}, dname,
        {"input": scores, "target": idx_ignore2},
        lambda t, r: F.cross_entropy(t["input"], t["target"], weight=cw, ignore_index=2, reduction=r), ["input"])
    add("ce_smoothing", "CrossEntropyLoss", {"label_smoothing": 0.1}, dname, {"input": scores, "target": idx},
        lambda t, r: F.cross_entropy(t["input"], t["target"], label_smoothing=0.1, reduction=r), ["input"])
    add("ce_smoothing_weight_ignore", "CrossEntropyLoss",
        {"label_smoothing": 0.2, "weight": tensor_json(cw)}, dname, {"input": scores, "target": idx_ignored},
        lambda t, r: F.cross_entropy(t["input"], t["target"], weight=cw, label_smoothing=0.2, reduction=r), ["input"])
    add("ce_probs", "CrossEntropyLoss", {}, dname, {"input": scores, "target": probs},
        lambda t, r: F.cross_entropy(t["input"], t["target"], reduction=r), ["input"])
    add("ce_probs_weight_smoothing", "CrossEntropyLoss", {"label_smoothing": 0.15, "weight": tensor_json(cw)}, dname,
        {"input": scores, "target": probs},
        lambda t, r: F.cross_entropy(t["input"], t["target"], weight=cw, label_smoothing=0.15, reduction=r), ["input"])
    spatial = torch.randn(2, 3, 4, 2, dtype=dt)
    spatial_idx = torch.randint(0, 3, (2, 4, 2))
    add("ce_spatial", "CrossEntropyLoss", {}, dname, {"input": spatial, "target": spatial_idx},
        lambda t, r: F.cross_entropy(t["input"], t["target"], reduction=r), ["input"])
    add("ce_unbatched", "CrossEntropyLoss", {}, dname, {"input": scores[0], "target": idx[2]},
        lambda t, r: F.cross_entropy(t["input"], t["target"], reduction=r), ["input"])

    logp = torch.log_softmax(scores, dim=1)
    add("nll", "NLLLoss", {}, dname, {"input": logp, "target": idx},
        lambda t, r: F.nll_loss(t["input"], t["target"], reduction=r), ["input"])
    add("nll_weight_ignore", "NLLLoss", {"weight": tensor_json(cw), "ignore_index": 1}, dname,
        {"input": logp, "target": idx},
        lambda t, r: F.nll_loss(t["input"], t["target"], weight=cw, ignore_index=1, reduction=r), ["input"])

    q = torch.softmax(torch.randn(5, 4, dtype=dt), dim=1)
    add("kl_div", "KLDivLoss", {}, dname, {"input": logp[:5], "target": q},
        lambda t, r: F.kl_div(t["input"], t["target"], reduction=r), ["input"])
    add("kl_div_log_target", "KLDivLoss", {"log_target": True}, dname, {"input": logp[:5], "target": q.log()},
        lambda t, r: F.kl_div(t["input"], t["target"], reduction=r, log_target=True), ["input"])
    # batchmean is a reduction of its own in PyTorch; recorded under "mean" (the C# option ignores reduction).
    leaves = {"input": logp[:5].detach().clone().requires_grad_(True), "target": q}
    out = F.kl_div(leaves["input"], q, reduction="batchmean")
    out.backward()
    cases.append({"name": f"kl_div_batchmean/{dname}/batchmean", "loss": "KLDivLoss", "options": {"batch_mean": True},
                  "reduction": "mean", "inputs": {"input": tensor_json(logp[:5]), "target": tensor_json(q)},
                  "output": tensor_json(out), "grads": {"input": tensor_json(leaves["input"].grad)}})

    x1 = torch.randn(6, 5, dtype=dt)
    x2 = torch.randn(6, 5, dtype=dt)
    pm = torch.tensor([1, -1, 1, -1, -1, 1], dtype=dt)
    add("cosine_embedding", "CosineEmbeddingLoss", {"margin": 0.2}, dname, {"input1": x1, "input2": x2, "target": pm},
        lambda t, r: F.cosine_embedding_loss(t["input1"], t["input2"], t["target"], margin=0.2, reduction=r),
        ["input1", "input2"])
    s1 = torch.randn(8, dtype=dt)
    s2 = torch.randn(8, dtype=dt)
    rk = torch.tensor([1, -1, 1, 1, -1, -1, 1, -1], dtype=dt)
    add("margin_ranking", "MarginRankingLoss", {"margin": 0.1}, dname, {"input1": s1, "input2": s2, "target": rk},
        lambda t, r: F.margin_ranking_loss(t["input1"], t["input2"], t["target"], margin=0.1, reduction=r),
        ["input1", "input2"])

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "losses_reference.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {path}")

#!/usr/bin/python3
"""Reference trajectories for tests/Torch.Tests/Optim: every optimizer, 20 steps, two parameter groups.

Run with PyTorch 1.13 (`/usr/bin/python3 optim_reference.py`); writes optim_reference.json next to
this script. The problem: x (8x4) -> h = x @ w1 + b1 -> out = (h * h) @ w2 + b2, MSE against y; group 0
holds w1, b1 and group 1 holds w2, b2, each with its own options. Every optimizer uses the
single-tensor path (foreach=False). The parameters after every step are recorded.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(42)
STEPS = 20


def values(t):
    return t.detach().reshape(-1).tolist()


def make_problem(dtype):
    g = torch.Generator().manual_seed(7)
    x = torch.randn(8, 4, generator=g, dtype=torch.float64).to(dtype)
    y = torch.randn(8, 2, generator=g, dtype=torch.float64).to(dtype)
    w1 = (torch.randn(4, 5, generator=g, dtype=torch.float64) * 0.5).to(dtype)
    b1 = (torch.randn(5, generator=g, dtype=torch.float64) * 0.1).to(dtype)
    w2 = (torch.randn(5, 2, generator=g, dtype=torch.float64) * 0.5).to(dtype)
    b2 = (torch.randn(2, generator=g, dtype=torch.float64) * 0.1).to(dtype)
    return x, y, [w1, b1, w2, b2]


def loss_of(x, y, params):
    w1, b1, w2, b2 = params
    h = x.matmul(w1) + b1
    out = (h * h).matmul(w2) + b2
    return F.mse_loss(out, y)


def group_json(options):
    out = {}
    for k, v in options.items():
        if k == "betas":
            out["beta1"], out["beta2"] = v
        elif k == "etas":
            out["etaminus"], out["etaplus"] = v
        elif k == "step_sizes":
            out["step_size_min"], out["step_size_max"] = v
        elif isinstance(v, bool):
            out[k] = 1.0 if v else 0.0
        else:
            out[k] = float(v)
    return out


CONFIGS = [
    ("sgd", torch.optim.SGD, {"lr": 0.1},
     [{"weight_decay": 0.01}, {"lr": 0.05, "momentum": 0.9, "dampening": 0.1}]),
    ("sgd_nesterov", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True},
     [{"weight_decay": 0.05}, {"lr": 0.02, "nesterov": False, "momentum": 0.5, "maximize": False}]),
    ("sgd_maximize", torch.optim.SGD, {"lr": 0.01},
     [{"maximize": True, "momentum": 0.5}, {"lr": 0.02}]),
    ("adam", torch.optim.Adam, {"lr": 0.01},
     [{"amsgrad": True, "weight_decay": 0.1}, {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6}]),
    ("adam_maximize", torch.optim.Adam, {"lr": 0.01, "maximize": True},
     [{}, {"lr": 0.005, "maximize": False, "amsgrad": True}]),
    ("adamw", torch.optim.AdamW, {"lr": 0.01},
     [{"amsgrad": True, "weight_decay": 0.1}, {"lr": 0.02, "betas": (0.85, 0.995)}]),
    ("adagrad", torch.optim.Adagrad, {"lr": 0.1},
     [{"lr_decay": 0.01, "initial_accumulator_value": 0.1}, {"lr": 0.05, "weight_decay": 0.05, "eps": 1e-8}]),
    ("adadelta", torch.optim.Adadelta, {"lr": 1.0},
     [{"rho": 0.9}, {"lr": 0.5, "rho": 0.95, "weight_decay": 0.1, "eps": 1e-5}]),
    ("adamax", torch.optim.Adamax, {"lr": 0.01},
     [{}, {"lr": 0.02, "betas": (0.8, 0.99), "weight_decay": 0.1}]),
    ("asgd", torch.optim.ASGD, {"lr": 0.05},
     [{"lambd": 1e-3, "alpha": 0.75, "t0": 5}, {"lr": 0.02, "weight_decay": 0.1}]),
    ("rmsprop", torch.optim.RMSprop, {"lr": 0.01},
     [{"centered": True, "momentum": 0.9}, {"lr": 0.005, "alpha": 0.9, "weight_decay": 0.1}]),
    ("rmsprop_momentum", torch.optim.RMSprop, {"lr": 0.005, "momentum": 0.5},
     [{"centered": False}, {"centered": True, "momentum": 0}]),
    ("rprop", torch.optim.Rprop, {"lr": 0.01},
     [{}, {"lr": 0.02, "etas": (0.4, 1.3), "step_sizes": (1e-4, 1.0)}]),
    ("nadam", torch.optim.NAdam, {"lr": 0.01},
     [{}, {"lr": 0.02, "momentum_decay": 8e-3, "weight_decay": 0.1, "betas": (0.85, 0.99)}]),
    ("radam", torch.optim.RAdam, {"lr": 0.01},
     [{}, {"lr": 0.02, "weight_decay": 0.1, "betas": (0.8, 0.99)}]),
]

cases = []
for dname, dtype in [("float32", torch.float32), ("float64", torch.float64)]:
    for name, cls, defaults, groups in CONFIGS:
        x, y, init = make_problem(dtype)
        params = [p.clone().requires_grad_(True) for p in init]
        opt = cls([dict(params=params[:2], **groups[0]), dict(params=params[2:], **groups[1])], foreach=False, **defaults)
        trajectory, losses = [], []
        for _ in range(STEPS):
            opt.zero_grad()
            loss = loss_of(x, y, params)
            loss.backward()
            opt.step()
            losses.append(loss.item())
            trajectory.append([values(p) for p in params])
        cases.append({
            "name": f"{name}/{dname}", "optimizer": cls.__name__, "dtype": dname,
            "defaults": group_json(defaults), "groups": [group_json(g) for g in groups],
            "x": values(x), "y": values(y), "init": [values(p) for p in init],
            "shapes": [list(p.shape) for p in init], "losses": losses, "trajectory": trajectory,
        })

    # L-BFGS supports one group only (PyTorch raises otherwise); with and without line search.
    for name, options in [("lbfgs", {"lr": 0.5, "max_iter": 4, "history_size": 5}),
                          ("lbfgs_strong_wolfe", {"lr": 1.0, "max_iter": 5, "history_size": 4,
                                                  "line_search_fn": "strong_wolfe"})]:
        x, y, init = make_problem(dtype)
        params = [p.clone().requires_grad_(True) for p in init]
        opt = torch.optim.LBFGS(params, **options)

        def closure():
            opt.zero_grad()
            loss = loss_of(x, y, params)
            loss.backward()
            return loss

        trajectory, losses = [], []
        for _ in range(STEPS):
            losses.append(opt.step(closure).item())
            trajectory.append([values(p) for p in params])
        opts = {k: (1.0 if v == "strong_wolfe" else float(v)) for k, v in options.items()}
        cases.append({
            "name": f"{name}/{dname}", "optimizer": "LBFGS", "dtype": dname, "defaults": opts, "groups": [{}],
            "x": values(x), "y": values(y), "init": [values(p) for p in init],
            "shapes": [list(p.shape) for p in init], "losses": losses, "trajectory": trajectory,
        })

    # Sparse gradients (as Embedding(sparse=True) produces) for SparseAdam and Adagrad: the gradient of
    # sum(c * W[idx]) does not depend on W, so each step's gradient is stored as indices and values.
    for name, cls, defaults, groups in [
            ("sparse_adam", torch.optim.SparseAdam, {"lr": 0.01},
             [{}, {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6}]),
            ("adagrad_sparse", torch.optim.Adagrad, {"lr": 0.1},
             [{"lr_decay": 0.01}, {"lr": 0.05, "initial_accumulator_value": 0.2}])]:
        g = torch.Generator().manual_seed(11)
        e1 = torch.randn(10, 3, generator=g, dtype=torch.float64).to(dtype)
        e2 = torch.randn(6, 2, generator=g, dtype=torch.float64).to(dtype)
        params = [e1.clone().requires_grad_(True), e2.clone().requires_grad_(True)]
        extra = {} if cls is torch.optim.SparseAdam else {"foreach": False}
        opt = cls([dict(params=params[:1], **groups[0]), dict(params=params[1:], **groups[1])], **defaults, **extra)
        grads, trajectory = [], []
        for _ in range(STEPS):
            opt.zero_grad()
            step_grads = []
            for p in params:
                idx = torch.randint(0, p.shape[0], (4,), generator=g)
                coef = torch.randn(4, p.shape[1], generator=g, dtype=torch.float64).to(dtype)
                (F.embedding(idx, p, sparse=True) * coef).sum().backward()
                step_grads.append({"rows": idx.tolist(), "coef": values(coef)})
            opt.step()
            grads.append(step_grads)
            trajectory.append([values(p) for p in params])
        cases.append({
            "name": f"{name}/{dname}", "optimizer": cls.__name__, "dtype": dname,
            "defaults": group_json(defaults), "groups": [group_json(g) for g in groups],
            "init": [values(e1), values(e2)], "shapes": [list(e1.shape), list(e2.shape)],
            "sparse_grads": grads, "trajectory": trajectory,
        })

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim_reference.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "steps": STEPS, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {path}")

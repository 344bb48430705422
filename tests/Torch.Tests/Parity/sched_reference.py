#!/usr/bin/python3
"""Reference learning rates for tests/Torch.Tests/Optim: every scheduler, 100 steps, two parameter groups.

Run with PyTorch 1.13 (`/usr/bin/python3 sched_reference.py`); writes sched_reference.json next to
this script. Each case builds an optimizer over two groups (lr 0.1 and 0.05; SGD with momentum 0.9,
or Adam for beta1 cycling), attaches the scheduler, and records every group's lr (and momentum or
beta1 where a scheduler cycles it) right after creation and after each of 100 steps.
ReduceLROnPlateau is stepped with the fixed metric sequence stored in the file.
"""
import json
import math
import os

import torch
from torch.optim import lr_scheduler as S

STEPS = 100
METRICS = [1.0 / (1 + 0.05 * i) + (0.02 if (i // 7) % 2 else 0.0) for i in range(STEPS)]


def make(kind="sgd"):
    params = [torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)]
    groups = [{"params": params[:1]}, {"params": params[1:], "lr": 0.05}]
    if kind == "adam":
        return torch.optim.Adam(groups, lr=0.1, betas=(0.9, 0.999))
    return torch.optim.SGD(groups, lr=0.1, momentum=0.9)


def momentum_of(opt):
    return [grp["betas"][0] if "betas" in grp else grp["momentum"] for grp in opt.param_groups]


CASES = {
    "lambda": lambda o: S.LambdaLR(o, [lambda e: 0.95 ** e, lambda e: 1.0 / (1.0 + 0.1 * e)]),
    "lambda_single": lambda o: S.LambdaLR(o, lambda e: 0.9 ** (e // 3)),
    "multiplicative": lambda o: S.MultiplicativeLR(o, lambda e: 0.97),
    "step": lambda o: S.StepLR(o, step_size=7, gamma=0.5),
    "multistep": lambda o: S.MultiStepLR(o, milestones=[10, 25, 25, 60], gamma=0.3),
    "constant": lambda o: S.ConstantLR(o, factor=0.25, total_iters=12),
    "linear": lambda o: S.LinearLR(o, start_factor=0.2, end_factor=0.9, total_iters=30),
    "exponential": lambda o: S.ExponentialLR(o, gamma=0.97),
    "polynomial": lambda o: S.PolynomialLR(o, total_iters=40, power=2.0),
    "cosine": lambda o: S.CosineAnnealingLR(o, T_max=30, eta_min=0.001),
    "warm_restarts": lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=2, eta_min=0.001),
    "warm_restarts_mult1": lambda o: S.CosineAnnealingWarmRestarts(o, T_0=15),
    "cyclic_triangular": lambda o: S.CyclicLR(o, base_lr=[0.01, 0.02], max_lr=[0.1, 0.2], step_size_up=10, step_size_down=5),
    "cyclic_triangular2": lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=8, mode="triangular2",
                                               base_momentum=0.7, max_momentum=0.95),
    "cyclic_exp_range": lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=[0.1, 0.3], step_size_up=6, mode="exp_range",
                                             gamma=0.98, cycle_momentum=False),
    "onecycle_cos": lambda o: S.OneCycleLR(o, max_lr=[0.5, 0.3], total_steps=STEPS),
    "onecycle_linear_three_phase": lambda o: S.OneCycleLR(o, max_lr=0.4, epochs=10, steps_per_epoch=10,
                                                          anneal_strategy="linear", three_phase=True, pct_start=0.25),
    "onecycle_adam": lambda o: S.OneCycleLR(o, max_lr=0.01, total_steps=STEPS, div_factor=10.0, final_div_factor=100.0),
    "plateau_min": lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=3, threshold=0.01, cooldown=2, min_lr=[0.001, 0.0005]),
    "plateau_max_abs": lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.7, patience=2, threshold=0.001,
                                                     threshold_mode="abs"),
    "sequential": lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=5), S.ExponentialLR(o, gamma=0.9),
                                               S.CosineAnnealingLR(o, T_max=20)], milestones=[5, 40]),
    "sequential_restarts": lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=3),
                                                        S.CosineAnnealingWarmRestarts(o, T_0=7, T_mult=2)], milestones=[10]),
    "chained": lambda o: S.ChainedScheduler([S.ConstantLR(o, factor=0.5, total_iters=8), S.ExponentialLR(o, gamma=0.95)]),
}

cases = []
for name, factory in CASES.items():
    opt = make("adam" if name == "onecycle_adam" else "sgd")
    sched = factory(opt)
    lrs = [[g["lr"] for g in opt.param_groups]]
    momenta = [momentum_of(opt)]
    for i in range(STEPS):
        if isinstance(sched, S.ReduceLROnPlateau):
            sched.step(METRICS[i])
        else:
            sched.step()
        lrs.append([g["lr"] for g in opt.param_groups])
        momenta.append(momentum_of(opt))
    cases.append({"name": name, "optimizer": "Adam" if name == "onecycle_adam" else "SGD", "lrs": lrs, "momenta": momenta})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sched_reference.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "steps": STEPS, "metrics": METRICS, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {path}")

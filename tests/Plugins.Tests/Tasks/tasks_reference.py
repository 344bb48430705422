#!/usr/bin/python3
"""Reference trajectories for tests/Plugins.Tests/Tasks: 20 GAN steps (plain and conditional) and 20 autoencoder steps.

Run with PyTorch 1.13 (`/usr/bin/python3 tasks_reference.py`); writes tasks_reference.json next to
this script. Weights and data come from closed-form formulas (no generator), the GAN's noise from
torch.manual_seed(0) and torch.randn, which Crucible's libtorch draws identically. The GAN step is the
one of Crucible's gan task (PyTorch's DCGAN example): discriminator on real (target 1) and detached
fake (target 0) samples, one Adam step; generator through the discriminator with target 1 (the
non-saturating loss), one Adam step. The conditional GAN appends the one-hot class to the noise and
to the discriminator's flattened samples (fakes asked for the real batch's classes) and smooths the
real target to 0.9. The autoencoder step is the trainer's automatic step: zero_grad,
BCE(model(x), x), backward, Adam step. Losses of every step and every parameter after the last step
are recorded.
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

STEPS = 20
BATCH = 8
LATENT = 3
CLASSES = 3


def fill(module, offset):
    """Every parameter p (in named order) = 0.3 * sin(offset + k + 0.37 * i) over its flat index i."""
    with torch.no_grad():
        for k, (_, p) in enumerate(module.named_parameters()):
            n = p.numel()
            i = torch.arange(n, dtype=torch.float64)
            p.copy_((0.3 * torch.sin(offset + k + 0.37 * i)).reshape(p.shape).to(p.dtype))


def images():
    i = torch.arange(BATCH * 16, dtype=torch.float64)
    return ((torch.sin(0.61 * i) + 1) / 2).reshape(BATCH, 1, 4, 4).float()


def params(module):
    return {name: p.detach().reshape(-1).tolist() for name, p in module.named_parameters()}


def gan(conditional=False):
    k = CLASSES if conditional else 0
    generator = nn.Sequential(nn.Linear(LATENT + k, 8), nn.ReLU(), nn.Linear(8, 16), nn.Sigmoid())
    discriminator = nn.Sequential(nn.Flatten(), nn.Linear(16 + k, 8), nn.LeakyReLU(), nn.Linear(8, 1))
    fill(generator, 3.0 if conditional else 0.0)
    fill(discriminator, 4.0 if conditional else 1.0)
    real_label = 0.9 if conditional else 1.0
    labels = torch.arange(BATCH) % CLASSES

    def g_input(z):
        return torch.cat([z, F.one_hot(labels, CLASSES).float()], 1) if conditional else z

    def d_input(x):
        return torch.cat([x.flatten(1), F.one_hot(labels, CLASSES).float()], 1) if conditional else x

    g_opt = torch.optim.Adam(generator.parameters(), lr=0.01, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(discriminator.parameters(), lr=0.01, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    real = images()
    torch.manual_seed(0)
    d_losses, g_losses = [], []
    for _ in range(STEPS):
        z = torch.randn(BATCH, LATENT)
        fake = generator(g_input(z)).reshape(BATCH, 1, 4, 4)
        d_opt.zero_grad()
        real_logits = discriminator(d_input(real))
        fake_logits = discriminator(d_input(fake.detach()))
        d_loss = bce(real_logits, torch.full_like(real_logits, real_label)) + bce(fake_logits, torch.zeros_like(fake_logits))
        d_loss.backward()
        d_opt.step()
        g_opt.zero_grad()
        logits = discriminator(d_input(fake))
        g_loss = bce(logits, torch.ones_like(logits))
        g_loss.backward()
        g_opt.step()
        d_losses.append(d_loss.item())
        g_losses.append(g_loss.item())
    return {"d_loss": d_losses, "g_loss": g_losses, "generator": params(generator), "discriminator": params(discriminator)}


def autoencoder():
    model = nn.Sequential(nn.Flatten(), nn.Linear(16, 4), nn.ReLU(), nn.Linear(4, 16), nn.Sigmoid())
    fill(model, 2.0)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    bce = nn.BCELoss()
    x = images()
    losses = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = bce(model(x).reshape(BATCH, 1, 4, 4), x)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return {"loss": losses, "model": params(model)}


if __name__ == "__main__":
    out = {"torch": torch.__version__, "gan": gan(), "conditional_gan": gan(conditional=True), "autoencoder": autoencoder()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tasks_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print(path)

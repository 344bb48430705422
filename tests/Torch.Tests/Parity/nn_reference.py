#!/usr/bin/python3
"""Reference values for Crucible's nn modules, computed with PyTorch 1.13.

Run with Debian's python (the one with torch):  /usr/bin/python3 nn_reference.py
It writes nn_reference.json next to itself; tests/Torch.Tests/Nn/NnParityTests.cs reads it.

Each case builds a module with a fixed seed, perturbs its parameters so that none is trivial
(ones/zeros), runs a fixed input forward, then backward with a fixed gradient for every output.
The JSON holds the module's state dict (loaded into the Crucible module so both compute with the
same parameters), the inputs, the outputs, the gradients of the inputs and of every parameter, and
the state dict after the step (running statistics). The case name tells the C# test which module
(with which options) to build; keep the two in step.

"init" cases hold the parameters of a module freshly built after torch.manual_seed(0), to check
that Crucible draws PyTorch's default initialization in the same order from the same generator.
"""
import json
import os
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)


def enc(t):
    t = t.detach()
    if t.is_sparse:
        t = t.to_dense()
    data = t.reshape(-1).tolist()
    if t.dtype == torch.float32:
        # 9 significant digits round-trip a float32 exactly and keep the file small.
        data = [float(f"{v:.9g}") for v in data]
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def perturb(module, seed):
    """Gives every floating parameter non-trivial values (BatchNorm's weight starts at ones)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.add_(torch.randn(p.shape, generator=g, dtype=p.dtype) * 0.1)


def case(name, module, inputs, dtype=torch.float32, call=None, seed=1, eval_mode=False, rng_seed=None,
         perturb_params=True, running_stats=None):
    module = module.to(dtype)
    if perturb_params:
        perturb(module, seed)
    if running_stats is not None:
        with torch.no_grad():
            for k, v in running_stats.items():
                getattr(module, k).copy_(v.to(getattr(module, k).dtype))
    if eval_mode:
        module.eval()
    state = OrderedDict((k, enc(v)) for k, v in module.state_dict().items())
    ins = [x.detach().to(dtype).clone() if x.is_floating_point() else x.clone() for x in inputs]
    for x in ins:
        if x.is_floating_point():
            x.requires_grad_(True)
    if rng_seed is not None:
        torch.manual_seed(rng_seed)
    out = call(module, *ins) if call else module(*ins)
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    flat = []
    for o in outs:
        flat.extend(o if isinstance(o, (tuple, list)) else [o])
    g = torch.Generator().manual_seed(seed + 100)
    grads_out = [torch.randn(o.shape, generator=g, dtype=o.dtype) for o in flat]
    torch.autograd.backward(flat, grads_out)
    return {
        "name": name,
        "dtype": str(dtype).replace("torch.", ""),
        "training": module.training,
        "rng_seed": rng_seed,
        "state": state,
        "inputs": [enc(x) for x in ins],
        "outputs": [enc(o) for o in flat],
        "grad_outputs": [enc(x) for x in grads_out],
        "input_grads": [enc(x.grad) if x.is_floating_point() else None for x in ins],
        "param_grads": OrderedDict((n, enc(p.grad)) for n, p in module.named_parameters() if p.grad is not None),
        # Only what the step changed (BatchNorm's running statistics), to keep the file small.
        "state_after": OrderedDict((k, enc(v)) for k, v in module.state_dict().items() if enc(v) != state[k]),
    }


def randn(*shape, seed):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def init_case(name, make):
    torch.manual_seed(0)
    m = make()
    return {"name": name, "state": OrderedDict((k, enc(v)) for k, v in m.state_dict().items())}


class Mlp(nn.Module):
    """The custom-module example of the C# tests: registered submodules, overridden forward."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.blocks = nn.ModuleList([nn.Linear(8, 8), nn.Linear(8, 8)])
        self.head = nn.Linear(8, 3)
        self.scale = nn.Parameter(torch.ones(3))

    def forward(self, x):
        x = F.relu(self.fc1(x))
        for b in self.blocks:
            x = torch.tanh(b(x)) + x
        return self.head(x) * self.scale


def main():
    torch.manual_seed(0)
    cases = []
    x24 = randn(2, 4, seed=10)
    x34 = randn(3, 4, seed=11)

    cases.append(case("linear", nn.Linear(4, 3), [x24]))
    cases.append(case("linear_nobias", nn.Linear(4, 3, bias=False), [x24]))
    cases.append(case("linear_f64", nn.Linear(4, 3), [x24], dtype=torch.float64))
    cases.append(case("linear_3d", nn.Linear(4, 2), [randn(2, 3, 4, seed=12)]))
    cases.append(case("bilinear", nn.Bilinear(3, 2, 4), [randn(2, 3, seed=13), randn(2, 2, seed=14)]))
    cases.append(case("conv1d", nn.Conv1d(2, 3, 3, padding=1), [randn(2, 2, 6, seed=15)]))
    cases.append(case("conv1d_same", nn.Conv1d(2, 4, 4, padding="same", dilation=2), [randn(1, 2, 9, seed=16)]))
    cases.append(case("conv2d", nn.Conv2d(2, 3, 3, stride=2, padding=1), [randn(2, 2, 5, 5, seed=17)]))
    cases.append(case("conv2d_groups", nn.Conv2d(4, 6, (3, 2), stride=(1, 2), padding=(1, 0), dilation=(2, 1), groups=2),
                      [randn(1, 4, 6, 6, seed=18)]))
    cases.append(case("conv2d_f64", nn.Conv2d(2, 2, 3), [randn(1, 2, 4, 4, seed=19)], dtype=torch.float64))
    cases.append(case("conv_transpose2d", nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1),
                      [randn(2, 2, 3, 3, seed=20)]))
    cases.append(case("max_pool1d", nn.MaxPool1d(2), [randn(2, 3, 7, seed=21)]))
    cases.append(case("max_pool2d", nn.MaxPool2d(3, stride=2, padding=1), [randn(1, 2, 6, 5, seed=22)]))
    cases.append(case("avg_pool2d", nn.AvgPool2d(3, stride=2, padding=1), [randn(1, 2, 6, 5, seed=23)]))
    cases.append(case("avg_pool2d_nopad", nn.AvgPool2d((2, 3), ceil_mode=True, count_include_pad=False),
                      [randn(1, 2, 5, 7, seed=24)]))
    cases.append(case("adaptive_avg_pool2d", nn.AdaptiveAvgPool2d((2, 3)), [randn(2, 2, 5, 7, seed=25)]))
    cases.append(case("batch_norm1d_train", nn.BatchNorm1d(3), [randn(4, 3, seed=26) * 2 + 1]))
    cases.append(case("batch_norm1d_3d_train", nn.BatchNorm1d(3, momentum=None), [randn(2, 3, 5, seed=27)]))
    cases.append(case("batch_norm1d_eval", nn.BatchNorm1d(3), [randn(4, 3, seed=28)], eval_mode=True,
                      running_stats={"running_mean": torch.tensor([0.5, -0.2, 0.1]),
                                     "running_var": torch.tensor([1.5, 0.7, 2.0])}))
    cases.append(case("batch_norm2d_train", nn.BatchNorm2d(2), [randn(3, 2, 4, 4, seed=29)]))
    cases.append(case("batch_norm2d_f64", nn.BatchNorm2d(2), [randn(3, 2, 3, 3, seed=30)], dtype=torch.float64))
    cases.append(case("layer_norm", nn.LayerNorm(4), [x34]))
    cases.append(case("layer_norm_2d", nn.LayerNorm([3, 4]), [randn(2, 3, 4, seed=31)]))
    cases.append(case("group_norm", nn.GroupNorm(2, 4), [randn(2, 4, 3, 3, seed=32)]))
    cases.append(case("dropout_eval", nn.Dropout(0.4), [x34], eval_mode=True))
    cases.append(case("dropout_seeded", nn.Dropout(0.4), [randn(4, 6, seed=33)], rng_seed=1234))
    cases.append(case("dropout2d_seeded", nn.Dropout2d(0.5), [randn(2, 4, 3, 3, seed=34)], rng_seed=99))
    cases.append(case("flatten", nn.Flatten(), [randn(2, 3, 2, 2, seed=35)]))
    idx = torch.tensor([[1, 2, 4, 1], [0, 9, 1, 3]])
    cases.append(case("embedding", nn.Embedding(10, 3, padding_idx=1), [idx]))
    cases.append(case("embedding_sparse", nn.Embedding(10, 3, sparse=True), [idx]))
    xs = randn(4, 2, 3, seed=36)  # (L, N, H_in)
    cases.append(case("rnn_tanh", nn.RNN(3, 3, num_layers=2, bidirectional=True), [xs, randn(4, 2, 3, seed=37)]))
    cases.append(case("rnn_relu_batch_first", nn.RNN(3, 4, nonlinearity="relu", batch_first=True),
                      [randn(2, 5, 3, seed=38)]))
    cases.append(case("lstm", nn.LSTM(3, 3, num_layers=2, bidirectional=True, batch_first=True),
                      [randn(2, 4, 3, seed=39), randn(4, 2, 3, seed=40), randn(4, 2, 3, seed=41)],
                      call=lambda m, x, h, c: m(x, (h, c))))
    cases.append(case("lstm_f64", nn.LSTM(3, 2), [xs], dtype=torch.float64))
    cases.append(case("lstm_unbatched", nn.LSTM(3, 2), [randn(5, 3, seed=42)]))
    cases.append(case("gru", nn.GRU(3, 3, num_layers=2), [xs, randn(2, 2, 3, seed=43)]))
    cases.append(case("gru_bidirectional", nn.GRU(3, 2, bidirectional=True, bias=False), [xs]))
    for name, mod in [("relu", nn.ReLU()), ("leaky_relu", nn.LeakyReLU(0.2)), ("elu", nn.ELU(1.5)),
                      ("gelu", nn.GELU()), ("gelu_tanh", nn.GELU(approximate="tanh")), ("silu", nn.SiLU()),
                      ("sigmoid", nn.Sigmoid()), ("tanh", nn.Tanh()), ("softmax", nn.Softmax(dim=1)),
                      ("log_softmax", nn.LogSoftmax(dim=-1))]:
        cases.append(case(name, mod, [x34 * 2]))
    cases.append(case("relu_f64", nn.ReLU(), [x34], dtype=torch.float64))
    cases.append(case("softmax_f64", nn.Softmax(dim=0), [x34], dtype=torch.float64))
    seq = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 3), nn.LogSoftmax(dim=1))
    cases.append(case("sequential_eval", seq, [x34], eval_mode=True))
    cases.append(case("custom_mlp", Mlp(), [x34]))

    inits = [
        init_case("init_linear", lambda: nn.Linear(5, 3)),
        init_case("init_conv2d", lambda: nn.Conv2d(2, 4, 3)),
        init_case("init_conv_transpose2d", lambda: nn.ConvTranspose2d(2, 4, 3, groups=2)),
        init_case("init_bilinear", lambda: nn.Bilinear(2, 3, 2)),
        init_case("init_embedding", lambda: nn.Embedding(5, 2, padding_idx=0)),
        init_case("init_lstm", lambda: nn.LSTM(3, 2, bidirectional=True)),
        init_case("init_sequential", lambda: nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))),
    ]

    printed = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ELU(), nn.Dropout(0.25), nn.Flatten(),
        nn.Linear(72, 10, bias=False), nn.LogSoftmax(dim=1),
        nn.ModuleList([nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True),
                       nn.Embedding(10, 3, padding_idx=0), nn.LayerNorm(4), nn.GELU(approximate="tanh")]))
    doc = {"torch_version": torch.__version__, "cases": cases, "init": inits, "repr": repr(printed)}
    path = os.path.join(HERE, "nn_reference.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases and {len(inits)} init cases to {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()

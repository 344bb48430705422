"""PyTorch peers of Crucible's benchmarks (Debian's python3-torch 1.13, the same libtorch and OpenBLAS).

  torch_peer.py [threads]                    per-op overhead and one MLP step, as Torch.Benchmarks
  torch_peer.py EXPERIMENT threads epochs    the same work as `crucible run experiments/EXPERIMENT.json`
                                             (mnist-mlp, mnist-cnn, xor), for benchmarks/run-experiments.sh

An experiment peer does what Crucible's run does, written as a PyTorch user would: read the IDX files,
standardize with the training set's mean and standard deviation, hold out 10% for validation with a
seeded permutation, train with the same model, loss, optimizer and per-batch one-cycle schedule,
compute accuracy and macro precision/recall/F1 over each epoch's training outputs, validate each
epoch (loss, accuracy, macro precision/recall/F1, confusion matrix), write a
checkpoint each epoch, evaluate the test split the same way and save the weights. The xor peer trains
its 2-2-1 network one sample per step, computes the experiment's regression metrics (MSE, RMSE, MAE,
R²) over each epoch's training outputs, checkpoints every 100 epochs and saves the weights. What Crucible does
beyond that (MLflow records, plots, the run log) stays on Crucible's side of the comparison.
"""
import gzip
import os
import sys
import tempfile
import time

import numpy as np
import torch
from torch import nn


def ops_benchmark(threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    a = torch.ones(1)
    b = torch.ones(1)
    for _ in range(10_000):
        _ = a + b
    n = 1_000_000
    start = time.perf_counter()
    for _ in range(n):
        _ = a + b
    print(f"add_1elem_ns {(time.perf_counter() - start) / n * 1e9:.2f} ns")

    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss = nn.CrossEntropyLoss()
    x = torch.randn(64, 784)
    y = torch.randint(10, (64,))

    def step():
        optimizer.zero_grad()
        l = loss(model(x), y)
        l.backward()
        optimizer.step()

    for _ in range(50):
        step()
    steps = 500
    start = time.perf_counter()
    for _ in range(steps):
        step()
    print(f"mlp_step_us {(time.perf_counter() - start) / steps * 1e6:.2f} us")

    # The same warm-up as the C# benchmark's: a second of steps before the measured ones.
    def optimizer_step(network, create, shape, steps):
        network(torch.randn(*shape)).sum().backward()
        optimizer = create(network.parameters())
        warm_up = time.perf_counter()
        while time.perf_counter() - warm_up < 1:
            optimizer.step()
        start = time.process_time()
        for _ in range(steps):
            optimizer.step()
        return (time.process_time() - start) / steps * 1e6

    def xor():
        return nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1), nn.Sigmoid())

    def cnn():
        return nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))

    adam = optimizer_step(nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10)),
                          lambda p: torch.optim.Adam(p, lr=0.001), (64, 784), 2_000)
    print(f"adam_step_mlp_cpu_us {adam:.2f} us")
    adam_cnn = optimizer_step(cnn(), lambda p: torch.optim.Adam(p, lr=0.001), (64, 1, 28, 28), 3_000)
    print(f"adam_step_cnn_cpu_us {adam_cnn:.2f} us")
    sgd = optimizer_step(xor(), lambda p: torch.optim.SGD(p, lr=0.1), (1, 2), 300_000)
    print(f"sgd_step_xor_cpu_us {sgd:.2f} us")
    sgd_momentum = optimizer_step(xor(), lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), (1, 2), 100_000)
    print(f"sgd_momentum_step_xor_cpu_us {sgd_momentum:.2f} us")

    def xor_train_step(steps):
        model = xor()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        mse = nn.MSELoss()
        x = torch.tensor([[0.0, 1.0]])
        y = torch.tensor([[1.0]])
        total = 0.0

        def step():
            nonlocal total
            optimizer.zero_grad()
            loss = mse(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item()

        warm_up = time.perf_counter()
        while time.perf_counter() - warm_up < 1:
            step()
        start = time.process_time()
        for _ in range(steps):
            step()
        return (time.process_time() - start) / steps * 1e6

    print(f"xor_train_step_cpu_us {xor_train_step(200_000):.2f} us")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return torch.from_numpy(np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).copy()).view(*dims)


def mnist(folder):
    x_train = read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz")).float()
    y_train = read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz")).long()
    x_test = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz")).float()
    y_test = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")).long()
    mean, std = x_train.mean().item(), x_train.std(unbiased=False).item()
    x_train.sub_(mean).div_(std)
    x_test.sub_(mean).div_(std)
    return x_train.unsqueeze(1), y_train, x_test.unsqueeze(1), y_test


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 10))


def cnn():
    features = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
    classifier = nn.Sequential(nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))
    return nn.Sequential(features, nn.Flatten(), classifier)


def classification_metrics(logits, targets, classes=10):
    predicted = logits.argmax(1)
    confusion = torch.bincount(targets * classes + predicted, minlength=classes * classes).view(classes, classes)
    tp = confusion.diag().double()
    precision = (tp / confusion.sum(0).clamp(min=1)).mean().item()
    recall = (tp / confusion.sum(1).clamp(min=1)).mean().item()
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    return {"accuracy": tp.sum().item() / len(targets), "precision": precision, "recall": recall, "f1": f1}


def evaluate(model, loss_fn, x, y, batch):
    model.eval()
    losses, outputs = 0.0, []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            out = model(x[i:i + batch])
            losses += loss_fn(out, y[i:i + batch]).item() * len(out)
            outputs.append(out)
    model.train()
    metrics = classification_metrics(torch.cat(outputs), y)
    metrics["loss"] = losses / len(x)
    return metrics


def mnist_run(name, epochs, out):
    torch.manual_seed(42)
    x_train, y_train, x_test, y_test = mnist(os.path.join(os.environ["CRUCIBLE_DATA"], "mnist"))
    n = len(x_train)
    holdout = round(n * 0.1)
    permutation = torch.randperm(n)
    x_val, y_val = x_train[permutation[n - holdout:]], y_train[permutation[n - holdout:]]
    x_train, y_train = x_train[permutation[:n - holdout]], y_train[permutation[:n - holdout]]
    model = mlp() if name == "mnist-mlp" else cnn()
    max_lr = 0.002 if name == "mnist-mlp" else 0.003
    batch = 128
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    batches = (len(x_train) + batch - 1) // batch
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=max_lr, total_steps=epochs * batches)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        order = torch.randperm(len(x_train))
        total = 0.0
        outputs = []
        for i in range(0, len(x_train), batch):
            index = order[i:i + batch]
            optimizer.zero_grad()
            output = model(x_train[index])
            loss = loss_fn(output, y_train[index])
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += loss.item() * len(index)
            outputs.append(output.detach())
        # The experiment's metrics over the epoch's training outputs too, as Crucible records them.
        train = classification_metrics(torch.cat(outputs), y_train[order])
        validation = evaluate(model, loss_fn, x_val, y_val, 1024)
        print(f"epoch {epoch + 1}: train_loss {total / len(x_train):.4f} train_accuracy {train['accuracy']:.4f} "
              f"val_loss {validation['loss']:.4f} val_accuracy {validation['accuracy']:.4f}")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "epoch": epoch + 1}, os.path.join(out, "last.pt"))
    test = evaluate(model, loss_fn, x_test, y_test, 1024)
    print(f"test_accuracy {test['accuracy']:.4f} test_f1 {test['f1']:.4f}")
    torch.save(model.state_dict(), os.path.join(out, "model.pt"))


def xor_run(epochs, out):
    torch.manual_seed(34)
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1), nn.Sigmoid())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        order = torch.randperm(4)
        total = 0.0
        outputs, targets = [], []
        for i in range(4):
            index = order[i:i + 1]
            optimizer.zero_grad()
            output = model(x[index])
            loss = loss_fn(output, y[index])
            loss.backward()
            optimizer.step()
            total += loss.item()
            outputs.append(output.detach())
            targets.append(y[index])
        # The experiment's "regression" metrics over the epoch's training outputs, as Crucible records them.
        metrics = regression_metrics(torch.cat(outputs), torch.cat(targets))
        if (epoch + 1) % 100 == 0 or epoch + 1 == epochs:
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch + 1},
                       os.path.join(out, "last.pt"))
    with torch.no_grad():
        predictions = model(x).squeeze(1).tolist()
    print("predictions " + " ".join(f"{p:.2f}" for p in predictions) + f" (train_loss {total / 4:.4f}, "
          + ", ".join(f"train_{k} {v:.4f}" for k, v in metrics.items()) + ")")
    torch.save(model.state_dict(), os.path.join(out, "model.pt"))


def regression_metrics(output, target):
    error = output - target
    mse = (error ** 2).mean().item()
    mae = error.abs().mean().item()
    total = ((target - target.mean()) ** 2).sum().item()
    r2 = 1 - (error ** 2).sum().item() / total if total > 0 else float("nan")
    return {"mse": mse, "rmse": mse ** 0.5, "mae": mae, "r2": r2}


def main():
    if len(sys.argv) <= 2:
        ops_benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
        return
    name, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    with tempfile.TemporaryDirectory(prefix="torch-peer-") as out:
        if name == "xor":
            xor_run(epochs, out)
        elif name in ("mnist-mlp", "mnist-cnn"):
            mnist_run(name, epochs, out)
        else:
            raise SystemExit(f"unknown experiment {name}: mnist-mlp, mnist-cnn or xor")


if __name__ == "__main__":
    main()

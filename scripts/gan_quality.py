#!/usr/bin/python3
"""Classifies the digits a mnist-gan run generated with the classifier a mnist-cnn run trained.

Usage: /usr/bin/python3 scripts/gan_quality.py CNN_RUN_DIR GAN_RUN_DIR   (MLflow run folders of a file store)

Reads the CNN's recorded experiment.json and model.safetensors (Crucible's `cnn` model: conv blocks
with padding kernel/2, ReLU, max pooling, then dense layers), rebuilds it in PyTorch 1.13, and
classifies GAN_RUN_DIR/artifacts/samples/generated.idx (bytes, as MNIST's files) after the same pixel
normalization as the CNN's dataset. Prints the class counts and the share labelled with probability
>= 0.9; exits 1 unless that share is at least 90% and every one of the ten classes appears. For a
conditional GAN (task.conditional; GAN_RUN_DIR/artifacts/samples/generated-labels.idx holds the class
each digit was asked for) it also prints how often the classifier agrees with the requested class,
overall and per class.
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw[4 + 4 * dims:], dtype=np.uint8).reshape(shape)


def layer_order(name):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in name.split(".")]


class Cnn(nn.Module):
    """Crucible's `cnn` model for the recorded options, with the recorded weights in module order."""

    def __init__(self, model_options, weights):
        super().__init__()
        self.blocks = model_options["blocks"]
        names = sorted((k for k in weights if k.endswith(".weight")), key=layer_order)
        self.convs = [(weights[n], weights[n[:-len("weight")] + "bias"]) for n in names if weights[n].dim() == 4]
        self.linears = [(weights[n], weights[n[:-len("weight")] + "bias"]) for n in names if weights[n].dim() == 2]
        if model_options.get("activation", "relu") != "relu" or any(b.get("batchNorm") for b in self.blocks):
            raise SystemExit("gan_quality.py rebuilds cnn models with ReLU and without batch norm only")

    def forward(self, x):
        for (w, b), block in zip(self.convs, self.blocks):
            padding = block.get("padding")
            x = F.conv2d(x, w, b, stride=block.get("stride", 1), padding=block["kernel"] // 2 if padding is None else padding)
            x = F.relu(x)
            if block.get("pool", 1) > 1:
                x = (F.avg_pool2d if block.get("averagePool") else F.max_pool2d)(x, block["pool"])
        x = x.flatten(1)
        for i, (w, b) in enumerate(self.linears):
            x = F.linear(x, w, b)
            if i < len(self.linears) - 1:
                x = F.relu(x)
        return x


def main(cnn_run, gan_run):
    experiment = json.load(open(os.path.join(cnn_run, "artifacts", "experiment.json")))
    model = Cnn(experiment["model"], read_safetensors(os.path.join(cnn_run, "artifacts", "model.safetensors")))
    dataset = experiment["dataset"]
    directory = dataset["directory"]
    normalization = dataset.get("normalization", "unit")
    train = read_idx(os.path.join(directory, dataset.get("trainImages", "train-images-idx3-ubyte.gz"))).astype(np.float64) / 255.0
    mean, std = float(train.mean()), float(train.std())

    def prepare(pixels):
        x = torch.from_numpy(pixels.astype(np.float32) / 255.0).unsqueeze(1)
        if normalization == "standardize":
            # As the idx dataset does: the training images' mean and standard deviation.
            return (x - mean) / std
        return x * 255.0 if normalization == "none" else x

    # The rebuilt classifier must be the recorded one: its accuracy on MNIST's test images first.
    test_images = read_idx(os.path.join(directory, dataset.get("testImages", "t10k-images-idx3-ubyte.gz")))
    test_labels = torch.from_numpy(read_idx(os.path.join(directory, dataset.get("testLabels", "t10k-labels-idx1-ubyte.gz"))).astype(np.int64))
    with torch.no_grad():
        accuracy = (model(prepare(test_images)).argmax(dim=1) == test_labels).float().mean().item()
    print(f"classifier (rebuilt from {cnn_run}): MNIST test accuracy {100.0 * accuracy:.2f}%")

    images = read_idx(os.path.join(gan_run, "artifacts", "samples", "generated.idx"))
    with torch.no_grad():
        probabilities = F.softmax(model(prepare(images)), dim=1)
    confidence, label = probabilities.max(dim=1)
    n = len(label)
    confident = int((confidence >= 0.9).sum())
    counts = torch.bincount(label, minlength=10).tolist()
    confident_counts = torch.bincount(label[confidence >= 0.9], minlength=10).tolist()
    print(f"generated digits: {n}")
    print("class counts (all):            " + " ".join(f"{c}:{k}" for c, k in enumerate(counts)))
    print("class counts (probability>=0.9): " + " ".join(f"{c}:{k}" for c, k in enumerate(confident_counts)))
    print(f"labelled with probability >= 0.9: {confident}/{n} = {100.0 * confident / n:.1f}%")
    labels_path = os.path.join(gan_run, "artifacts", "samples", "generated-labels.idx")
    if os.path.exists(labels_path):
        requested = torch.from_numpy(read_idx(labels_path).astype(np.int64))
        agree = label == requested
        print("requested classes:               " + " ".join(f"{c}:{k}" for c, k in enumerate(torch.bincount(requested, minlength=10).tolist())))
        print("agreement per requested class:   " + " ".join(
            f"{c}:{100.0 * agree[requested == c].float().mean().item():.0f}%" for c in range(10) if (requested == c).any()))
        both = int((agree & (confidence >= 0.9)).sum())
        print(f"classifier agrees with the requested class: {int(agree.sum())}/{n} = {100.0 * agree.float().mean().item():.1f}%"
              f" ({both}/{n} = {100.0 * both / n:.1f}% agree with probability >= 0.9)")
    missing = [c for c in range(10) if confident_counts[c] == 0]
    ok = confident >= 0.9 * n and not missing
    print("PASS" if ok else f"FAIL (need >= 90% confident and all ten classes; classes never confidently seen: {missing})")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))

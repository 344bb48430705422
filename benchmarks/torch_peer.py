"""The same measurements as Torch.Benchmarks, in PyTorch, for benchmarks/run-torch.sh."""
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
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

model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10))
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
loss = torch.nn.CrossEntropyLoss()
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

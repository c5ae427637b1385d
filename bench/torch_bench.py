#!/usr/bin/python3
"""PyTorch in Python: the reference row of bench/run.sh, written as a PyTorch user writes it.

Trains one of the four bench workloads (mlp, conv, paint, ae) from the data pool and initial weights that
the Java side exported (`Main --export FILE --workload W`: an .npz in the course's layouts), with plain
PyTorch: an nn.Module, torch.optim.Adam(lr=1e-3), and per step zero_grad(), forward, loss, backward(),
step(). Then times it exactly as bench's Main times the Java rows (warm-up steps whose first three losses
are the agreement figures, then windows of at least --window-seconds, median examples/s) and writes one
`ROW key=value ...` line. With --gemm it instead times single matrix products (see gemm()).

Run it with Debian's /usr/bin/python3 (python3-torch, with libopenblas0-openmp as the system BLAS).
"""
import argparse
import os
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

AGREE_STEPS = 3
LEARNING_RATE = 1e-3


class Mlp(nn.Module):
    """784-128-10, ReLU hidden layer; logits out."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


class ConvNet(nn.Module):
    """Session 3's net: conv 5x5x32 stride 2, conv 5x5x64 stride 2 (TensorFlow's SAME padding), fc 128, fc 10.

    SAME with stride 2 on 28 -> 14 -> 7 pads 1 before and 2 after, which nn.Conv2d's symmetric padding
    cannot say, so each conv is preceded by an explicit F.pad. Images are NCHW, PyTorch's layout.
    """

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 5, stride=2)
        self.conv2 = nn.Conv2d(32, 64, 5, stride=2)
        self.fc1 = nn.Linear(7 * 7 * 64, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(F.pad(x, (1, 2, 1, 2))))
        x = F.relu(self.conv2(F.pad(x, (1, 2, 1, 2))))
        x = torch.flatten(x, 1)
        return self.fc2(F.relu(self.fc1(x)))


class Paint(nn.Module):
    """The painting network [2, 64 x 6, 3]: ReLU hidden layers, linear output."""

    def __init__(self, sizes=(2, 64, 64, 64, 64, 64, 64, 3)):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i + 1 < len(self.layers):
                x = F.relu(x)
        return x


class TiedAutoencoder(nn.Module):
    """784-512-256-128-64 without biases, ReLU everywhere; the decoder multiplies by the encoder's W^T."""

    def __init__(self, sizes=(784, 512, 256, 128, 64)):
        super().__init__()
        self.weights = nn.ParameterList(nn.Parameter(torch.empty(a, b)) for a, b in zip(sizes[:-1], sizes[1:]))

    def forward(self, x):
        for w in self.weights:
            x = F.relu(x @ w)
        for w in reversed(self.weights):
            x = F.relu(x @ w.t())
        return x


def build(workload, npz):
    """The model with the exported initial weights, the inputs and the targets (one tensor per batch)."""
    p = {k: torch.from_numpy(npz[k]) for k in npz.files}
    xs, ys = p.pop("x"), p.pop("y")
    if workload == "mlp":
        model = Mlp()
        sd = {"fc1.weight": p["W1"].t(), "fc1.bias": p["b1"], "fc2.weight": p["W2"].t(), "fc2.bias": p["b2"]}
    elif workload == "paint":
        model = Paint()
        sd = {}
        for i in range(len(model.layers)):
            sd[f"layers.{i}.weight"] = p[f"W{i + 1}"].t()
            sd[f"layers.{i}.bias"] = p[f"b{i + 1}"]
    elif workload == "ae":
        model = TiedAutoencoder()
        sd = {f"weights.{i}": p[f"W{i + 1}"] for i in range(4)}
    elif workload == "conv":
        model = ConvNet()
        # fc1's rows are in the course's H,W,C flatten order; PyTorch flattens C,H,W
        fc1 = p["fc1.W"].reshape(7, 7, 64, 128).permute(2, 0, 1, 3).reshape(3136, 128)
        sd = {"conv1.weight": p["conv1.W"].permute(3, 2, 0, 1), "conv1.bias": p["conv1.b"],   # HWIO -> OIHW
              "conv2.weight": p["conv2.W"].permute(3, 2, 0, 1), "conv2.bias": p["conv2.b"],
              "fc1.weight": fc1.t(), "fc1.bias": p["fc1.b"],
              "fc2.weight": p["fc2.W"].t(), "fc2.bias": p["fc2.b"]}
        xs = xs.permute(0, 1, 4, 2, 3)   # NHWC -> NCHW
    else:
        raise SystemExit(f"unknown workload '{workload}': expected mlp, conv, paint or ae")
    model.load_state_dict({k: v.contiguous() for k, v in sd.items()}, strict=True)
    xs = [x.contiguous() for x in xs]
    if workload in ("mlp", "conv"):
        ys = [y.argmax(1) for y in ys]   # class indices, what F.cross_entropy takes
    else:
        ys = [y.contiguous() for y in ys]
    return model, xs, ys


def loss_fn(workload, out, y):
    if workload in ("mlp", "conv"):
        return F.cross_entropy(out, y)
    if workload == "paint":
        return (out - y).abs().sum(1).mean()
    return F.mse_loss(out, y)


def blas_info():
    """Which BLAS torch calls, with its version and kernel (threadpoolctl), as 'name_version_kernel'."""
    try:
        from threadpoolctl import threadpool_info
        for i in threadpool_info():
            if i.get("user_api") == "blas":
                return f"{i.get('internal_api')}_{i.get('version')}_{i.get('architecture')}"
    except ImportError:
        pass
    return "unknown(python3-threadpoolctl_missing)"


def cpu_capability():
    """The vector ISA ATen's own kernels were dispatched to (torch.__config__.show() says it)."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def gemm(threads):
    """Single float32 GEMMs in torch: 1024x1024x1024, and the tied autoencoder's 23 products of one step
    back to back (the same shapes and transposes its forward and backward compute)."""
    def rate(fn, flops, seconds=1.0):
        for _ in range(5):
            fn()
        t0, n = time.perf_counter(), 0
        while True:
            fn()
            n += 1
            el = time.perf_counter() - t0
            if el >= seconds:
                return flops * n / el / 1e9
    a, b = torch.rand(1024, 1024), torch.rand(1024, 1024)
    print(f"GEMM torch sgemm 1024x1024x1024: {rate(lambda: a @ b, 2 * 1024 ** 3):.1f} GFLOPS")
    B, sizes = 100, (784, 512, 256, 128, 64)
    ws = [torch.rand(i, o) for i, o in zip(sizes[:-1], sizes[1:])]
    hs = [torch.rand(B, s) for s in sizes]
    def step():
        for i, w in enumerate(ws):                 # encoder h @ W and decoder h @ W^T
            hs[i] @ w
            hs[i + 1] @ w.t()
        for i, w in enumerate(ws):                 # backward: dW (twice), dh (skipped for the input)
            hs[i].t() @ hs[i + 1]
            hs[i + 1].t() @ hs[i]
            hs[i] @ w
            if i > 0:
                hs[i + 1] @ w.t()
    flops = 2 * B * sum(i * o for i, o in zip(sizes[:-1], sizes[1:])) * 6 - 2 * B * sizes[0] * sizes[1]
    print(f"GEMM torch ae step's 23 GEMMs: {rate(step, flops):.1f} GFLOPS")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workload")
    ap.add_argument("--data", help=".npz written by Main --export")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--windows", type=int, default=5)
    ap.add_argument("--window-seconds", type=float, default=2.0)
    ap.add_argument("--out")
    ap.add_argument("--gemm", action="store_true", help="time single GEMMs instead of training")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    if a.gemm:
        gemm(a.threads)
        return
    load = open("/proc/loadavg").read().split()[0]
    torch.manual_seed(0)
    with np.load(a.data) as npz:
        model, xs, ys = build(a.workload, npz)
    opt = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    batch = xs[0].shape[0]

    def step(s):
        b = s % len(xs)
        opt.zero_grad()
        loss = loss_fn(a.workload, model(xs[b]), ys[b])
        loss.backward()
        opt.step()
        return loss.item()

    first, s = [], 0
    for s in range(max(a.warmup, AGREE_STEPS)):
        loss = step(s)
        if s < AGREE_STEPS:
            first.append(loss)
        if not np.isfinite(loss):
            raise SystemExit(f"torch/{a.workload}: loss {loss} at step {s}")
    s += 1
    rates = []
    for _ in range(a.windows):
        t0, n = time.perf_counter(), 0
        while True:
            last = step(s)
            s += 1
            n += 1
            el = time.perf_counter() - t0
            if el >= a.window_seconds and n >= 5:
                break
        rates.append(n * batch / el)
    rates.sort()
    k = len(rates)
    median = rates[k // 2] if k % 2 else (rates[k // 2 - 1] + rates[k // 2]) / 2
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    describe = f"PyTorch_{torch.__version__}_(Python_{sys.version.split()[0]},_{blas_info()},_ATen_{cpu_capability()})"
    line = (f"ROW framework=torch workload={a.workload} status=ok describe={describe} median={median:.1f} "
            f"min={rates[0]:.1f} max={rates[-1]:.1f} rss_mb={rss:.1f} heap_mb=- "
            f"losses={','.join(str(np.float32(v)) for v in first)} last_loss={str(np.float32(last))} "
            f"steps={s} load={load} threads={a.threads}")
    print(line)
    if a.out:
        with open(a.out, "w") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()

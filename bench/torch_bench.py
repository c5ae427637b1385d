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


def cpu_us(fn, seconds):
    """Process CPU microseconds per call of fn, after a warm-up of a third of the time (batches of calls
    between clock reads, grown until a batch takes 2 ms)."""
    end = time.process_time() + seconds / 3
    while time.process_time() < end:
        fn()
    batch, n, t0 = 1, 0, time.process_time()
    while True:
        b0 = time.process_time()
        for _ in range(batch):
            fn()
        n += batch
        now = time.process_time()
        if now - b0 < 0.002:
            batch *= 2
        if now - t0 >= seconds and n >= 3:
            return (now - t0) / n * 1e6


def op_costs(workload, seconds):
    """The same per-op costs as bench's OpCosts (see there), for PyTorch: forward with autograd recording,
    and backward as (op then (y * G).sum() then backward) minus the same tail on a leaf of y's shape."""
    g = torch.Generator().manual_seed(1)
    def t(*shape, grad=True):
        return torch.randn(tuple(shape), generator=g).requires_grad_(grad)
    ops = []
    if workload == "conv":
        n = 50
        x, w1, b1 = t(n, 1, 28, 28, grad=False), t(32, 1, 5, 5), t(32)
        h1, w2, b2 = t(n, 32, 14, 14), t(64, 32, 5, 5), t(64)
        h2, f, fw1, fb1 = t(n, 64, 7, 7), t(n, 3136), t(128, 3136), t(128)
        h, fw2, fb2, logits = t(n, 128), t(10, 128), t(10), t(n, 10)
        y = torch.randint(0, 10, (n,), generator=g)
        ops += [("conv1 pad + conv2d with bias [50,1,28,28]*[32,1,5,5] s2 (dW only)", lambda: F.conv2d(F.pad(x, (1, 2, 1, 2)), w1, b1, stride=2), (n, 32, 14, 14)),
                ("conv1 relu", lambda: F.relu(h1), (n, 32, 14, 14)),
                ("conv2 pad + conv2d with bias [50,32,14,14]*[64,32,5,5] s2", lambda: F.conv2d(F.pad(h1, (1, 2, 1, 2)), w2, b2, stride=2), (n, 64, 7, 7)),
                ("conv2 relu", lambda: F.relu(h2), (n, 64, 7, 7)),
                ("flatten", lambda: torch.flatten(h2, 1), (n, 3136)),
                ("fc1 linear [50,3136]x[3136,128] + bias", lambda: F.linear(f, fw1, fb1), (n, 128)),
                ("fc1 relu", lambda: F.relu(h), (n, 128)),
                ("fc2 linear [50,128]x[128,10] + bias", lambda: F.linear(h, fw2, fb2), (n, 10)),
                ("cross entropy [50,10]", lambda: F.cross_entropy(logits, y), ())]
    elif workload == "ae":
        n, s = 100, (784, 512, 256, 128, 64)
        for i in range(4):
            hh, ww, oo = t(n, s[i], grad=i > 0), t(s[i], s[i + 1]), t(n, s[i + 1])
            ops.append((f"enc{i + 1} matmul [100,{s[i]}]x[{s[i]},{s[i + 1]}]", lambda hh=hh, ww=ww: hh @ ww, (n, s[i + 1])))
            ops.append((f"enc{i + 1} relu", lambda oo=oo: F.relu(oo), (n, s[i + 1])))
        for i in reversed(range(4)):
            hh, ww, oo = t(n, s[i + 1]), t(s[i], s[i + 1]), t(n, s[i])
            ops.append((f"dec{i + 1} matmul by W^T [100,{s[i + 1]}]x[{s[i]},{s[i + 1]}]^T", lambda hh=hh, ww=ww: hh @ ww.t(), (n, s[i])))
            ops.append((f"dec{i + 1} relu", lambda oo=oo: F.relu(oo), (n, s[i])))
        out, y = t(n, 784), t(n, 784, grad=False)
        ops.append(("mse [100,784]", lambda: F.mse_loss(out, y), ()))
    else:
        n = 100 if workload == "mlp" else 50
        s = (784, 128, 10) if workload == "mlp" else (2, 64, 64, 64, 64, 64, 64, 3)
        for i in range(len(s) - 1):
            hh, ww, bb, oo = t(n, s[i], grad=i > 0), t(s[i + 1], s[i]), t(s[i + 1]), t(n, s[i + 1])
            ops.append((f"fc{i + 1} linear [{n},{s[i]}]x[{s[i]},{s[i + 1]}] + bias", lambda hh=hh, ww=ww, bb=bb: F.linear(hh, ww, bb), (n, s[i + 1])))
            if i + 2 < len(s):
                ops.append((f"fc{i + 1} relu", lambda oo=oo: F.relu(oo), (n, s[i + 1])))
        out = t(n, s[-1])
        if workload == "mlp":
            y = torch.randint(0, 10, (n,), generator=g)
            ops.append(("cross entropy [100,10]", lambda: F.cross_entropy(out, y), ()))
        else:
            y = t(n, 3, grad=False)
            ops.append(("l1 loss [50,3]", lambda: (out - y).abs().sum(1).mean(), ()))
    fsum = bsum = 0.0
    for name, fn, shape in ops:
        gg, leaf = t(*shape, grad=False), t(*shape)
        fwd = cpu_us(fn, seconds)
        allc = cpu_us(lambda: (fn() * gg).sum().backward(), seconds)
        tail = cpu_us(lambda: (leaf * gg).sum().backward(), seconds)
        bwd = max(0.0, allc - fwd - tail)
        fsum, bsum = fsum + fwd, bsum + bwd
        print(f"OPCOST torch {workload} | {name} | forward {fwd:.1f} us | backward {bwd:.1f} us")
    model = {"mlp": Mlp, "conv": ConvNet, "paint": Paint, "ae": TiedAutoencoder}[workload]()
    for p in model.parameters():
        p.grad = torch.randn(p.shape, generator=g)
    opt = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    step = cpu_us(opt.step, seconds)
    zero = cpu_us(opt.zero_grad, seconds)
    params = sum(p.numel() for p in model.parameters())
    print(f"OPCOST torch {workload} | Adam step ({params} parameters) | {step:.1f} us | zero_grad {zero:.1f} us")
    print(f"OPCOST torch {workload} | sum of the ops | forward {fsum:.1f} us | backward {bsum:.1f} us | with Adam and zero_grad {fsum + bsum + step + zero:.1f} us")


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
    ap.add_argument("--ops", action="store_true", help="print each op's CPU cost at the workload's shapes instead")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    if a.gemm:
        gemm(a.threads)
        return
    if a.ops:
        op_costs(a.workload, a.window_seconds)
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
    rates, cpu_rates = [], []
    for _ in range(a.windows):
        c0 = time.process_time()
        t0, n = time.perf_counter(), 0
        while True:
            last = step(s)
            s += 1
            n += 1
            el = time.perf_counter() - t0
            if el >= a.window_seconds and n >= 5:
                break
        rates.append(n * batch / el)
        cpu_rates.append(n * batch / (time.process_time() - c0))
    rates.sort()
    cpu_rates.sort()
    def med(v):
        k = len(v)
        return v[k // 2] if k % 2 else (v[k // 2 - 1] + v[k // 2]) / 2
    median = med(rates)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    describe = f"PyTorch_{torch.__version__}_(Python_{sys.version.split()[0]},_{blas_info()},_ATen_{cpu_capability()})"
    line = (f"ROW framework=torch workload={a.workload} status=ok describe={describe} median={median:.1f} "
            f"min={rates[0]:.1f} max={rates[-1]:.1f} cpu_median={med(cpu_rates):.1f} rss_mb={rss:.1f} heap_mb=- "
            f"losses={','.join(str(np.float32(v)) for v in first)} last_loss={str(np.float32(last))} "
            f"steps={s} load={load} threads={a.threads}")
    print(line)
    if a.out:
        with open(a.out, "w") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()

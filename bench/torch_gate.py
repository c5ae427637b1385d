#!/usr/bin/python3
"""Calibrates the agreement gate of bench/run.sh for one workload, from PyTorch in Python.

The first loss of every framework is computed from the same weights and data, so only summation order
separates them; the later losses come after Adam steps, and Adam's first step moves every weight by about
the learning rate whatever the size of its gradient, so a gradient that is 1e-9 in one framework and exactly
0 in another (a pre-activation that rounds to 0 under one BLAS and not another flips one ReLU) moves a whole
row of weights. This script measures both sides of that, from the same exported start:

- sensitivity: for each ReLU in the network, retrain the first steps with the one pre-activation nearest to
  zero (over the batch) flipped at step 0, the event rounding can cause; the largest relative change of each
  later loss over all ReLUs is the workload's rounding sensitivity;
- controls: the same steps with a real bug each: Adam's learning rate doubled, the first update skipped, and
  the gradient of the largest weight dropped (an op whose backward is missing). A gate that accepted any of
  these could not fail where it matters.

It prints one line `GATE workload=W sensitivity=s1,s2 lr2x=d1,d2 noupdate=... dropgrad=...` with relative
differences of losses 2..AGREE_STEPS to the reference; bench's Report turns it into the tolerance.
"""
import argparse
import types

import numpy as np
import torch
import torch.nn.functional as real_f

import torch_bench as tb

AGREE = tb.AGREE_STEPS


class FlipRelu:
    """Stands in for torch.nn.functional inside torch_bench: relu call number `target` (counted from 0 within
    the first forward) flips the unit whose input is nearest to zero; everything else is the real F."""

    def __init__(self, target):
        self.target, self.calls, self.armed = target, 0, True

    def relu(self, x):
        y = real_f.relu(x)
        if self.armed and self.calls == self.target:
            i = torch.argmin(x.detach().abs())
            mask = (x.detach() > 0).to(x.dtype).flatten()
            mask[i] = 1 - mask[i]
            y = x * mask.view_as(x)
        if self.armed:
            self.calls += 1
        return y

    def __getattr__(self, name):
        return getattr(real_f, name)


def train(workload, data, variant=None, shim=None):
    tb.F = shim if shim is not None else real_f
    with np.load(data) as npz:
        model, xs, ys = tb.build(workload, npz)
    lr = 2 * tb.LEARNING_RATE if variant == "lr2x" else tb.LEARNING_RATE
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    biggest = max(model.parameters(), key=lambda p: p.numel())
    losses = []
    for s in range(AGREE):
        opt.zero_grad()
        loss = tb.loss_fn(workload, model(xs[s]), ys[s])
        if shim is not None:
            shim.armed = False
        loss.backward()
        if variant == "dropgrad":
            biggest.grad.zero_()
        if not (variant == "noupdate" and s == 0):
            opt.step()
        losses.append(loss.item())
    tb.F = real_f
    return losses


def rel(a, b):
    return [abs(x - y) / abs(y) for x, y in zip(a[1:], b[1:])]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workload", required=True)
    ap.add_argument("--data", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    ref = train(a.workload, a.data)
    counter = FlipRelu(-1)
    train(a.workload, a.data, shim=counter)
    relus = counter.calls
    sens = [0.0] * (AGREE - 1)
    for k in range(relus):
        d = rel(train(a.workload, a.data, shim=FlipRelu(k)), ref)
        sens = [max(x, y) for x, y in zip(sens, d)]
    fmt = lambda v: ",".join(f"{x:.3e}" for x in v)
    out = [f"GATE workload={a.workload} relus={relus} sensitivity={fmt(sens)}"]
    for v in ("lr2x", "noupdate", "dropgrad"):
        out.append(f"{v}={fmt(rel(train(a.workload, a.data, variant=v), ref))}")
    print(" ".join(out))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Trains hwq's bundled example model and writes it with its data splits.

A small depthwise-separable CNN (the keyword-spotting DS-CNN shape, scaled to
28x28 images) trained on Fashion-MNIST from Debian's `dataset-fashion-mnist`
package with Debian's `python3-torch`, exported to ONNX (opset 13).

Outputs (in utils/example/, committed; re-running reproduces them given the
same torch build, seed 2026):
  fashion_cnn.onnx          the float model, input 1x1x28x28 f32 in [0, 1]
  fashion_calib_u8.npy      200 training images, uint8 (N,1,28,28): x = q / 255
  fashion_calib_labels.npy  their labels, int64
  fashion_eval_u8.npy       1000 test images (the first 1000 of t10k), uint8
  fashion_eval_labels.npy   their labels, int64

Usage: /usr/bin/python3 utils/example/train_fashion_cnn.py [--epochs N]
(Debian's python, which sees python3-torch and python3-numpy.)
"""
import argparse
import gzip
import os

import numpy as np
import torch
import torch.nn as nn

DATA = "/usr/share/datasets/fashion-mnist"
HERE = os.path.dirname(os.path.abspath(__file__))


def read_idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class FashionCNN(nn.Module):
    def __init__(self):
        super().__init__()

        def sep(cin, cout, stride):
            return [nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False),
                    nn.BatchNorm2d(cin), nn.ReLU(),
                    nn.Conv2d(cin, cout, 1, bias=False),
                    nn.BatchNorm2d(cout), nn.ReLU()]

        self.features = nn.Sequential(
            nn.Conv2d(1, 24, 3, 2, 1, bias=False), nn.BatchNorm2d(24), nn.ReLU(),
            *sep(24, 32, 1), *sep(32, 48, 2), *sep(48, 48, 1),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.classifier = nn.Linear(48, 10)

    def forward(self, x):
        return self.classifier(self.features(x))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=4)
    args = parser.parse_args()
    torch.manual_seed(2026)
    rng = np.random.default_rng(2026)
    torch.set_num_threads(2)

    train_x = read_idx("train-images-idx3-ubyte.gz")
    train_y = read_idx("train-labels-idx1-ubyte.gz").astype(np.int64)
    test_x = read_idx("t10k-images-idx3-ubyte.gz")
    test_y = read_idx("t10k-labels-idx1-ubyte.gz").astype(np.int64)

    model = FashionCNN()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=3e-3, total_steps=args.epochs * (len(train_x) // 128))
    xs = torch.from_numpy(train_x.astype(np.float32) / 255.0).unsqueeze(1)
    ys = torch.from_numpy(train_y)
    for epoch in range(args.epochs):
        model.train()
        perm = torch.from_numpy(rng.permutation(len(xs)))
        for i in range(len(xs) // 128):
            idx = perm[i * 128:(i + 1) * 128]
            loss = nn.functional.cross_entropy(model(xs[idx]), ys[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        with torch.no_grad():
            tx = torch.from_numpy(test_x.astype(np.float32) / 255.0).unsqueeze(1)
            acc = (model(tx).argmax(1).numpy() == test_y).mean()
        print(f"epoch {epoch + 1}: loss {loss.item():.3f}, t10k top-1 {acc:.4f}")

    model.eval()
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28),
                      os.path.join(HERE, "fashion_cnn.onnx"), opset_version=13,
                      input_names=["image"], output_names=["logits"],
                      do_constant_folding=True)
    calib = rng.choice(len(train_x), 200, replace=False)
    np.save(os.path.join(HERE, "fashion_calib_u8.npy"), train_x[calib][:, None])
    np.save(os.path.join(HERE, "fashion_calib_labels.npy"), train_y[calib])
    np.save(os.path.join(HERE, "fashion_eval_u8.npy"), test_x[:1000][:, None])
    np.save(os.path.join(HERE, "fashion_eval_labels.npy"), test_y[:1000])
    with torch.no_grad():
        ex = torch.from_numpy(test_x[:1000].astype(np.float32) / 255.0).unsqueeze(1)
        acc = (model(ex).argmax(1).numpy() == test_y[:1000]).mean()
    print(f"float top-1 on the 1000-image evaluation split: {acc:.4f}")


if __name__ == "__main__":
    main()

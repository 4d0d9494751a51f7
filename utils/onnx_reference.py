#!/usr/bin/env python3
"""A plain numpy evaluator of ONNX models: the reference for the importer.

Runs an ONNX model of the operator subset hwq imports (docs/Import.md) with
numpy alone (float64 arithmetic, no onnxruntime) and prints, per input, the
top-1 index and the output values:

    top1=7 values=0.0000425 0.000124 ...

Needs Debian's python3-onnx and python3-numpy (/usr/bin/python3).

Inputs are .npy files, raw float32 files (.f32), or raw int8 files (.bin,
the MLPerf Tiny kws01 format) dequantized with --int8-scale/--int8-zero-point:
x = scale * (q - zero_point). Raw data fills the model's (single) input shape.

Usage:
  onnx_reference.py MODEL INPUT... [--int8-scale S --int8-zero-point Z]
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def window_pads(in_sizes, kernel, strides, dilations, a):
    """Begin/end pads and output sizes of a 2-D window (ONNX rules)."""
    auto_pad = a.get("auto_pad", b"NOTSET")
    auto_pad = auto_pad.decode() if isinstance(auto_pad, bytes) else auto_pad
    pads = list(a.get("pads", [0] * 4))
    ceil_mode = a.get("ceil_mode", 0)
    begin, end, out = [0, 0], [0, 0], [0, 0]
    for i in range(2):
        eff = (kernel[i] - 1) * dilations[i] + 1
        if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
            out[i] = -(-in_sizes[i] // strides[i])
            total = max(0, (out[i] - 1) * strides[i] + eff - in_sizes[i])
            begin[i] = total // 2 if auto_pad == "SAME_UPPER" else (total + 1) // 2
            end[i] = total - begin[i]
        elif auto_pad == "VALID":
            out[i] = (in_sizes[i] - eff) // strides[i] + 1
        else:
            begin[i], end[i] = pads[i], pads[i + 2]
            span = in_sizes[i] + begin[i] + end[i] - eff
            out[i] = (-(-span // strides[i]) if ceil_mode else span // strides[i]) + 1
            if ceil_mode and (out[i] - 1) * strides[i] >= in_sizes[i] + begin[i]:
                out[i] -= 1
        # Windows may need more end padding than given (ceil_mode).
        end[i] = max(end[i], (out[i] - 1) * strides[i] + eff - in_sizes[i] - begin[i])
    return begin, end, out


def windows(x, kernel, strides, dilations, begin, end, out, fill):
    """Yields (kh, kw, view [N, C, OH, OW]) over the padded input."""
    xp = np.pad(x, ((0, 0), (0, 0), (begin[0], end[0]), (begin[1], end[1])),
                constant_values=fill)
    for kh in range(kernel[0]):
        for kw in range(kernel[1]):
            h0, w0 = kh * dilations[0], kw * dilations[1]
            yield kh, kw, xp[:, :, h0:h0 + strides[0] * (out[0] - 1) + 1:strides[0],
                             w0:w0 + strides[1] * (out[1] - 1) + 1:strides[1]]


def conv(x, w, b, a):
    group = a.get("group", 1)
    kernel = w.shape[2:]
    strides = a.get("strides", [1, 1])
    dil = a.get("dilations", [1, 1])
    begin, end, out = window_pads(x.shape[2:], kernel, strides, dil, a)
    m, cg = w.shape[0], w.shape[1]
    mg = m // group
    y = np.zeros((x.shape[0], m, out[0], out[1]))
    for kh, kw, view in windows(x, kernel, strides, dil, begin, end, out, 0.0):
        for g in range(group):
            y[:, g * mg:(g + 1) * mg] += np.einsum(
                "nchw,mc->nmhw", view[:, g * cg:(g + 1) * cg],
                w[g * mg:(g + 1) * mg, :, kh, kw])
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y


def pool(x, a, average):
    kernel = a["kernel_shape"]
    strides = a.get("strides", [1, 1])
    begin, end, out = window_pads(x.shape[2:], kernel, strides, [1, 1], a)
    if not average:
        return np.max(np.stack([v for _, _, v in windows(
            x, kernel, strides, [1, 1], begin, end, out, -np.inf)]), axis=0)
    total = sum(v for _, _, v in windows(x, kernel, strides, [1, 1], begin, end, out, 0.0))
    if a.get("count_include_pad", 0):
        # Padding counts, but not the extra ceil_mode padding.
        declared = list(a.get("pads", [0] * 4))
        ones = np.pad(np.ones_like(x), ((0, 0), (0, 0), (declared[0], declared[2]),
                                         (declared[1], declared[3])), constant_values=1.0)
        b2 = [begin[0] - declared[0], begin[1] - declared[1]]
        e2 = [end[0] - declared[2], end[1] - declared[3]]
        count = sum(v for _, _, v in windows(ones, kernel, strides, [1, 1], b2, e2, out, 0.0))
    else:
        count = sum(v for _, _, v in windows(np.ones_like(x), kernel, strides, [1, 1],
                                             begin, end, out, 0.0))
    return total / count


def softmax(x, axis, log=False):
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    s = np.sum(e, axis=axis, keepdims=True)
    return (x - m) - np.log(s) if log else e / s


def run_node(node, env, opset):
    op = node.op_type
    a = attrs(node)
    ins = [env[n] if n else None for n in node.input]
    x = ins[0] if ins else None
    if op == "Conv":
        return [conv(x, ins[1], ins[2] if len(ins) > 2 else None, a)]
    if op in ("AveragePool", "MaxPool"):
        return [pool(x, a, op == "AveragePool")]
    if op == "GlobalAveragePool":
        return [x.mean(axis=(2, 3), keepdims=True)]
    if op == "GlobalMaxPool":
        return [x.max(axis=(2, 3), keepdims=True)]
    if op == "BatchNormalization":
        shape = [1, -1] + [1] * (x.ndim - 2)
        scale, bias, mean, var = (t.reshape(shape) for t in ins[1:5])
        return [(x - mean) / np.sqrt(var + a.get("epsilon", 1e-5)) * scale + bias]
    if op == "Gemm":
        A = x.T if a.get("transA", 0) else x
        B = ins[1].T if a.get("transB", 0) else ins[1]
        y = a.get("alpha", 1.0) * (A @ B)
        if len(ins) > 2 and ins[2] is not None:
            y = y + a.get("beta", 1.0) * ins[2]
        return [y]
    if op == "MatMul":
        return [x @ ins[1]]
    binary = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply,
              "Div": np.divide, "Max": np.maximum, "Min": np.minimum}
    if op in binary:
        if op == "Div" and x.dtype.kind == "i":
            return [np.trunc(x / ins[1]).astype(x.dtype)]
        return [binary[op](x, ins[1])]
    if op == "Relu":
        return [np.maximum(x, 0)]
    if op == "LeakyRelu":
        return [np.where(x >= 0, x, a.get("alpha", 0.01) * x)]
    if op == "Clip":
        lo, hi = (ins[1] if len(ins) > 1 else None), (ins[2] if len(ins) > 2 else None)
        if opset < 11:
            lo, hi = a.get("min"), a.get("max")
        return [np.clip(x, -np.inf if lo is None else lo, np.inf if hi is None else hi)]
    unary = {"Sigmoid": lambda v: 1 / (1 + np.exp(-v)), "Tanh": np.tanh, "Exp": np.exp,
             "Log": np.log, "Abs": np.abs, "Sqrt": np.sqrt, "Reciprocal": lambda v: 1 / v}
    if op in unary:
        return [unary[op](x)]
    if op in ("Softmax", "LogSoftmax"):
        axis = a.get("axis", -1 if opset >= 13 else 1)
        if opset < 13:
            axis %= x.ndim
            flat = x.reshape(int(np.prod(x.shape[:axis])), -1)
            return [softmax(flat, 1, op == "LogSoftmax").reshape(x.shape)]
        return [softmax(x, axis, op == "LogSoftmax")]
    if op in ("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin"):
        axes = a.get("axes")
        if op == "ReduceSum" and opset >= 13:
            axes = ins[1] if len(ins) > 1 and ins[1] is not None else None
        axes = None if axes is None else tuple(int(v) for v in np.ravel(axes))
        fn = {"ReduceMean": np.mean, "ReduceSum": np.sum, "ReduceMax": np.max,
              "ReduceMin": np.min}[op]
        return [fn(x, axis=axes, keepdims=bool(a.get("keepdims", 1)))]
    if op in ("Identity", "Dropout"):
        return [x]
    if op == "Constant":
        if "value" in a:
            return [numpy_helper.to_array(a["value"])]
        for key in ("value_float", "value_floats", "value_int", "value_ints"):
            if key in a:
                return [np.array(a[key])]
    if op == "Shape":
        return [np.array(x.shape, dtype=np.int64)]
    if op == "Cast":
        return [x.astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])]
    if op == "Reshape":
        shape = [x.shape[i] if d == 0 and not a.get("allowzero", 0) else d
                 for i, d in enumerate(ins[1])]
        return [x.reshape(shape)]
    if op == "Flatten":
        axis = a.get("axis", 1) % (x.ndim + 1) if x.ndim else 0
        return [x.reshape(int(np.prod(x.shape[:axis])), -1)]
    if op in ("Squeeze", "Unsqueeze"):
        axes = a.get("axes") if opset < 13 else (ins[1] if len(ins) > 1 else None)
        if op == "Squeeze":
            return [np.squeeze(x, axis=None if axes is None else tuple(int(v) for v in axes))]
        out = x
        rank = x.ndim + len(axes)
        for ax in sorted(int(v) % rank for v in axes):
            out = np.expand_dims(out, ax)
        return [out]
    if op == "Transpose":
        return [np.transpose(x, a.get("perm"))]
    if op == "Concat":
        return [np.concatenate(ins, axis=a["axis"])]
    if op == "Pad":
        pads = list(a.get("pads", [])) if opset < 11 else list(ins[1])
        value = a.get("value", 0.0) if opset < 11 else (
            float(ins[2]) if len(ins) > 2 and ins[2] is not None else 0.0)
        n = x.ndim
        return [np.pad(x, [(pads[i], pads[i + n]) for i in range(n)], constant_values=value)]
    if op == "Gather":
        return [np.take(x, ins[1], axis=a.get("axis", 0))]
    if op == "Slice":
        starts, ends = ins[1], ins[2]
        axes = ins[3] if len(ins) > 3 and ins[3] is not None else range(len(starts))
        steps = ins[4] if len(ins) > 4 and ins[4] is not None else [1] * len(starts)
        index = [slice(None)] * x.ndim
        for s, e, ax, st in zip(starts, ends, axes, steps):
            index[int(ax)] = slice(int(s), int(e), int(st))
        return [x[tuple(index)]]
    if op in ("QuantizeLinear", "DequantizeLinear"):
        scale = ins[1]
        zp = ins[2] if len(ins) > 2 and ins[2] is not None else np.zeros_like(scale, np.uint8)
        if scale.size > 1:
            shape = [1] * x.ndim
            shape[a.get("axis", 1)] = -1
            scale, zp_b = scale.reshape(shape), zp.reshape(shape)
        else:
            zp_b = zp
        if op == "DequantizeLinear":
            return [((x.astype(np.float32) - zp_b.astype(np.float32)) *
                     scale.astype(np.float32)).astype(np.float32)]
        info = np.iinfo(zp.dtype)
        q = np.rint(x / scale) + zp_b.astype(np.float64)
        return [np.clip(q, info.min, info.max).astype(zp.dtype)]
    raise NotImplementedError(f"operator {op} is not supported by the reference")


def run_model(model, feeds):
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
    env = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    for name, value in feeds.items():
        env[name] = value.astype(np.float64)
    for node in model.graph.node:
        outs = run_node(node, env, opset)
        for name, value in zip(node.output, outs):
            if name:
                env[name] = value.astype(np.float64) if value.dtype.kind == "f" else value
    return [env[o.name] for o in model.graph.output]


def load_input(path, shape, args):
    if path.endswith(".npy"):
        return np.load(path).reshape(shape)
    if path.endswith(".bin"):
        q = np.fromfile(path, dtype=np.int8).astype(np.float32)
        x = np.float32(args.int8_scale) * (q - np.float32(args.int8_zero_point))
        return x.astype(np.float32).reshape(shape)
    return np.fromfile(path, dtype=np.float32).reshape(shape)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--int8-scale", type=float, default=1.0)
    parser.add_argument("--int8-zero-point", type=float, default=0.0)
    args = parser.parse_args()
    model = onnx.load(args.model)
    inits = {t.name for t in model.graph.initializer}
    graph_inputs = [i for i in model.graph.input if i.name not in inits]
    if len(graph_inputs) != 1:
        sys.exit("onnx_reference.py: the model must have exactly one input")
    shape = [d.dim_value for d in graph_inputs[0].type.tensor_type.shape.dim]
    for path in args.inputs:
        x = load_input(path, shape, args)
        y = run_model(model, {graph_inputs[0].name: x})[0].ravel()
        print(f"top1={int(np.argmax(y))} values=" + " ".join(f"{v:.9g}" for v in y))


if __name__ == "__main__":
    main()

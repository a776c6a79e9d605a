#!/bin/sh
# The done-when comparison of issue 13: the same init, data, recipe and seed on onnx and on tfjs wasm.
W="node packages/cli/bin/wrn.js"
for runtime in onnx tfjs; do
  backend=cpu; [ "$runtime" = tfjs ] && backend=wasm
  /usr/bin/time -v $W train --init runs/onnx-vs-tfjs/wrn-10-2-init.safetensors --dataset cifar10 \
    --data-dir ../shared/data/cifar-10-mini --config runs/onnx-vs-tfjs/recipe-3-epochs.json --seed 0 \
    --runtime $runtime --backend $backend --threads 1 --out runs/onnx-vs-tfjs/wrn-10-2-$runtime \
    > runs/onnx-vs-tfjs/wrn-10-2-$runtime.log 2>&1
done

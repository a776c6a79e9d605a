"""A readable PyTorch Wide ResNet built from a @wrn spec (the JSON of packages/spec's ModelSpec).

Written from the rules in the paper (Zagoruyko & Komodakis, 2016) and the three published codes the spec's
variants follow, in the spirit of szagoruyko's 60-line resnet.py. Parameter names are the canonical @wrn names:
stem.conv.weight, group0.block0.bn0.weight, group0.block0.conv0.weight, group1.block0.shortcut.conv.weight,
head.bn.running_mean, head.fc.bias, ...

Variants:
  paper         no conv biases; BN-ReLU of a block's input is computed once and feeds both the first conv and a
                1x1 projection shortcut, which exists only where the shape changes; dropout only between convs.
  seed-pytorch  biases on every conv; dropout before every conv; every group's first block projects its raw input
                with conv(bias) + BN.
  seed-keras    bias on the stem conv only; dropout before every conv; projection conv + BN on the raw input
                where the shape changes; BN epsilon 1e-3 (taken from the spec like every BN setting).

Usage: /usr/bin/python3 scripts/python/wrn_torch.py   (checks the parameter totals stated in the issue)
"""
import torch
from torch import nn
import torch.nn.functional as F

VARIANTS = {
    # Conv biases (stem, block, shortcut), BN after the shortcut conv, shared pre-activation,
    # projection on every group's first block (else on shape change), dropout before the first conv too.
    'paper': dict(stem_bias=False, conv_bias=False, shortcut_bias=False, shortcut_bn=False,
                  shared_preact=True, project_first_block=False, dropout_first=False),
    'seed-pytorch': dict(stem_bias=True, conv_bias=True, shortcut_bias=True, shortcut_bn=True,
                         shared_preact=False, project_first_block=True, dropout_first=True),
    'seed-keras': dict(stem_bias=True, conv_bias=False, shortcut_bias=False, shortcut_bn=True,
                       shared_preact=False, project_first_block=False, dropout_first=True),
}


def conv(cin, cout, k, stride=1, bias=False):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=(k - 1) // 2, bias=bias)


class Stem(nn.Module):
    def __init__(self, cin, bias):
        super().__init__()
        self.conv = conv(cin, 16, 3, bias=bias)

    def forward(self, x):
        return self.conv(x)


class Shortcut(nn.Module):
    def __init__(self, cin, cout, stride, rules, bn):
        super().__init__()
        self.conv = conv(cin, cout, 1, stride, bias=rules['shortcut_bias'])
        if rules['shortcut_bn']:
            self.bn = nn.BatchNorm2d(cout, **bn)

    def forward(self, x):
        x = self.conv(x)
        return self.bn(x) if hasattr(self, 'bn') else x


class Dropout(nn.Module):
    """Inverted dropout named as the layer graph's node (group0.block0.dropout1, ...). Its keep masks come from
    `masks` when a run sets it (a callable (name, x) -> keep tensor of 0 and 1 shaped and typed as x, e.g. from
    dropout_masks.py), else from PyTorch's generator. Kept values are multiplied by 1 / (1 - rate), rounded to x's
    dtype first, as every @wrn runtime does."""

    def __init__(self, name, rate):
        super().__init__()
        self.name, self.rate, self.masks = name, rate, None

    def forward(self, x):
        if not self.training:
            return x
        if self.masks is None:
            return F.dropout(x, self.rate, True)
        return x * (self.masks(self.name, x) * (1 / (1 - self.rate)))


class Block(nn.Module):
    def __init__(self, cin, cout, stride, kernels, project, rules, bn, dropout, name):
        super().__init__()
        self.kernels, self.rules = kernels, rules
        for i, k in enumerate(kernels):
            c = cin if i == 0 else cout
            setattr(self, f'bn{i}', nn.BatchNorm2d(c, **bn))
            if (i > 0 or rules['dropout_first']) and dropout > 0:  # the graph has no dropout node at rate 0
                setattr(self, f'dropout{i}', Dropout(f'{name}.dropout{i}', dropout))
            setattr(self, f'conv{i}', conv(c, cout, k, stride if i == 0 else 1, bias=rules['conv_bias']))
        if project:
            self.shortcut = Shortcut(cin, cout, stride, rules, bn)

    def forward(self, x):
        pre = F.relu(self.bn0(x)) if self.rules['shared_preact'] else None
        y = x
        for i in range(len(self.kernels)):
            y = pre if (i == 0 and pre is not None) else F.relu(getattr(self, f'bn{i}')(y))
            if hasattr(self, f'dropout{i}'):
                y = getattr(self, f'dropout{i}')(y)
            y = getattr(self, f'conv{i}')(y)
        if hasattr(self, 'shortcut'):
            return y + self.shortcut(pre if pre is not None else x)
        return y + x


class Group(nn.Module):
    def __init__(self, cin, cout, stride, n, kernels, rules, bn, dropout, name):
        super().__init__()
        self.n = n
        for b in range(n):
            s = stride if b == 0 else 1
            changes = s != 1 or cin != cout
            project = b == 0 if rules['project_first_block'] else changes
            setattr(self, f'block{b}', Block(cin, cout, s, kernels, project, rules, bn, dropout, f'{name}.block{b}'))
            cin = cout

    def forward(self, x):
        for b in range(self.n):
            x = getattr(self, f'block{b}')(x)
        return x


class Head(nn.Module):
    def __init__(self, c, classes, bn):
        super().__init__()
        self.bn = nn.BatchNorm2d(c, **bn)
        self.fc = nn.Linear(c, classes)

    def forward(self, x):
        x = F.relu(self.bn(x))
        return self.fc(x.mean(dim=(2, 3)))


class WRN(nn.Module):
    """WRN-depth-k from a spec dict (ModelSpec JSON)."""

    def __init__(self, spec):
        super().__init__()
        rules = VARIANTS[spec['variant']]
        kernels = list(spec['blockType'])
        n, rest = divmod(spec['depth'] - 4, 3 * len(kernels))
        assert rest == 0 and n >= 1, f"depth {spec['depth']} does not fit block type {kernels}"
        k = spec['widenFactor']
        bn = dict(eps=spec['batchNorm']['epsilon'], momentum=spec['batchNorm']['momentum'])
        widths = [16 * k, 32 * k, 64 * k]
        self.stem = Stem(spec['input']['channels'], rules['stem_bias'])
        cin = 16
        for g, (width, stride) in enumerate(zip(widths, [1, 2, 2])):
            setattr(self, f'group{g}', Group(cin, width, stride, n, kernels, rules, bn, spec['dropout'], f'group{g}'))
            cin = width
        self.head = Head(cin, spec['numClasses'], bn)

    def forward(self, x):
        x = self.stem(x)
        x = self.group2(self.group1(self.group0(x)))
        return self.head(x)

    def dropouts(self):
        """The dropout layers in graph order (their `name` is the layer graph's node name)."""
        return [module for module in self.modules() if isinstance(module, Dropout)]

    def set_dropout_masks(self, masks):
        """Draws every dropout layer's keep masks from `masks(name, x)`, or from PyTorch's generator with None."""
        for module in self.dropouts():
            module.masks = masks


def spec_of(depth, k, classes=10, variant='paper', block=(3, 3), dropout=0.3):
    """A spec dict with the defaults of @wrn/spec's wrn(); enough for building models here."""
    return {'specVersion': 1, 'depth': depth, 'widenFactor': k, 'numClasses': classes, 'dropout': dropout,
            'blockType': list(block), 'variant': variant,
            'input': {'channels': 3, 'height': 32, 'width': 32, 'mean': [0.0] * 3, 'std': [1.0] * 3},
            'batchNorm': {'epsilon': 1e-3 if variant == 'seed-keras' else 1e-5, 'momentum': 0.1}}


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# The totals stated in the issue, independent of the TypeScript code.
ISSUE_TOTALS = [
    ((28, 10, 10, 'paper'), 36_479_194),
    ((28, 10, 100, 'paper'), 36_536_884),
    ((40, 4, 10, 'paper'), 8_949_210),
    ((16, 8, 10, 'paper'), 10_961_370),
    ((16, 4, 10, 'paper'), 2_748_890),
    ((10, 1, 10, 'paper'), 77_850),
    ((28, 10, 10, 'seed-pytorch'), 36_491_530),
    ((28, 10, 10, 'seed-keras'), 36_481_450),
]

if __name__ == '__main__':
    for (depth, k, classes, variant), expected in ISSUE_TOTALS:
        count = trainable(WRN(spec_of(depth, k, classes, variant)))
        status = 'ok' if count == expected else 'MISMATCH'
        print(f'WRN-{depth}-{k} {variant:12s} {classes:3d} classes: {count:>11,} (issue {expected:>11,}) {status}')
        assert count == expected

"""The MiniLM encoder (a 6-layer BERT) in plain torch, with the parameter names of BERT checkpoints so the base
model's and the tagger's weights load as they are.

Why not ``transformers``' BertModel: importing it takes about 4 s, which every worker process paid before its first
document, and its forward pass is a chain of Python calls, each taking the interpreter lock. Traced
(``network.Compiled``), the whole pass runs in torch's own interpreter without the lock, so the tagger keeps its
speed on a thread beside the parse, which is Python holding the lock (the tagger on 20 texts: 4.6 s alone and
19.5 s beside a busy Python thread before, 4.5 s and 6.1 s traced).

A layer's matrix products run in the type of its weights: ``network.Compiled`` casts the linear layers to
bfloat16, and the input of each is cast to match (a no-op in float32)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class Config:
    """What the network's shape needs of a BERT ``config.json``."""

    vocab_size: int = 30522
    hidden_size: int = 384
    num_hidden_layers: int = 6
    num_attention_heads: int = 12
    intermediate_size: int = 1536
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1

    @classmethod
    def read(cls, path: Path) -> "Config":
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        if raw.get("hidden_act", "gelu") != "gelu" or raw.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError(f"{path}: only BERT with exact GELU and absolute positions is supported")
        return cls(**{k: raw[k] for k in cls.__dataclass_fields__ if k in raw})


class _Embeddings(nn.Module):
    def __init__(self, c: Config) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=0)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.word_embeddings(ids) + self.position_embeddings.weight[:ids.shape[1]] \
            + self.token_type_embeddings.weight[0]
        return self.dropout(self.LayerNorm(x))


class _Dense(nn.Module):
    """A linear map, and where ``norm``, dropout and a layer norm over the residual sum (BERT's output blocks)."""

    def __init__(self, c: Config, n_in: int, n_out: int, norm: bool = True) -> None:
        super().__init__()
        self.dense = nn.Linear(n_in, n_out)
        if norm:
            self.dropout = nn.Dropout(c.hidden_dropout_prob)
            self.LayerNorm = nn.LayerNorm(n_out, eps=c.layer_norm_eps)


class _SelfAttention(nn.Module):
    def __init__(self, c: Config) -> None:
        super().__init__()
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)


class _Attention(nn.Module):
    def __init__(self, c: Config) -> None:
        super().__init__()
        self.self = _SelfAttention(c)
        self.output = _Dense(c, c.hidden_size, c.hidden_size)


class _Layer(nn.Module):
    def __init__(self, c: Config) -> None:
        super().__init__()
        self.attention = _Attention(c)
        self.intermediate = _Dense(c, c.hidden_size, c.intermediate_size, norm=False)
        self.output = _Dense(c, c.intermediate_size, c.hidden_size)
        self.heads = c.num_attention_heads
        self.p_drop = c.attention_probs_dropout_prob

    @staticmethod
    def _linear(x: torch.Tensor, layer: nn.Linear) -> torch.Tensor:
        return layer(x.to(layer.weight.dtype))

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        b, n, h = x.shape
        s = self.attention.self
        q, k, v = (self._linear(x, m).view(b, n, self.heads, h // self.heads).transpose(1, 2)
                   for m in (s.query, s.key, s.value))
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=self.p_drop if self.training else 0.0)
        a = a.transpose(1, 2).reshape(b, n, h)
        o = self.attention.output
        x = o.LayerNorm(o.dropout(o.dense(a)) + x)  # a bfloat16 product plus float32: float32
        f = self.output
        inner = F.gelu(self._linear(x, self.intermediate.dense))
        return f.LayerNorm(f.dropout(f.dense(inner)) + x)


class _Encoder(nn.Module):
    def __init__(self, c: Config) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(c) for _ in range(c.num_hidden_layers))


class MiniLM(nn.Module):
    """BERT's encoder without pooler: ``forward(ids, mask)`` gives the last layer, one vector per piece."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.embeddings = _Embeddings(config)
        self.encoder = _Encoder(config)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        keep = None if mask is None else mask[:, None, None, :].bool()
        x = self.embeddings(ids)
        for layer in self.encoder.layer:
            x = layer(x, keep)
        return x

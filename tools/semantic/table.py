"""What train.py and finetune.py share: the table file and story texts.

The file layout is the one src/search/semantic.rs reads: b"SMSE", version
u32 (1), dim u32, n u32, n f32 row scales, n*dim int8 rows, (n+1) u32
offsets, then the pieces' UTF-8 bytes, sorted bytewise.
"""
import glob
import re
import struct

import numpy as np
import xxhash
import yaml


def read_bin(path):
    """Pieces and float rows of a table file."""
    b = open(path, "rb").read()
    assert b[:4] == b"SMSE"
    _, dim, n = struct.unpack("<III", b[4:16])
    at = 16
    scales = np.frombuffer(b, "<f4", n, at)
    at += 4 * n
    rows = np.frombuffer(b, "i1", n * dim, at).reshape(n, dim)
    at += n * dim
    offs = np.frombuffer(b, "<u4", n + 1, at)
    at += 4 * (n + 1)
    blob = b[at:]
    names = [blob[offs[i] : offs[i + 1]].decode() for i in range(n)]
    return names, rows.astype(np.float32) * scales[:, None]


def write_bin(path, names, table):
    """Writes float rows as int8 with a scale per row; `names` must be
    sorted bytewise (the reader finds a piece by binary search)."""
    assert names == sorted(names, key=str.encode)
    scale = np.abs(table).max(1) / 127 + 1e-12
    q8 = np.round(table / scale[:, None]).astype(np.int8)
    out = bytearray(b"SMSE" + struct.pack("<III", 1, table.shape[1], len(names)))
    out += scale.astype("<f4").tobytes() + q8.tobytes()
    out += name_table(names)
    open(path, "wb").write(out)
    return len(out)


def name_table(names):
    """(n+1) u32 offsets, then the names' UTF-8 bytes: how both table
    files (semantic.bin, themes.bin) end."""
    offsets, blob = [0], bytearray()
    for name in names:
        blob += name.encode()
        offsets.append(len(blob))
    return np.array(offsets, dtype="<u4").tobytes() + blob


def flat(v):
    if isinstance(v, list):
        return ". ".join(map(str, v))
    return str(v) if v else ""


def tagged_text(s):
    """Title, tagged questions, competencies: `semantic_text` in src/search/index.rs."""
    return ". ".join(x for x in [s.get("title", "")] + [flat(s.get(k)) for k in ("questions", "competencies")] if x)


def prose_text(s):
    """Title and STAR prose with the learning: `prose_text` in src/search/index.rs."""
    return ". ".join(x for x in [s.get("title", "")] + [flat(s.get(k)) for k in ("situation", "task", "action", "result", "learning")] if x)


def fingerprint(path):
    """semantic::Model::fingerprint of a table file: the row scales' xxh3,
    the dimension and the number of pieces."""
    b = open(path, "rb").read()
    _, dim, n = struct.unpack("<III", b[4:16])
    return xxhash.xxh3_64_intdigest(b[16 : 16 + 4 * n]) ^ (dim << 48) ^ n


def normalised(question):
    """A question's words, lowercased: how two questions count as the same."""
    return " ".join(re.findall(r"[a-z0-9']+", question.lower()))


def eval_questions(root="corpus/eval"):
    """Every question of the eval sets (all `*.yaml` question files under
    corpus/eval), normalised: training drops any question that is one of
    them word for word, so no eval question is ever trained on."""
    out = set()
    for path in glob.glob(root + "/*.yaml"):
        for item in yaml.safe_load(open(path)) or []:
            if isinstance(item, dict) and "question" in item:
                out.add(normalised(item["question"]))
    return out

#!/usr/bin/env python3
"""The whole grader on each batch of the corpus as if that batch had never been written: leave-one-batch-out.

    swift build --product aftersales --product aftersales-bench
    .build/debug/aftersales-bench tokens . Tests/AfterSalesKitTests/Fixtures/grader-corpus.jsonl /tmp/tokens.jsonl
    python3 Tools/lobo-grade.py .build/debug/aftersales /tmp/tokens.jsonl [--fixed] [--batches dv9,hd5]

Why: the tone models' own leave-one-batch-out figures (printed by train-tone-model.py) leave out the phrase lists the
rubrics combine them with, and new writers meet both. For each batch B this trains the three models without B (with
their thresholds chosen without B too, unless --fixed takes today's from Content/lexicon/tone-model.yaml, which is
faster and a little optimistic), grades B with them, and prints per batch the tone findings (found, false, missed),
the verdict accuracy and how many good or acceptable replies a false tone finding graded bad, then the totals; last, the same with the models switched off (the phrase lists alone).
The phrase lists were tuned on every batch, so their share is in-sample: a floor for the false alarms new writers meet.

Works in a temporary folder (a copy of Content/ and Scenarios/ by symbolic links, with the model replaced); the
worktree is never written. Needs what train-tone-model.py needs.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Tests/AfterSalesKitTests/Fixtures/grader-corpus.jsonl")
MODEL = os.path.join(ROOT, "Content/lexicon/tone-model.yaml")
TRAIN = os.path.join(ROOT, "Tools/train-tone-model.py")
TONE = ("blame_buyer", "hostile_tone", "sarcasm")


def batch(reply_id):
    prefix = reply_id.split("-")[0]
    return "main" if prefix in ("apo", "clm", "ret", "rev") else prefix


def content_root(folder, model_text):
    """A content root that is the repository's, with `model_text` as its tone model."""
    os.makedirs(os.path.join(folder, "Content", "lexicon"))
    os.symlink(os.path.join(ROOT, "Scenarios"), os.path.join(folder, "Scenarios"))
    for entry in sorted(os.listdir(os.path.join(ROOT, "Content"))):
        if entry != "lexicon":
            os.symlink(os.path.join(ROOT, "Content", entry), os.path.join(folder, "Content", entry))
    for entry in sorted(os.listdir(os.path.join(ROOT, "Content", "lexicon"))):
        if entry != "tone-model.yaml":
            os.symlink(os.path.join(ROOT, "Content", "lexicon", entry), os.path.join(folder, "Content", "lexicon", entry))
    with open(os.path.join(folder, "Content", "lexicon", "tone-model.yaml"), "w", encoding="utf-8") as out:
        out.write(model_text)
    return folder


def evaluate(binary, root, corpus_path, env):
    """Accuracy, (found, false, missed) per tone violation, and how many good or acceptable replies a false tone
    finding graded bad, from `aftersales grade --eval --details`."""
    text = subprocess.run([binary, "grade", "--content", root, "--eval", corpus_path, "--details"], capture_output=True,
                          text=True, env=env, check=True).stdout
    accuracy = re.search(r"verdict accuracy: [0-9.]+ \((\d+)/(\d+)\)", text)
    counts = {}
    for violation in TONE:
        found = re.search(rf"^\s+{violation}\*?\s+\S+\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)", text, re.M)
        counts[violation] = tuple(int(g) for g in found.groups()) if found else (0, 0, 0)
    turned = re.findall(r"^\s+\S+: (?:good|acceptable) → bad .*extra ([\w,]+)", text, re.M)
    counts["turned"] = (sum(1 for extra in turned if set(extra.split(",")) & set(TONE)),)
    return (int(accuracy.group(1)), int(accuracy.group(2))), counts


def thresholds_of(model_text):
    names = {"blame_model": "blame_buyer", "hostile_model": "hostile_tone", "sarcasm_model": "sarcasm"}
    found, evidence, current = {}, {}, None
    for line in model_text.splitlines():
        name = re.match(r"  (\w+):$", line)
        if name:
            current = names.get(name.group(1))
        threshold = re.match(r"    threshold: ([0-9.]+)$", line)
        if threshold and current:
            found[current] = threshold.group(1)
        measure = re.match(r"    evidence: (\w+)$", line)
        if measure and current:
            evidence[current] = measure.group(1)
    return ",".join(f"{v}={evidence.get(v, 'positive')}:{found[v]}" for v in TONE)


def line(name, accuracy, counts):
    cells = "  ".join(f"{counts[v][0]:3d} {counts[v][1]:3d} {counts[v][2]:3d}" for v in TONE)
    return f"{name:6s} {accuracy[0]:4d}/{accuracy[1]:<4d} {accuracy[0] / max(1, accuracy[1]):.2f}   {cells}   {counts['turned'][0]:3d}"


def main():
    arguments = sys.argv[1:]
    fixed = "--fixed" in arguments
    only = None
    if "--batches" in arguments:
        only = set(arguments[arguments.index("--batches") + 1].split(","))
        del arguments[arguments.index("--batches"):arguments.index("--batches") + 2]
    paths = [a for a in arguments if not a.startswith("--")]
    if len(paths) != 2:
        sys.exit(__doc__)
    binary, tokens = os.path.abspath(paths[0]), paths[1]
    corpus = [json.loads(text) for text in open(CORPUS, encoding="utf-8")]
    corpus = [o for o in corpus if o.get("split") != "heldout"]
    batches = sorted({batch(o["id"]) for o in corpus} & (only or {batch(o["id"]) for o in corpus}))
    model_text = open(MODEL, encoding="utf-8").read()
    with tempfile.TemporaryDirectory(prefix="lobo-grade-") as work:
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"))
        header = "batch  verdicts  accuracy   " + "  ".join(f"{v[:11]:>11s}" for v in TONE) + "   turned"
        print(header + "\n" + " " * 27 + "  ".join(["fnd fal mis"] * 3) + "   bad")
        totals = [[0, 0], {v: [0, 0, 0] for v in TONE + ("turned",)}]
        off_totals = [[0, 0], {v: [0, 0, 0] for v in TONE + ("turned",)}]
        off_model = re.sub(r"min_words: \d+", "min_words: 1000000", model_text)
        off_root = content_root(os.path.join(work, "off"), off_model)
        for left_out in batches:
            subset = os.path.join(work, f"{left_out}.jsonl")
            with open(subset, "w", encoding="utf-8") as out:
                out.writelines(json.dumps(o) + "\n" for o in corpus if batch(o["id"]) == left_out)
            model = os.path.join(work, f"{left_out}.yaml")
            command = [sys.executable, TRAIN, tokens, CORPUS, model, "--leave-out", left_out]
            if fixed:
                command += ["--thresholds", thresholds_of(model_text)]
            subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
            root = content_root(os.path.join(work, left_out), open(model, encoding="utf-8").read())
            for target, where in ((totals, root), (off_totals, off_root)):
                accuracy, counts = evaluate(binary, where, subset, env)
                target[0][0] += accuracy[0]
                target[0][1] += accuracy[1]
                for v in TONE + ("turned",):
                    target[1][v] = [a + b for a, b in zip(target[1][v], counts[v])]
                if target is totals:
                    print(line(left_out, accuracy, counts), flush=True)
        print(line("all", *totals))
        print(line("lists", *off_totals) + "   (the models switched off: phrase lists alone, in-sample)")
        for v in TONE:
            found, false, missed = totals[1][v]
            print(f"{v}: precision {found / max(1, found + false):.2f} recall {found / max(1, found + missed):.2f}"
                  f" ({false} false alarms in {sum(1 for b in batches)} batches)")


if __name__ == "__main__":
    main()

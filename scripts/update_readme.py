"""Refresh the real outputs shown in README.md from the current code and data.

    python scripts/update_readme.py          # rebuilds the seeds into exports/ first

Replaces the code block after each line that introduces a command: the quick start's
`kg build` output, `$ kg eval ...`, and each "`kg query NAME`: ..." paragraph.
"""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def run(cmd: str) -> str:
    out = subprocess.run([sys.executable, "-m", "kg", *shlex.split(cmd)], cwd=ROOT, capture_output=True,
                         text=True)
    return (out.stdout + out.stderr).rstrip()


def replace_block_after(text: str, marker: re.Pattern, make) -> str:
    """Replace the first ``` block following every line that matches ``marker``."""
    out, pos = [], 0
    for m in marker.finditer(text):
        start = text.index("```\n", m.end())
        end = text.index("\n```", start + 4)
        out.append(text[pos:start + 4])
        out.append(make(m))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def main() -> None:
    text = README.read_text("utf-8")
    # a first build, as a user's: without the store of an earlier one
    shutil.rmtree(ROOT / "exports" / "store", ignore_errors=True)
    build = run("build")
    text = replace_block_after(text, re.compile(r"^`kg build` on the seeds prints:$", re.M), lambda m: build)
    text = replace_block_after(
        text, re.compile(r"^`kg query ([a-z]+)(?: --param ([^`]+))?`", re.M),
        lambda m: run(f"query {m.group(1)}" + (f" --param {m.group(2).split(' ')[0]}" if m.group(2) else "")
                      + " --max-width 44"))

    def eval_block(m):
        lines = run("eval ../shared/gold/seeds.yaml").splitlines()
        return "$ kg eval ../shared/gold/seeds.yaml\n" + "\n".join(lines[:14]) + "\n..."
    text = replace_block_after(text, re.compile(r"is reported by name\.$", re.M), eval_block)

    def heldout_block(m):
        corpus = "../shared/corpus/wh-briefings-biden.tar.xz"
        out = []
        for name in ("heldout-europe", "heldout-russia", "heldout-world", "heldout-mixed", "heldout-blind",
                     "heldout-blind2", "heldout-blind3", "heldout-blind4", "heldout-blind5", "heldout-blind6",
                     "heldout-blind7", "heldout-blind8", "heldout-blind9", "heldout-blind10",
                     "heldout-blind11", "heldout-blind12", "heldout-blind13", "heldout-blind14",
                     "heldout-blind15", "heldout-blind16", "heldout-blind17", "heldout-blind18", "heldout-blind19",
                     "heldout-blind20", "heldout-blind21", "heldout-blind22"):
            cmd = f"eval bench/gold/{name}.yaml --corpus {corpus}"
            out += [f"$ kg {cmd}"] + run(cmd).splitlines()[1:4]
        return "\n".join(out)
    if (ROOT.parent / "shared" / "corpus" / "wh-briefings-biden.tar.xz").exists():
        text = replace_block_after(text, re.compile(r"read from the corpus archive:$", re.M), heldout_block)
    README.write_text(text, "utf-8")


if __name__ == "__main__":
    main()

"""Question words come out in the same order in every process, so that a choice among
words that tie (the rarest of two words used by one passage each) is the same choice."""

from __future__ import annotations

import os
import subprocess
import sys

from store.keyword import segmented_words

QUESTION = "汇诚银行澄湾支行在2023年8月至2024年3月期间的科创贷首贷户有几家？"


def test_segmented_words_keep_the_order_of_the_text() -> None:
    words = segmented_words(QUESTION)
    assert len(words) == len(set(words))
    positions = [QUESTION.lower().find(w) for w in words if w.strip()]
    assert -1 not in positions
    assert words.index("汇诚") < words.index("银行") < words.index("期间")


def test_segmented_words_are_the_same_whatever_the_hash_seed() -> None:
    script = ("from store.keyword import segmented_words; "
              f"print(segmented_words({QUESTION!r}))")
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                             text=True, check=True, cwd=os.getcwd())
        seen.add(run.stdout.strip().splitlines()[-1])
    assert len(seen) == 1, seen

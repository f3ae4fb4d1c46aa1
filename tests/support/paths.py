"""Where the tests find the repository, the real seed and the synthetic corpus."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "kb" / "docs" / "000_4cf47a64bc319ecc.txt"
CORPUS = ROOT / "evals" / "corpus"

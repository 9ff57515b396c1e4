"""Run pycorrector's offline correctors on sentences read as JSON from stdin (peer venv only).

    python bench/typo_peers.py --setup     # make var/peers-venv with pycorrector
    var/peers-venv/bin/python bench/typo_peers.py < sentences.json

Prints {"corrector name": [corrected sentence, ...]}. The kenlm-based Corrector
is not run: its language model must be downloaded, which this machine cannot do.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parent.parent / "var" / "peers-venv"


def setup() -> None:
    """Create the peer venv with pycorrector and macro-correct's confusion dictionary."""
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "pip"), "install", "-q"]
    subprocess.run([*pip, "pycorrector==1.1.4"], check=True)
    subprocess.run([*pip, "--no-deps", "macro-correct==0.0.6"], check=True)


def same_length(src: str, out: str) -> str:
    """The corrected sentence, or the source when a corrector changed its length."""
    return out if len(out) == len(src) else src


def main() -> None:
    """Correct stdin's sentences with each offline pycorrector corrector."""
    import logging

    from loguru import logger

    logger.remove()
    logging.disable(logging.CRITICAL)
    import importlib.util
    import types

    import macro_correct

    # pycorrector/__init__.py imports torch for its neural correctors; the two
    # offline correctors need none of it, so load them without the package init.
    spec = importlib.util.find_spec("pycorrector")
    assert spec is not None and spec.submodule_search_locations is not None
    package = types.ModuleType("pycorrector")
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules["pycorrector"] = package
    from pycorrector.confusion_corrector import ConfusionCorrector
    from pycorrector.proper_corrector import ProperCorrector

    sentences: list[str] = json.load(sys.stdin)
    path = Path(macro_correct.__file__).parent / "output" / "confusion_dict.json"
    confusion = json.loads(path.read_text(encoding="utf-8"))
    peers = {
        "pycorrector Confusion+macro": ConfusionCorrector(confusion),
        "pycorrector ProperCorrector": ProperCorrector(),
    }
    out = {
        name: [same_length(s, c.correct(s)["target"]) for s in sentences]
        for name, c in peers.items()
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if "--setup" in sys.argv:
        setup()
    else:
        main()

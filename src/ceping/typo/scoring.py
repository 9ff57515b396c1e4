"""Turn a language-model gain into a confidence, per layer."""

from __future__ import annotations

import math

from ceping.typo.model import RULE_DOMAIN, RULE_KNOWN, RULE_OFFICIAL, RULE_STATISTICAL, RULE_TITLE

# Gain (natural log) at which a finding reaches confidence 0.5. A listed error
# needs little support from the word model; a statistical guess needs a lot.
# Tuned on odw.train (bench/typo.py --split train), never on a test set.
GAIN_AT_HALF = {
    RULE_KNOWN: -6.0,
    RULE_DOMAIN: -6.0,
    RULE_OFFICIAL: -3.0,
    RULE_TITLE: -100.0,
    RULE_STATISTICAL: 11.0,
}
GAIN_SCALE = 2.0

# Confidence from which a finding of each layer is no longer a suspect, i.e.
# counts without a person confirming it. Calibrated on bench/typo_gov/tuning.txt
# and odw.train (bench/typo_suspect.py) for precision ≥ 0.95 among non-suspects.
FIRM_AT = {
    RULE_KNOWN: 0.5,
    RULE_OFFICIAL: 0.5,
    RULE_TITLE: 0.5,
    # gain ≥ 24.8: no false alarm on the clean calibration text, every flagged
    # character of odw.train right (bench/typo_suspect.py)
    RULE_STATISTICAL: 0.999,
    # as sure as the statistical layer's firm guesses (gain ≥ 20.8 for a sound-alike):
    # 储汁能力 read as 处置能力 on a winery's page reaches 0.997
    RULE_DOMAIN: 0.999,
}


def confidence(rule: str, gain: float) -> float:
    """A number in (0, 1): how sure the layer `rule` is, given the word model's gain."""
    z = (gain - GAIN_AT_HALF[rule]) / GAIN_SCALE
    if z > 30:
        return 1.0
    if z < -30:
        return 0.0
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def is_suspect(rule: str, confidence: float) -> bool:
    """True when a finding of layer `rule` at this confidence needs a person to confirm it."""
    return confidence < FIRM_AT[rule]

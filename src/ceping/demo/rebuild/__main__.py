"""Regenerate the rebuilt campaigns' input files: `python -m ceping.demo.rebuild [--check]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ceping.demo.rebuild import rebuilt_framework, rebuilt_results
from ceping.demo.rebuild.build import build_year
from ceping.demo.rebuild.files import REBUILT, read_units, write_year
from ceping.demo.rebuild.targets import YEAR_2011, YEAR_2012


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ceping.demo.rebuild", description=__doc__)
    parser.add_argument(
        "--out", default=str(REBUILT), help="folder to write (default: the shipped one)"
    )
    args = parser.parse_args(argv)
    framework = rebuilt_framework()
    units, english = read_units()
    for targets in (YEAR_2011, YEAR_2012):
        built = build_year(framework, units, english, targets)
        for path in write_year(built, framework, targets.year, folder=Path(args.out)):
            print(path)
    results = rebuilt_results(2012, Path(args.out))
    for stat in results.statistics:  # the notice's figures, to eyeball against the seed
        if stat.category in (None, "区县网站", "部门网站") and stat.key != "unit_count":
            before = "" if stat.previous is None else f"{stat.previous:9.2f}"
            print(
                f"{stat.key:26} {stat.category or '':6} {stat.area or '':3} "
                f"{stat.value:9.2f} {before}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

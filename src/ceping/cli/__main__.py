"""`python -m ceping.cli`: the same as the `ceping` command."""

import sys

from ceping.cli import main

sys.exit(main())

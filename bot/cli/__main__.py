"""`python -m bot.cli` runs the `xiaoer` command line."""

import sys

from bot.cli import main

sys.exit(main())

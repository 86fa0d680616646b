"""``python -m flake8_neon``: the standalone linter (see :mod:`flake8_neon.cli`)."""

from flake8_neon.cli import main

raise SystemExit(main())

"""``python -m rag`` works like the ``rag`` script."""

from rag.cli import main

raise SystemExit(main())

import sys

from editlint.cli import main

sys.exit(main())

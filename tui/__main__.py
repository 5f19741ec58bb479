import sys

from .cli import main

if __name__ == "__main__":  # (run as `python -m tui`; imported, it does nothing)
    sys.exit(main())

"""Run every benchmark: start-up, then scale.

    python -m benchmarks [--sizes 100,1000,10000]

The first run builds the stores of the scale benchmark (the 10,000-customer one
takes a few minutes); later runs reuse them from the temp folder.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks import scale, startup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark of supplier.")
    parser.add_argument("--sizes", default="100,1000,10000",
                        help="numbers of customers for the scale benchmark")
    options = parser.parse_args(argv)

    startup.main([])
    print()
    return scale.main(["--sizes", options.sizes])


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Run the evaluation report tests (tests/evaluation/test_*.py) with the black-box harness of
tests/http: the real binary ($NESTGUARD_BIN), a pilot database imported with `nestguard import
cases`, every format parsed. Options as tests/http/run.py: -k WORDS, -j N."""
import glob
import importlib
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "http"))
sys.path.insert(0, here)
import harness  # noqa: E402

for path in sorted(glob.glob(os.path.join(here, "test_*.py"))):
    importlib.import_module(os.path.basename(path)[:-3])

sys.exit(harness.main(sys.argv[1:]))

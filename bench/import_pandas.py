#!/usr/bin/python3
"""The peer for bench/import.sh: pandas read_csv + to_sql into SQLite, one file after the
other (one transaction per file, as to_sql does), into the database DB.
usage: /usr/bin/python3 bench/import_pandas.py DB FILE...   prints: ROWS SECONDS"""
import os
import sqlite3
import sys
import time

import pandas as pd

db, files = sys.argv[1], sys.argv[2:]
if os.path.exists(db):
    os.remove(db)
start = time.perf_counter()
con = sqlite3.connect(db)
rows = 0
for path in files:
    frame = pd.read_csv(path)
    frame.to_sql("crime", con, if_exists="append", index=False)
    rows += len(frame)
con.close()
print(rows, "%.4f" % (time.perf_counter() - start))

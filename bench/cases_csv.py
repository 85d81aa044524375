#!/usr/bin/python3
"""Write a spreadsheet export of N fictional past cases (CSV) for `nestguard import cases`:
usage: bench/cases_csv.py N AGENCY... > cases.csv  (the agencies must exist in the database)."""
import random
import sys

n, agencies = int(sys.argv[1]), sys.argv[2:]
random.seed(2026)
wards = ["Edgeley", "Offerton", "Manor", "Heald Green", "Brinnington & Stockport Central", "Reddish North", "E05015031"]
types = ["Cuckooing", "Financial", "County lines", "Sexual", "Modern slavery"]
outcomes = ["Target hardening", "Arrest", "Wrap-around support", "Partial closure order", "Leaflet drop", "Charge"]
streets = ["Brackenfold Road", "Cinderhill Walk", "Dovecote Lane", "Fernlea Grove", "Kestrel Mews"]
out = sys.stdout
out.write("reference,referral_date,referring_agency,exploitation_types,area,tenure,status,closed_date,"
          "positively_resolved,stayed_in_tenancy,moved,outcomes,address,postcode\n")
for i in range(n):
    closed = random.random() < 0.7
    year = random.randint(2015, 2024)
    out.write(",".join([
        f"OLD-{i:06d}", f"{random.randint(1, 28)}/{random.randint(1, 12)}/{year}", random.choice(agencies),
        ";".join(random.sample(types, random.randint(1, 2))), f'"{random.choice(wards)}"',
        random.choice(["council", "private rented", "owner occupied"]), "closed" if closed else "open",
        f"{year}-12-31" if closed else "", (random.choice(["yes", "yes", "no"]) if closed else ""),
        "yes" if closed else "", "no" if closed else "", ";".join(random.sample(outcomes, random.randint(0, 3))),
        f"{random.randint(1, 300)} {random.choice(streets)}",
        f"SK{random.randint(1, 8)} {random.randint(1, 9)}Z{random.choice('ABDEFGHJ')}"]) + "\n")

-- Information governance (issue 6): information-sharing agreements, shares of a case (or some of
-- its sections) with another agency, special categories of personal data, and retention rules.
-- Access is decided in src/model/case_access.c; the rules are in docs/information-governance.md.

-- The register of information-sharing agreements. An agreement is in force from starts_on to
-- ends_on inclusive; review_on is when its parties must look at it again. Shares made under it
-- are suspended (checked at every access) while it is not in force.
CREATE TABLE sharing_agreement (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  purpose TEXT NOT NULL,
  lawful_basis TEXT NOT NULL CHECK (lawful_basis IN ('consent', 's115', 'safeguarding')),
  starts_on TEXT NOT NULL,
  review_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_by INTEGER REFERENCES user(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (starts_on <= review_on AND starts_on <= ends_on)
);

CREATE TABLE sharing_agreement_party (
  agreement_id INTEGER NOT NULL REFERENCES sharing_agreement(id),
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  PRIMARY KEY (agreement_id, agency_id)
);
CREATE INDEX sharing_agreement_party_agency ON sharing_agreement_party(agency_id);

-- One disclosure of a case to another agency: the sections shared (bits, see case_access.h:
-- 1 people, 2 property, 4 risk, 8 interventions, 16 tasks, 32 notes, 64 chronology), whether
-- special-category details go with them, the lawful basis, the agreement it is made under and
-- the last day it may be used. Revoking keeps the row (who, when, why) for accountability.
CREATE TABLE case_share (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  agreement_id INTEGER NOT NULL REFERENCES sharing_agreement(id),
  sections INTEGER NOT NULL CHECK (sections > 0 AND sections < 128),
  special_category INTEGER NOT NULL DEFAULT 0 CHECK (special_category IN (0, 1)),
  lawful_basis TEXT NOT NULL CHECK (lawful_basis IN ('consent', 's115', 'safeguarding')),
  purpose TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  created_by INTEGER REFERENCES user(id),
  created_at INTEGER NOT NULL,
  revoked_by INTEGER REFERENCES user(id),
  revoked_at INTEGER
);
CREATE INDEX case_share_case ON case_share(case_id, agency_id);
CREATE INDEX case_share_agency ON case_share(agency_id, case_id);

-- Special categories of personal data (Article 9 UK GDPR) that nestguard marks on records.
-- ROLES is the role bit set (as user.roles) allowed to see details in the category; an
-- administrator edits it. Records are marked by a column holding the code:
--   case_note.special_category          chosen by the author when writing the note
--   case_intervention.special_category  chosen when recording it, else from its kind
--   intervention_kind.special_category  e.g. referral to substance misuse treatment: drug use
--   exploitation_type.special_category  sexual exploitation
CREATE TABLE special_category (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  roles INTEGER NOT NULL CHECK (roles >= 0 AND roles < 64),
  sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO special_category(code, label, roles, sort_order) VALUES
  ('health', 'Health (physical or mental)', 6, 10),
  ('drug_use', 'Drug or alcohol use', 6, 20),
  ('sexual_exploitation', 'Sexual exploitation or sex life', 6, 30);

ALTER TABLE case_note ADD COLUMN special_category TEXT REFERENCES special_category(code);
ALTER TABLE case_intervention ADD COLUMN special_category TEXT REFERENCES special_category(code);
ALTER TABLE intervention_kind ADD COLUMN special_category TEXT REFERENCES special_category(code);
ALTER TABLE exploitation_type ADD COLUMN special_category TEXT REFERENCES special_category(code);
UPDATE intervention_kind SET special_category = 'drug_use' WHERE code = 'substance_misuse_referral';
UPDATE intervention_kind SET special_category = 'health' WHERE code = 'health_referral';
UPDATE exploitation_type SET special_category = 'sexual_exploitation' WHERE code = 'sexual';

-- Retention: how long each kind of record is kept after the event that starts its clock, and
-- what happens then. closed_case: months after closed_on; declined_referral (signposted or
-- passed to ASB): months after triage. ACTION 'anonymise' keeps the statistical shell of a case
-- (dates, area, types, kinds of intervention, outcome) and removes every person, address and
-- free text; 'delete' removes the record entirely.
CREATE TABLE retention_rule (
  record_type TEXT PRIMARY KEY CHECK (record_type IN ('closed_case', 'declined_referral')),
  label TEXT NOT NULL,
  months INTEGER NOT NULL CHECK (months >= 1 AND months <= 1200),
  action TEXT NOT NULL CHECK (action IN ('delete', 'anonymise')),
  updated_by INTEGER REFERENCES user(id),
  updated_at INTEGER
);
INSERT INTO retention_rule(record_type, label, months, action) VALUES
  ('closed_case', 'Closed cases, after closure', 72, 'anonymise'),
  ('declined_referral', 'Referrals signposted or passed to ASB, after the decision', 12, 'delete');

-- A record kept past its retention period on purpose (litigation, an open complaint, a
-- serious case review), until UNTIL_ON. REASON must not name anyone.
CREATE TABLE retention_hold (
  record_type TEXT NOT NULL CHECK (record_type IN ('closed_case', 'declined_referral')),
  record_id INTEGER NOT NULL,
  until_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by INTEGER REFERENCES user(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (record_type, record_id)
);

ALTER TABLE case_file ADD COLUMN anonymised_at INTEGER;

-- A purge deletes properties no longer linked; the foreign key from referral.property_id is
-- checked on each delete, and without this index every check reads the whole referral table.
CREATE INDEX referral_property ON referral(property_id);

-- Evaluation and board reporting (issue 4): the report's settings, how intervention kinds are
-- grouped into the published outcome lines, unit costs for the wider cost-benefit view, and
-- caseworker-written case studies that are exported anonymised.

-- Settings (the `setting` table of 001). Money is in pounds with up to two decimals, as typed.
--   report.void_cost              average cost of a void (empty) council property, per household
--                                 kept in its tenancy (the pilot's figure)
--   report.service_cost           cost of the service over the period reported on (the pilot's)
--   report.suppression_threshold  counts below it are hidden in board and public outputs
INSERT INTO setting(name, value) VALUES
  ('report.void_cost', '4659.10'),
  ('report.service_cost', '27705'),
  ('report.suppression_threshold', '5');

-- Lines of the outcomes table as the published evaluation reports them. An intervention kind
-- in a group counts towards the group's line (a case once, however many records); a kind in
-- no group gets a line of its own. COUNTS_MOVED: the line also counts cases whose closure
-- recorded a move (within or out of the borough), so "Moved" does not depend on a caseworker
-- also recording a "victim moved" intervention.
CREATE TABLE report_outcome_group (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL UNIQUE,
  sort_order INTEGER NOT NULL,
  counts_moved INTEGER NOT NULL DEFAULT 0 CHECK (counts_moved IN (0, 1))
);

CREATE TABLE report_outcome_group_kind (
  kind_id INTEGER PRIMARY KEY REFERENCES intervention_kind(id),
  group_code TEXT NOT NULL REFERENCES report_outcome_group(code)
);

INSERT INTO report_outcome_group(code, label, sort_order, counts_moved) VALUES
  ('arrest_conviction', 'Arrested / conviction', 10, 0),
  ('protection_support', 'Target hardening & wrap-around support', 20, 0),
  ('cpw_cpn', 'Community protection warning / notice (CPW/N)', 30, 0),
  ('moved', 'Moved', 40, 1),
  ('warning', 'Warnings issued', 50, 0),
  ('perpetrator_excluded', 'Perpetrators excluded', 60, 0),
  ('closure_order', 'Closure orders', 70, 0),
  ('injunction', 'Injunctions', 80, 0);

INSERT INTO report_outcome_group_kind(kind_id, group_code)
  SELECT id, 'arrest_conviction' FROM intervention_kind WHERE code IN ('arrest', 'charge', 'conviction');
INSERT INTO report_outcome_group_kind(kind_id, group_code)
  SELECT id, 'protection_support' FROM intervention_kind WHERE code IN ('target_hardening', 'wraparound_support');
INSERT INTO report_outcome_group_kind(kind_id, group_code)
  SELECT id, 'cpw_cpn' FROM intervention_kind WHERE code IN ('community_protection_warning', 'community_protection_notice');
INSERT INTO report_outcome_group_kind(kind_id, group_code)
  SELECT id, 'moved' FROM intervention_kind WHERE code IN ('moved_within_borough', 'moved_out_of_borough');
INSERT INTO report_outcome_group_kind(kind_id, group_code)
  SELECT id, 'warning' FROM intervention_kind WHERE code = 'warning_issued';
INSERT INTO report_outcome_group_kind(kind_id, group_code)
  SELECT id, 'perpetrator_excluded' FROM intervention_kind WHERE code = 'perpetrator_excluded';
INSERT INTO report_outcome_group_kind(kind_id, group_code)
  SELECT id, 'closure_order' FROM intervention_kind WHERE code IN ('partial_closure_order', 'full_closure_order');
INSERT INTO report_outcome_group_kind(kind_id, group_code)
  SELECT id, 'injunction' FROM intervention_kind WHERE code = 'civil_injunction';

-- The wider cost-benefit view: a value per unit of something the report counts.
-- BASIS says what is counted:
--   tenancy_sustained    households kept in their tenancy (closed cases)
--   positively_resolved  cases closed as positively resolved
--   case_received        cases received
--   outcome_group        cases on an outcomes line (BASIS_CODE = report_outcome_group.code)
--   intervention_kind    cases with an intervention of a kind (BASIS_CODE = intervention_kind.code)
-- AMOUNT_PENCE 0 means "not set": the line is listed but left out of the total. The defaults
-- name the usual benefits without inventing local figures; administrators enter their own.
CREATE TABLE report_unit_cost (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE,
  basis TEXT NOT NULL CHECK (basis IN ('tenancy_sustained', 'positively_resolved', 'case_received',
                                       'outcome_group', 'intervention_kind')),
  basis_code TEXT NOT NULL DEFAULT '',
  amount_pence INTEGER NOT NULL DEFAULT 0 CHECK (amount_pence >= 0),
  assumption TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  CHECK ((basis IN ('outcome_group', 'intervention_kind')) = (basis_code <> ''))
);

INSERT INTO report_unit_cost(label, basis, basis_code, amount_pence, assumption, sort_order) VALUES
  ('Homelessness avoided', 'tenancy_sustained', '', 0,
   'Each household kept in its tenancy avoids a homelessness application and a stay in temporary accommodation. Enter the council''s average cost per household.', 10),
  ('Police time saved', 'positively_resolved', '', 0,
   'Once a takeover ends, calls and visits to the address stop. Enter the average police time saved per positively resolved case, costed at the force''s hourly rate.', 20),
  ('Enforcement costs avoided', 'outcome_group', 'cpw_cpn', 0,
   'A community protection warning or notice settled early avoids a closure order application. Enter the average cost avoided per case.', 30);

-- Case studies, written by caseworkers about one case, for the evaluation and for funders
-- such as the Home Office. The text is stored as written; the export replaces the names of
-- the case's people, the addresses of its properties, EXTRA_TERMS (one per line: nicknames,
-- a pub, a school) and every date (by month and year) -- see src/report/redact.h. Only
-- approved studies, checked by a team leader against the redacted text, are exported; an
-- edit sends a study back to draft.
CREATE TABLE case_study (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  extra_terms TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  author_id INTEGER REFERENCES user(id),
  approved_by INTEGER REFERENCES user(id),
  approved_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((status = 'approved') = (approved_at IS NOT NULL))
);
CREATE INDEX case_study_case ON case_study(case_id);
CREATE INDEX case_study_status ON case_study(status, updated_at);


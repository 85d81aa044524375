-- Referrals and exploitation case management (issue 3): areas, properties, people, referrals,
-- cases and everything recorded on a case. A case belongs to one owning agency (and optionally
-- a team inside it); other agencies reach it only through shares (added by issue 6).
-- Dates the user enters are TEXT 'YYYY-MM-DD'; moments the system records are INTEGER Unix seconds.
-- The table is "case_file" because CASE is an SQL keyword.

-- Teams inside an agency ("Exploitation team", "Neighbourhood policing team ...").
CREATE TABLE team (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  name TEXT NOT NULL,
  UNIQUE (agency_id, name)
);

-- Wards (with ONS codes) and named neighbourhoods or estates inside a ward.
CREATE TABLE area (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('ward', 'neighbourhood')),
  name TEXT NOT NULL,
  ons_code TEXT UNIQUE,
  ward_id INTEGER REFERENCES area(id),
  CHECK ((kind = 'ward' AND ward_id IS NULL) OR (kind = 'neighbourhood' AND ward_id IS NOT NULL AND ons_code IS NULL))
);
CREATE UNIQUE INDEX area_kind_name ON area(kind, name);
CREATE INDEX area_ward ON area(ward_id);

-- Editable lists. "retired" entries stay for old records but are not offered on forms.
CREATE TABLE exploitation_type (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL UNIQUE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0
);

-- Published signs of cuckooing, offered as a checklist on the referral form.
CREATE TABLE cuckooing_sign (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0
);

-- Kinds of intervention and outcome; "grp" lets reports group them
-- (protection, support, enforcement, criminal_justice, move, prevention, other).
CREATE TABLE intervention_kind (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL UNIQUE,
  grp TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0
);

-- A dwelling. Owned by the agency that recorded it: properties are reused across that
-- agency's cases but never matched against another agency's records (need-to-know).
CREATE TABLE property (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  uprn TEXT,
  address_line1 TEXT NOT NULL,
  address_line2 TEXT NOT NULL DEFAULT '',
  town TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  longitude REAL,
  latitude REAL,
  ward_id INTEGER REFERENCES area(id),
  neighbourhood_id INTEGER REFERENCES area(id),
  tenure TEXT NOT NULL DEFAULT 'unknown'
    CHECK (tenure IN ('social', 'private_rented', 'owner_occupied', 'supported', 'other', 'unknown')),
  created_by INTEGER REFERENCES user(id),
  created_at INTEGER NOT NULL,
  CHECK ((longitude IS NULL) = (latitude IS NULL))
);
CREATE UNIQUE INDEX property_agency_uprn ON property(agency_id, uprn) WHERE uprn IS NOT NULL;
CREATE INDEX property_postcode ON property(agency_id, postcode);
CREATE INDEX property_ward ON property(ward_id);

-- Search terms: lower-case ASCII words of a property's address, its postcode without the
-- space and its outward code, its UPRN. Prefix search is a range scan on (term).
CREATE TABLE property_search (
  term TEXT NOT NULL,
  property_id INTEGER NOT NULL REFERENCES property(id) ON DELETE CASCADE,
  PRIMARY KEY (term, property_id)
);
CREATE INDEX property_search_property ON property_search(property_id);

-- A person, reused across the owning agency's cases. phonetic_* hold Soundex codes for
-- duplicate warnings; a merged record points at the survivor and is no longer offered.
CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  known_as TEXT NOT NULL DEFAULT '',
  date_of_birth TEXT,
  phonetic_given TEXT NOT NULL,
  phonetic_family TEXT NOT NULL,
  merged_into INTEGER REFERENCES person(id),
  created_by INTEGER REFERENCES user(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX person_phonetic ON person(agency_id, phonetic_family, phonetic_given);
CREATE INDEX person_dob ON person(agency_id, date_of_birth);
CREATE INDEX person_merged ON person(merged_into);

-- Search terms for people: lower-case ASCII words of the names (and "known as").
CREATE TABLE person_search (
  term TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  PRIMARY KEY (term, person_id)
);
CREATE INDEX person_search_person ON person_search(person_id);

CREATE TABLE case_file (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  team_id INTEGER REFERENCES team(id),
  assigned_user_id INTEGER REFERENCES user(id),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closure_requested', 'closed')),
  -- current risk; the history is case_risk
  risk_level TEXT CHECK (risk_level IN ('low', 'medium', 'high')),
  -- copied from the referral (or the import) so the list can filter without a join
  referring_agency_id INTEGER REFERENCES agency(id),
  -- where the case is: from its first property, or recorded directly (imports)
  ward_id INTEGER REFERENCES area(id),
  neighbourhood_id INTEGER REFERENCES area(id),
  tenure TEXT NOT NULL DEFAULT 'unknown'
    CHECK (tenure IN ('social', 'private_rented', 'owner_occupied', 'supported', 'other', 'unknown')),
  summary TEXT NOT NULL DEFAULT '',
  opened_on TEXT NOT NULL,
  closed_on TEXT,
  -- closure: what the caseworker asked for, and who approved it
  positively_resolved INTEGER CHECK (positively_resolved IN (0, 1)),
  stayed_in_tenancy INTEGER CHECK (stayed_in_tenancy IN (0, 1)),
  moved TEXT CHECK (moved IN ('no', 'within_borough', 'out_of_borough')),
  closure_reason TEXT,
  closure_requested_by INTEGER REFERENCES user(id),
  closure_requested_at INTEGER,
  closure_approved_by INTEGER REFERENCES user(id),
  closure_approved_at INTEGER,
  source TEXT NOT NULL DEFAULT 'referral' CHECK (source IN ('referral', 'import', 'direct')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (status <> 'closed' OR closed_on IS NOT NULL),
  CHECK (closure_approved_by IS NULL OR closure_approved_by <> closure_requested_by)
);
-- The list filters and sorts within the actor's agency; these cover the common shapes.
CREATE INDEX case_agency_opened ON case_file(agency_id, opened_on);
CREATE INDEX case_agency_status_opened ON case_file(agency_id, status, opened_on);
CREATE INDEX case_agency_risk ON case_file(agency_id, risk_level, opened_on);
CREATE INDEX case_agency_updated ON case_file(agency_id, updated_at);
CREATE INDEX case_worker_status ON case_file(assigned_user_id, status);
CREATE INDEX case_referring_agency ON case_file(referring_agency_id, opened_on);
CREATE INDEX case_ward ON case_file(ward_id, opened_on);
CREATE INDEX case_neighbourhood ON case_file(neighbourhood_id, opened_on);

-- Per-year counter behind references like NG-2026-00042.
CREATE TABLE case_reference_counter (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE referral (
  id INTEGER PRIMARY KEY,
  -- the agency whose exploitation team triages it (and owns the case it becomes)
  receiving_agency_id INTEGER NOT NULL REFERENCES agency(id),
  referring_agency_id INTEGER NOT NULL REFERENCES agency(id),
  referring_team TEXT NOT NULL DEFAULT '',
  referrer_user_id INTEGER REFERENCES user(id),
  referrer_name TEXT NOT NULL DEFAULT '',
  referrer_contact TEXT NOT NULL DEFAULT '',
  referred_on TEXT NOT NULL,
  property_id INTEGER REFERENCES property(id),
  observations TEXT NOT NULL DEFAULT '',
  consent TEXT NOT NULL CHECK (consent IN ('given', 'refused', 'not_asked')),
  lawful_basis TEXT NOT NULL CHECK (lawful_basis IN ('consent', 's115', 'safeguarding')),
  urgency TEXT NOT NULL CHECK (urgency IN ('routine', 'urgent', 'immediate')),
  status TEXT NOT NULL DEFAULT 'submitted'
    CHECK (status IN ('submitted', 'accepted', 'signposted', 'passed_to_asb')),
  triage_reason TEXT,
  triaged_by INTEGER REFERENCES user(id),
  triaged_at INTEGER,
  case_id INTEGER REFERENCES case_file(id),
  created_at INTEGER NOT NULL,
  CHECK ((status = 'accepted') = (case_id IS NOT NULL)),
  CHECK ((status = 'submitted') = (triaged_at IS NULL))
);
CREATE INDEX referral_queue ON referral(receiving_agency_id, status, created_at);
CREATE INDEX referral_referrer ON referral(referrer_user_id, created_at);
CREATE UNIQUE INDEX referral_case ON referral(case_id) WHERE case_id IS NOT NULL;

CREATE TABLE referral_sign (
  referral_id INTEGER NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
  sign_code TEXT NOT NULL REFERENCES cuckooing_sign(code),
  PRIMARY KEY (referral_id, sign_code)
);

CREATE TABLE referral_person (
  referral_id INTEGER NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES person(id),
  role TEXT NOT NULL CHECK (role IN ('resident', 'other_occupant', 'perpetrator', 'associate', 'family_member')),
  PRIMARY KEY (referral_id, person_id, role)
);
CREATE INDEX referral_person_person ON referral_person(person_id);

CREATE TABLE case_person (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  role TEXT NOT NULL CHECK (role IN ('resident', 'other_occupant', 'perpetrator', 'associate', 'family_member')),
  added_by INTEGER REFERENCES user(id),
  added_at INTEGER NOT NULL,
  UNIQUE (case_id, person_id, role)
);
CREATE INDEX case_person_person ON case_person(person_id, case_id);

CREATE TABLE case_property (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  property_id INTEGER NOT NULL REFERENCES property(id),
  added_by INTEGER REFERENCES user(id),
  added_at INTEGER NOT NULL,
  UNIQUE (case_id, property_id)
);
CREATE INDEX case_property_property ON case_property(property_id, case_id);

CREATE TABLE case_exploitation_type (
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  type_id INTEGER NOT NULL REFERENCES exploitation_type(id),
  PRIMARY KEY (case_id, type_id)
);
CREATE INDEX case_exploitation_type_type ON case_exploitation_type(type_id, case_id);

CREATE TABLE case_risk (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  level TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  reason TEXT NOT NULL,
  assessed_by INTEGER REFERENCES user(id),
  assessed_at INTEGER NOT NULL
);
CREATE INDEX case_risk_case ON case_risk(case_id, assessed_at);

CREATE TABLE case_intervention (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  kind_id INTEGER NOT NULL REFERENCES intervention_kind(id),
  occurred_on TEXT NOT NULL,
  person_id INTEGER REFERENCES person(id),
  details TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER REFERENCES user(id),
  recorded_at INTEGER NOT NULL
);
CREATE INDEX case_intervention_case ON case_intervention(case_id, occurred_on);
CREATE INDEX case_intervention_kind ON case_intervention(kind_id, occurred_on);
CREATE INDEX case_intervention_person ON case_intervention(person_id);

CREATE TABLE case_task (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  title TEXT NOT NULL,
  owner_user_id INTEGER NOT NULL REFERENCES user(id),
  due_on TEXT NOT NULL,
  done_at INTEGER,
  done_by INTEGER REFERENCES user(id),
  created_by INTEGER REFERENCES user(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX case_task_case ON case_task(case_id, due_on);
CREATE INDEX case_task_queue ON case_task(owner_user_id, done_at, due_on);

CREATE TABLE case_note (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  body TEXT NOT NULL,
  author_id INTEGER REFERENCES user(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX case_note_case ON case_note(case_id, created_at);

-- Lifecycle events for the chronology: opened, assigned, closure requested/approved/declined,
-- reopened, person/property linked, types changed. REF_ID names the person, property or user the
-- event is about (by kind); DETAIL is a role, a reason or a short summary.
CREATE TABLE case_event (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  kind TEXT NOT NULL,
  ref_id INTEGER,
  detail TEXT NOT NULL DEFAULT '',
  user_id INTEGER REFERENCES user(id),
  at INTEGER NOT NULL
);
CREATE INDEX case_event_case ON case_event(case_id, at);

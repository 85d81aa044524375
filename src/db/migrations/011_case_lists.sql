-- Starting contents of the editable lists (administrators change them later), and the
-- wards of Stockport (E08000007), 2025 boundaries, as published by ONS (WD25CD/WD25NM).
-- Named neighbourhoods and estates are local knowledge and are added by administrators.

INSERT INTO exploitation_type(code, label, sort_order) VALUES
  ('property_takeover', 'Property takeover (cuckooing)', 10),
  ('family', 'Family', 20),
  ('financial', 'Financial', 30),
  ('sexual', 'Sexual', 40),
  ('criminal', 'Criminal / county lines', 50),
  ('modern_slavery', 'Modern slavery', 60),
  ('other', 'Other', 99);

INSERT INTO cuckooing_sign(code, label, sort_order) VALUES
  ('visitors_odd_hours', 'More visitors than usual, or visitors at odd hours', 10),
  ('unknown_vehicles', 'Unknown cars or bikes outside', 20),
  ('door_damage', 'Damage to the door or signs of forced entry', 30),
  ('drug_paraphernalia', 'Needles, foil, baggies or other drug paraphernalia', 40),
  ('resident_not_seen', 'Resident not seen, or seems anxious or withdrawn', 50),
  ('support_refused', 'Support workers refused entry', 60),
  ('rent_paid_ahead', 'Rent paid in cash, months ahead', 70),
  ('bills_run_up', 'Bills run up, or unusual spending', 80),
  ('curtains_closed', 'Curtains always closed', 90),
  ('unknown_people_staying', 'Unknown people staying at the address', 100),
  ('noise_disturbance', 'Noise, arguments or anti-social behaviour', 110),
  ('resident_injured', 'Resident has unexplained injuries', 120),
  ('possessions_missing', 'Resident''s phone, bank card or belongings missing', 130);

INSERT INTO intervention_kind(code, label, grp, sort_order) VALUES
  ('target_hardening', 'Target hardening (locks, doors, cameras)', 'protection', 10),
  ('wraparound_support', 'Wrap-around support', 'support', 20),
  ('custody_visit', 'Custody visit', 'support', 30),
  ('phone_provided', 'Phone provided', 'support', 40),
  ('substance_misuse_referral', 'Referral to substance misuse treatment', 'support', 50),
  ('health_referral', 'Referral to health services', 'support', 60),
  ('cjs_support', 'Support through the criminal justice process', 'support', 70),
  ('community_protection_warning', 'Community protection warning', 'enforcement', 80),
  ('community_protection_notice', 'Community protection notice', 'enforcement', 90),
  ('partial_closure_order', 'Partial closure order', 'enforcement', 100),
  ('full_closure_order', 'Full closure order', 'enforcement', 110),
  ('civil_injunction', 'Civil injunction', 'enforcement', 120),
  ('warning_issued', 'Warning issued', 'enforcement', 130),
  ('perpetrator_excluded', 'Perpetrator excluded', 'enforcement', 140),
  ('arrest', 'Arrest', 'criminal_justice', 150),
  ('charge', 'Charge', 'criminal_justice', 160),
  ('conviction', 'Conviction', 'criminal_justice', 170),
  ('moved_within_borough', 'Victim moved within borough', 'move', 180),
  ('moved_out_of_borough', 'Victim moved out of borough', 'move', 190),
  ('leaflet_drop', 'Leaflet drop', 'prevention', 200),
  ('other', 'Other', 'other', 999);

INSERT INTO area(kind, name, ons_code) VALUES
  ('ward', 'Bramhall North', 'E05015014'),
  ('ward', 'Bramhall South & Woodford', 'E05015015'),
  ('ward', 'Bredbury & Woodley', 'E05015016'),
  ('ward', 'Bredbury Green & Romiley', 'E05015017'),
  ('ward', 'Brinnington & Stockport Central', 'E05015018'),
  ('ward', 'Cheadle East & Cheadle Hulme North', 'E05015019'),
  ('ward', 'Cheadle Hulme South', 'E05015020'),
  ('ward', 'Cheadle West & Gatley', 'E05015021'),
  ('ward', 'Davenport & Cale Green', 'E05015022'),
  ('ward', 'Edgeley', 'E05015023'),
  ('ward', 'Hazel Grove', 'E05015024'),
  ('ward', 'Heald Green', 'E05015025'),
  ('ward', 'Heatons North', 'E05015026'),
  ('ward', 'Heatons South', 'E05015027'),
  ('ward', 'Manor', 'E05015028'),
  ('ward', 'Marple North', 'E05015029'),
  ('ward', 'Marple South & High Lane', 'E05015030'),
  ('ward', 'Norbury & Woodsmoor', 'E05015031'),
  ('ward', 'Offerton', 'E05015032'),
  ('ward', 'Reddish North', 'E05015033'),
  ('ward', 'Reddish South', 'E05015034');

-- Two-factor sign-in (TOTP). A session is fully signed in only once the second factor is
-- checked (or the user has none). totp.enforce = 1 requires administrators and team leaders
-- to enrol before they can use anything else.
ALTER TABLE user ADD COLUMN totp_pending TEXT;
ALTER TABLE user ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN second_factor_ok INTEGER NOT NULL DEFAULT 1;
INSERT OR IGNORE INTO setting(name, value) VALUES ('totp.enforce', '1');

// The numbered migrations of the store's schema. Migration N brings a database from
// user_version N-1 to N; each runs inside one transaction. Never edit a released migration:
// add the next one.
#pragma once

#include <array>

namespace boxoffice::model::schema {

inline constexpr const char* kMigration1 = R"SQL(
CREATE TABLE organizer (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE event (
  id INTEGER PRIMARY KEY,
  organizer_id INTEGER NOT NULL REFERENCES organizer(id) ON DELETE CASCADE,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,              -- i18n JSON
  currency TEXT NOT NULL DEFAULT 'EUR',
  date_from INTEGER, date_to INTEGER, date_admission INTEGER,   -- microseconds since epoch, UTC
  location TEXT NOT NULL DEFAULT '{}',
  timezone TEXT NOT NULL DEFAULT 'UTC',
  locale TEXT NOT NULL DEFAULT 'en',
  live INTEGER NOT NULL DEFAULT 1,
  testmode INTEGER NOT NULL DEFAULT 0,
  has_subevents INTEGER NOT NULL DEFAULT 0,
  ticket_downloads INTEGER NOT NULL DEFAULT 1,
  scanner_list_id INTEGER,
  last_modified INTEGER NOT NULL,
  UNIQUE (organizer_id, slug)
);
CREATE TABLE subevent (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  name TEXT NOT NULL, location TEXT NOT NULL DEFAULT '{}',
  date_from INTEGER NOT NULL, date_to INTEGER, date_admission INTEGER,
  active INTEGER NOT NULL DEFAULT 1, is_public INTEGER NOT NULL DEFAULT 1,
  last_modified INTEGER NOT NULL
);
CREATE INDEX subevent_event ON subevent(event_id);
CREATE TABLE category (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  name TEXT NOT NULL, internal_name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '{}',
  position INTEGER NOT NULL DEFAULT 0, is_addon INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX category_event ON category(event_id);
CREATE TABLE item (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  category_id INTEGER REFERENCES category(id) ON DELETE SET NULL,
  name TEXT NOT NULL, internal_name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '{}',
  default_price INTEGER NOT NULL DEFAULT 0,     -- hundredths
  tax_rate INTEGER NOT NULL DEFAULT 0,          -- hundredths of a percent
  tax_name TEXT NOT NULL DEFAULT '',
  admission INTEGER NOT NULL DEFAULT 1, personalized INTEGER NOT NULL DEFAULT 1,
  active INTEGER NOT NULL DEFAULT 1, checkin_attention INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0,
  sales_channels TEXT NOT NULL DEFAULT '["web"]'
);
CREATE INDEX item_event ON item(event_id);
CREATE TABLE variation (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  value TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
  default_price INTEGER NOT NULL DEFAULT 0, description TEXT NOT NULL DEFAULT '{}',
  position INTEGER NOT NULL DEFAULT 0, checkin_attention INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX variation_item ON variation(item_id);
CREATE TABLE question (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  identifier TEXT NOT NULL DEFAULT '', question TEXT NOT NULL, help_text TEXT NOT NULL DEFAULT '{}',
  type TEXT NOT NULL, required INTEGER NOT NULL DEFAULT 0, hidden INTEGER NOT NULL DEFAULT 0,
  ask_during_checkin INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX question_event ON question(event_id);
CREATE TABLE question_item (
  question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  PRIMARY KEY (question_id, item_id)
) WITHOUT ROWID;
CREATE TABLE question_option (
  id INTEGER PRIMARY KEY,
  question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
  identifier TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0, answer TEXT NOT NULL
);
CREATE INDEX question_option_question ON question_option(question_id);
CREATE TABLE quota (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  subevent_id INTEGER, name TEXT NOT NULL DEFAULT '', size INTEGER,
  items TEXT NOT NULL DEFAULT '[]', variations TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('n','p','e','c','r')),
  secret TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
  locale TEXT NOT NULL DEFAULT 'en', comment TEXT NOT NULL DEFAULT '',
  sales_channel TEXT NOT NULL DEFAULT 'web', payment_provider TEXT NOT NULL DEFAULT '',
  datetime INTEGER NOT NULL, expires INTEGER, payment_date INTEGER,
  payment_fee INTEGER NOT NULL DEFAULT 0, payment_fee_tax_rate INTEGER NOT NULL DEFAULT 0,
  payment_fee_tax_value INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,
  checkin_attention INTEGER NOT NULL DEFAULT 0, testmode INTEGER NOT NULL DEFAULT 0,
  require_approval INTEGER NOT NULL DEFAULT 0,
  fees TEXT NOT NULL DEFAULT '[]',
  last_modified INTEGER NOT NULL,
  UNIQUE (event_id, code)
);
CREATE INDEX orders_event_datetime ON orders(event_id, datetime);
CREATE INDEX orders_event_modified ON orders(event_id, last_modified);
CREATE INDEX orders_email ON orders(event_id, email COLLATE NOCASE);
CREATE TABLE invoice_address (
  order_id INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  last_modified INTEGER,
  company TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '', street TEXT NOT NULL DEFAULT '',
  zipcode TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '', vat_id TEXT NOT NULL DEFAULT '', is_business INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE order_position (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  positionid INTEGER NOT NULL,
  item_id INTEGER NOT NULL REFERENCES item(id),
  variation_id INTEGER REFERENCES variation(id),
  subevent_id INTEGER REFERENCES subevent(id),
  addon_to INTEGER REFERENCES order_position(id) ON DELETE SET NULL,
  price INTEGER NOT NULL DEFAULT 0, tax_rate INTEGER NOT NULL DEFAULT 0, tax_value INTEGER NOT NULL DEFAULT 0,
  attendee_name TEXT, attendee_email TEXT,
  company TEXT, street TEXT, zipcode TEXT, city TEXT, country TEXT, state TEXT,
  voucher INTEGER,
  secret TEXT NOT NULL,
  pseudonymization_id TEXT NOT NULL DEFAULT '',
  seat TEXT,
  canceled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX position_order ON order_position(order_id);
CREATE UNIQUE INDEX position_secret ON order_position(event_id, secret);
CREATE INDEX position_addon ON order_position(addon_to);
CREATE INDEX position_item ON order_position(event_id, item_id);
CREATE INDEX position_name ON order_position(event_id, attendee_name COLLATE NOCASE);
CREATE TABLE answer (
  position_id INTEGER NOT NULL REFERENCES order_position(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
  answer TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (position_id, question_id)
) WITHOUT ROWID;
CREATE TABLE checkin_list (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  all_products INTEGER NOT NULL DEFAULT 1,
  subevent_id INTEGER REFERENCES subevent(id) ON DELETE CASCADE,
  include_pending INTEGER NOT NULL DEFAULT 0,
  allow_multiple_entries INTEGER NOT NULL DEFAULT 0,
  allow_entry_after_exit INTEGER NOT NULL DEFAULT 1,
  auto_checkin_sales_channels TEXT NOT NULL DEFAULT '[]',
  last_modified INTEGER NOT NULL
);
CREATE INDEX checkin_list_event ON checkin_list(event_id);
CREATE TABLE checkin_list_item (
  list_id INTEGER NOT NULL REFERENCES checkin_list(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  PRIMARY KEY (list_id, item_id)
) WITHOUT ROWID;
CREATE TABLE checkin (
  id INTEGER PRIMARY KEY,
  list_id INTEGER NOT NULL REFERENCES checkin_list(id) ON DELETE CASCADE,
  position_id INTEGER NOT NULL REFERENCES order_position(id) ON DELETE CASCADE,
  datetime INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('entry','exit')),
  nonce TEXT,
  auto_checked_in INTEGER NOT NULL DEFAULT 0,
  device TEXT NOT NULL DEFAULT '',
  sync_state TEXT NOT NULL CHECK (sync_state IN ('local','uploaded','remote','conflict')),
  created INTEGER NOT NULL
);
CREATE INDEX checkin_position ON checkin(position_id, list_id);
CREATE INDEX checkin_list_idx ON checkin(list_id);
CREATE UNIQUE INDEX checkin_nonce ON checkin(list_id, nonce) WHERE nonce IS NOT NULL;
CREATE INDEX checkin_sync ON checkin(sync_state) WHERE sync_state IN ('local','conflict');
CREATE TABLE stored_file (
  id TEXT PRIMARY KEY,
  filename TEXT NOT NULL, content_type TEXT NOT NULL, data BLOB NOT NULL, created INTEGER NOT NULL
);
CREATE TABLE ticket_layout (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  name TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0,
  layout TEXT NOT NULL DEFAULT '[]',
  background TEXT REFERENCES stored_file(id) ON DELETE SET NULL
);
CREATE INDEX ticket_layout_event ON ticket_layout(event_id);
CREATE TABLE ticket_layout_item (
  id INTEGER PRIMARY KEY,
  layout_id INTEGER NOT NULL REFERENCES ticket_layout(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  sales_channel TEXT NOT NULL DEFAULT 'web',
  UNIQUE (item_id, sales_channel)
);
CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  organizer_slug TEXT NOT NULL,
  event_slug TEXT,
  hash BLOB NOT NULL UNIQUE,
  created INTEGER NOT NULL,
  last_used INTEGER,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE event_plugin (
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  plugin TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  PRIMARY KEY (event_id, plugin)
) WITHOUT ROWID;
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)SQL";

// 2: sync with a remote pretix server. The remote of each synced event (the token itself lives in
// the OS secret store or a private file, never here), the upload queue's retry bookkeeping (the
// queue itself is the check-ins with sync_state 'local'), and the double entries found on upload.
inline constexpr const char* kMigration2 = R"SQL(
CREATE TABLE sync_remote (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  organizer TEXT NOT NULL,
  event_slug TEXT NOT NULL,
  event_id INTEGER REFERENCES event(id) ON DELETE SET NULL,
  token_location TEXT NOT NULL DEFAULT '',   -- "secret-service" or "file:<path>"
  ca_file TEXT NOT NULL DEFAULT '',
  verify_tls INTEGER NOT NULL DEFAULT 1,
  orders_cursor TEXT,                        -- modified_since for the next order pull
  subevents_cursor TEXT,
  last_pull INTEGER, last_push INTEGER, last_attempt INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  online INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL,
  UNIQUE (url, organizer, event_slug)
);
CREATE TABLE sync_queue (
  checkin_id INTEGER PRIMARY KEY REFERENCES checkin(id) ON DELETE CASCADE ON UPDATE CASCADE,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE double_entry (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  list_id INTEGER NOT NULL,
  position_id INTEGER NOT NULL,
  secret TEXT NOT NULL,
  nonce TEXT NOT NULL UNIQUE,                -- of our check-in: a retried upload records it once
  local_datetime INTEGER NOT NULL,
  local_device TEXT NOT NULL,
  remote_checkin_id INTEGER,
  remote_datetime INTEGER NOT NULL,
  remote_device TEXT NOT NULL,
  detected INTEGER NOT NULL
);
CREATE INDEX double_entry_event ON double_entry(event_id, local_datetime);
)SQL";

// 3: search over order positions (check-in list search, pretixdroid search). A trigram
// full-text index of each position's searchable text: own and parent attendee name, invoice
// name, order code, secret. Kept current by triggers; the exact match rules are applied on top.
inline constexpr const char* kMigration3 = R"SQL(
CREATE VIEW position_search_doc AS
  SELECT p.id AS id,
         coalesce(p.attendee_name, '') || char(31) || coalesce(pp.attendee_name, '') || char(31) ||
         coalesce(ia.name, '') || char(31) || o.code || char(31) || p.secret AS doc
  FROM order_position p JOIN orders o ON o.id = p.order_id
  LEFT JOIN order_position pp ON pp.id = p.addon_to
  LEFT JOIN invoice_address ia ON ia.order_id = p.order_id;
CREATE VIRTUAL TABLE position_search USING fts5(doc, tokenize = 'trigram');
INSERT INTO position_search (rowid, doc) SELECT id, doc FROM position_search_doc;
CREATE TRIGGER position_search_ins AFTER INSERT ON order_position BEGIN
  INSERT INTO position_search (rowid, doc) SELECT id, doc FROM position_search_doc WHERE id = new.id;
END;
CREATE TRIGGER position_search_upd AFTER UPDATE OF attendee_name, secret, addon_to, order_id ON order_position BEGIN
  DELETE FROM position_search WHERE rowid IN (new.id, old.id)
    OR rowid IN (SELECT id FROM order_position WHERE addon_to = new.id);
  INSERT INTO position_search (rowid, doc) SELECT id, doc FROM position_search_doc
    WHERE id = new.id OR id IN (SELECT id FROM order_position WHERE addon_to = new.id);
END;
CREATE TRIGGER position_search_del AFTER DELETE ON order_position BEGIN
  DELETE FROM position_search WHERE rowid = old.id;
END;
CREATE TRIGGER position_search_order AFTER UPDATE OF code ON orders BEGIN
  DELETE FROM position_search WHERE rowid IN (SELECT id FROM order_position WHERE order_id = new.id);
  INSERT INTO position_search (rowid, doc) SELECT d.id, d.doc FROM position_search_doc d
    JOIN order_position p ON p.id = d.id WHERE p.order_id = new.id;
END;
CREATE TRIGGER position_search_ia_ins AFTER INSERT ON invoice_address BEGIN
  DELETE FROM position_search WHERE rowid IN (SELECT id FROM order_position WHERE order_id = new.order_id);
  INSERT INTO position_search (rowid, doc) SELECT d.id, d.doc FROM position_search_doc d
    JOIN order_position p ON p.id = d.id WHERE p.order_id = new.order_id;
END;
CREATE TRIGGER position_search_ia_upd AFTER UPDATE OF name ON invoice_address BEGIN
  DELETE FROM position_search WHERE rowid IN (SELECT id FROM order_position WHERE order_id = new.order_id);
  INSERT INTO position_search (rowid, doc) SELECT d.id, d.doc FROM position_search_doc d
    JOIN order_position p ON p.id = d.id WHERE p.order_id = new.order_id;
END;
CREATE TRIGGER position_search_ia_del AFTER DELETE ON invoice_address BEGIN
  DELETE FROM position_search WHERE rowid IN (SELECT id FROM order_position WHERE order_id = old.order_id);
  INSERT INTO position_search (rowid, doc) SELECT d.id, d.doc FROM position_search_doc d
    JOIN order_position p ON p.id = d.id WHERE p.order_id = old.order_id;
END;
)SQL";

// 4: a counter per event raised by every change to a field the position search reads (the same
// changes migration 3's triggers follow), so the in-memory search index knows it is current.
// Updates that write the same values again (a re-import) raise nothing.
inline constexpr const char* kMigration4 = R"SQL(
CREATE TABLE search_version (
  event_id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);
CREATE TRIGGER search_version_pos_ins AFTER INSERT ON order_position BEGIN
  INSERT INTO search_version (event_id, version) VALUES (new.event_id, 1)
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER search_version_pos_upd AFTER UPDATE OF attendee_name, secret, addon_to, order_id, event_id
  ON order_position
  WHEN old.attendee_name IS NOT new.attendee_name OR old.secret IS NOT new.secret
    OR old.addon_to IS NOT new.addon_to OR old.order_id IS NOT new.order_id OR old.event_id IS NOT new.event_id
BEGIN
  INSERT INTO search_version (event_id, version) VALUES (new.event_id, 1)
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
  INSERT INTO search_version (event_id, version) SELECT old.event_id, 1 WHERE old.event_id IS NOT new.event_id
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER search_version_pos_del AFTER DELETE ON order_position BEGIN
  INSERT INTO search_version (event_id, version) VALUES (old.event_id, 1)
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER search_version_order AFTER UPDATE OF code ON orders WHEN old.code IS NOT new.code BEGIN
  INSERT INTO search_version (event_id, version) VALUES (new.event_id, 1)
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER search_version_ia_ins AFTER INSERT ON invoice_address BEGIN
  INSERT INTO search_version (event_id, version) SELECT event_id, 1 FROM orders WHERE id = new.order_id
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER search_version_ia_upd AFTER UPDATE OF name, order_id ON invoice_address
  WHEN old.name IS NOT new.name OR old.order_id IS NOT new.order_id BEGIN
  INSERT INTO search_version (event_id, version) SELECT event_id, 1 FROM orders WHERE id = new.order_id
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER search_version_ia_del AFTER DELETE ON invoice_address BEGIN
  INSERT INTO search_version (event_id, version) SELECT event_id, 1 FROM orders WHERE id = old.order_id
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
)SQL";

// 5: files uploaded through the API (POST /api/v1/upload) belong to the token that sent them and
// expire unless a layout uses them; certificate layouts (one per event, the ticket layout format)
// so the certificates of an event keep their design.
inline constexpr const char* kMigration5 = R"SQL(
ALTER TABLE stored_file ADD COLUMN owner_token INTEGER;   -- api_token.id of the uploader; NULL: made here
ALTER TABLE stored_file ADD COLUMN expires INTEGER;       -- NULL: kept; uploads until a layout uses them
CREATE INDEX stored_file_expires ON stored_file(expires) WHERE expires IS NOT NULL;
CREATE TABLE certificate_layout (
  event_id INTEGER PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
  layout TEXT NOT NULL DEFAULT '[]',
  background TEXT REFERENCES stored_file(id) ON DELETE SET NULL,
  modified INTEGER NOT NULL
);
)SQL";

// 6: what ticket layouts print beyond the plain fields (spec ticket-layout.md §4, §5): meta
// properties of events, dates, products and variations (JSON objects of strings, as pretix sends
// meta_data), the parts of attendee and invoice names (JSON objects with "_scheme", as pretix sends
// attendee_name_parts and name_parts) and the parts of a reserved seat (pretix's seat object
// without its GUID, which stays in `seat`; NULL: none known).
inline constexpr const char* kMigration6 = R"SQL(
ALTER TABLE event ADD COLUMN meta_data TEXT NOT NULL DEFAULT '{}';
ALTER TABLE subevent ADD COLUMN meta_data TEXT NOT NULL DEFAULT '{}';
ALTER TABLE item ADD COLUMN meta_data TEXT NOT NULL DEFAULT '{}';
ALTER TABLE variation ADD COLUMN meta_data TEXT NOT NULL DEFAULT '{}';
ALTER TABLE order_position ADD COLUMN attendee_name_parts TEXT NOT NULL DEFAULT '{}';
ALTER TABLE order_position ADD COLUMN seat_parts TEXT;
ALTER TABLE invoice_address ADD COLUMN name_parts TEXT NOT NULL DEFAULT '{}';
)SQL";

// 7: access_version, one counter that triggers raise on every change to what authorizing an API
// request reads (tokens, organizers, events and their plugins). The server remembers each
// granted authorization with the counter it was read at and reuses it while the counter stands,
// instead of reading token, organizer, event and plugins again on every request. A token's
// last_used is not part of it.
inline constexpr const char* kMigration7 = R"SQL(
CREATE TABLE access_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO access_version (id, version) VALUES (1, 0);
CREATE TRIGGER access_version_token_ins AFTER INSERT ON api_token BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_token_upd AFTER UPDATE OF id, name, organizer_slug, event_slug, hash, revoked
  ON api_token BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_token_del AFTER DELETE ON api_token BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_organizer_ins AFTER INSERT ON organizer BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_organizer_upd AFTER UPDATE ON organizer BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_organizer_del AFTER DELETE ON organizer BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_event_ins AFTER INSERT ON event BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_event_upd AFTER UPDATE ON event BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_event_del AFTER DELETE ON event BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_plugin_ins AFTER INSERT ON event_plugin BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_plugin_upd AFTER UPDATE ON event_plugin BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_plugin_del AFTER DELETE ON event_plugin BEGIN
  UPDATE access_version SET version = version + 1;
END;
)SQL";

// 8: the trigram table of migration 3 is brought up to date once per transaction instead of once
// per statement. SQLite 3.40's FTS5 writes its pending terms out at every statement that touches
// it inside a transaction, so a trigger per row cost about 20 µs per position (0.42 s against
// 0.06 s for 20,000 rows) and most of a re-import, which rewrote every position's entry even when
// nothing changed. The triggers now only note the positions to redo, and only on real changes;
// Store::Transaction::commit redoes them in three statements. Searches take the noted positions as
// candidates too (and check every candidate against the exact rules), so an entry not yet redone,
// e.g. after a write outside Store::Transaction, is never missed.
inline constexpr const char* kMigration8 = R"SQL(
-- A position may be noted more than once: a trigger's OR IGNORE would give way to the outer
-- statement's conflict clause (an upsert's), so duplicates are allowed and IN folds them.
CREATE TABLE position_search_dirty (id INTEGER NOT NULL);
DROP TRIGGER IF EXISTS position_search_ins;
DROP TRIGGER IF EXISTS position_search_upd;
DROP TRIGGER IF EXISTS position_search_del;
DROP TRIGGER IF EXISTS position_search_order;
DROP TRIGGER IF EXISTS position_search_ia_ins;
DROP TRIGGER IF EXISTS position_search_ia_upd;
DROP TRIGGER IF EXISTS position_search_ia_del;
CREATE TRIGGER position_search_ins AFTER INSERT ON order_position BEGIN
  INSERT INTO position_search_dirty (id) VALUES (new.id);
END;
CREATE TRIGGER position_search_upd AFTER UPDATE OF id, attendee_name, secret, addon_to, order_id ON order_position
  WHEN new.id IS NOT old.id OR new.attendee_name IS NOT old.attendee_name OR new.secret IS NOT old.secret
    OR new.addon_to IS NOT old.addon_to OR new.order_id IS NOT old.order_id BEGIN
  INSERT INTO position_search_dirty (id) VALUES (new.id), (old.id);
  INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE addon_to = new.id;
END;
CREATE TRIGGER position_search_del AFTER DELETE ON order_position BEGIN
  INSERT INTO position_search_dirty (id) VALUES (old.id);
END;
CREATE TRIGGER position_search_order AFTER UPDATE OF code ON orders WHEN new.code IS NOT old.code BEGIN
  INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE order_id = new.id;
END;
CREATE TRIGGER position_search_ia_ins AFTER INSERT ON invoice_address BEGIN
  INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE order_id = new.order_id;
END;
CREATE TRIGGER position_search_ia_upd AFTER UPDATE OF name ON invoice_address WHEN new.name IS NOT old.name BEGIN
  INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE order_id = new.order_id;
END;
CREATE TRIGGER position_search_ia_del AFTER DELETE ON invoice_address BEGIN
  INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE order_id = old.order_id;
END;
)SQL";

// 9: orders.revision, a number that changes with every change to what an order's API answer
// reads: the order, its invoice address, positions, answers and check-ins. The server keeps each
// order's JSON with the revision it was written at and reuses it while the revision stands.
// Triggers raise it for every writer (sync, import, check-ins, the CLI, raw SQL), so a kept
// answer can never hide a change. A change adds 1; an order inserted starts at the next multiple
// of 2^32 (order_revision counts the inserts), so an order that takes the ID of a deleted one
// never meets one of its revisions. A check-in costs one more row update, not a counter's too.
inline constexpr const char* kMigration9 = R"SQL(
ALTER TABLE orders ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE TABLE order_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  inserts INTEGER NOT NULL
);
INSERT INTO order_revision (id, inserts) VALUES (1, 0);
CREATE TRIGGER order_revision_ins AFTER INSERT ON orders BEGIN
  UPDATE order_revision SET inserts = inserts + 1;
  UPDATE orders SET revision = (SELECT inserts FROM order_revision) * 4294967296 WHERE id = new.id;
END;
CREATE TRIGGER order_revision_upd AFTER UPDATE ON orders WHEN new.revision IS old.revision BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id = new.id;
END;
CREATE TRIGGER order_revision_ia_ins AFTER INSERT ON invoice_address BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id = new.order_id;
END;
CREATE TRIGGER order_revision_ia_upd AFTER UPDATE ON invoice_address BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id IN (new.order_id, old.order_id);
END;
CREATE TRIGGER order_revision_ia_del AFTER DELETE ON invoice_address BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id = old.order_id;
END;
CREATE TRIGGER order_revision_pos_ins AFTER INSERT ON order_position BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id = new.order_id;
END;
CREATE TRIGGER order_revision_pos_upd AFTER UPDATE ON order_position BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id IN (new.order_id, old.order_id);
END;
CREATE TRIGGER order_revision_pos_del AFTER DELETE ON order_position BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id = old.order_id;
END;
CREATE TRIGGER order_revision_answer_ins AFTER INSERT ON answer BEGIN
  UPDATE orders SET revision = revision + 1
    WHERE id = (SELECT order_id FROM order_position WHERE id = new.position_id);
END;
CREATE TRIGGER order_revision_answer_upd AFTER UPDATE ON answer BEGIN
  UPDATE orders SET revision = revision + 1
    WHERE id IN (SELECT order_id FROM order_position WHERE id IN (new.position_id, old.position_id));
END;
CREATE TRIGGER order_revision_answer_del AFTER DELETE ON answer BEGIN
  UPDATE orders SET revision = revision + 1
    WHERE id = (SELECT order_id FROM order_position WHERE id = old.position_id);
END;
CREATE TRIGGER order_revision_checkin_ins AFTER INSERT ON checkin BEGIN
  UPDATE orders SET revision = revision + 1
    WHERE id = (SELECT order_id FROM order_position WHERE id = new.position_id);
END;
-- A check-in's sync state and nonce are not part of the answer: marking check-ins uploaded
-- leaves the orders' revisions alone.
CREATE TRIGGER order_revision_checkin_upd AFTER UPDATE OF id, list_id, position_id, datetime, type, auto_checked_in
  ON checkin BEGIN
  UPDATE orders SET revision = revision + 1
    WHERE id IN (SELECT order_id FROM order_position WHERE id IN (new.position_id, old.position_id));
END;
CREATE TRIGGER order_revision_checkin_del AFTER DELETE ON checkin BEGIN
  UPDATE orders SET revision = revision + 1
    WHERE id = (SELECT order_id FROM order_position WHERE id = old.position_id);
END;
)SQL";

// 10: a check-in made here (sync_state 'local') moves its order's last_modified on to when it
// was recorded, in the update that raises the order's revision, so that modified_since (scanners,
// sync) sees the order again. A redeem used to do that in a second update of the same row
// (OrderRepository::touch): about 15 of the 65 µs of CPU each redeem costs the group commit
// (bench/server). Check-ins pulled from the remote server leave last_modified alone, as before.
inline constexpr const char* kMigration10 = R"SQL(
DROP TRIGGER order_revision_checkin_ins;
CREATE TRIGGER order_revision_checkin_ins AFTER INSERT ON checkin WHEN new.sync_state IS NOT 'local' BEGIN
  UPDATE orders SET revision = revision + 1
    WHERE id = (SELECT order_id FROM order_position WHERE id = new.position_id);
END;
CREATE TRIGGER order_revision_checkin_local_ins AFTER INSERT ON checkin WHEN new.sync_state = 'local' BEGIN
  UPDATE orders SET revision = revision + 1, last_modified = max(last_modified, new.created)
    WHERE id = (SELECT order_id FROM order_position WHERE id = new.position_id);
END;
)SQL";

// 11: the print log. A print run is one press of Print (or `boxoffice-cli print`): when, on which
// printer, what kind of document, how many copies and pages, the spooler's job numbers. Each
// position it printed is a row of print_log with the layout it was printed with, so "not yet
// printed" and "already printed on ..." are one indexed lookup per position.
inline constexpr const char* kMigration11 = R"SQL(
CREATE TABLE print_run (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  printed_at INTEGER NOT NULL,
  printer TEXT NOT NULL,
  document TEXT NOT NULL CHECK (document IN ('ticket', 'certificate')),
  copies INTEGER NOT NULL CHECK (copies >= 1),
  pages INTEGER NOT NULL,
  jobs TEXT NOT NULL DEFAULT ''
);
CREATE INDEX print_run_event ON print_run (event_id, printed_at);
CREATE TABLE print_log (
  run_id INTEGER NOT NULL REFERENCES print_run(id) ON DELETE CASCADE,
  position_id INTEGER NOT NULL,
  layout_id INTEGER,
  layout_name TEXT NOT NULL DEFAULT '',
  UNIQUE (run_id, position_id)
);
CREATE INDEX print_log_position ON print_log (position_id, run_id);
)SQL";

// 12: what sync leaves for a person to decide (services/sync Inbox.h). A double entry is marked
// reviewed, with a note and when. A conflict (a check-in the remote refused for good) can be
// dismissed: the check-in stays here, but is neither uploaded nor counted or listed as a conflict
// any more. That is sync_queue.dismissed_at, not a new sync_state: checkin's CHECK constraint
// cannot be altered in SQLite without rebuilding the table (the hottest one), and every conflict
// already has its sync_queue row (settling a conflict writes its status and reason there). The
// check-in keeps sync_state 'conflict', so every rule for our own rows still holds (a pull never
// deletes it, an annul may take it back), and the push reads only 'local' rows; retrying a
// conflict deletes its sync_queue row, so a check-in back in the queue is never a dismissed one.
inline constexpr const char* kMigration12 = R"SQL(
ALTER TABLE double_entry ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE double_entry ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE double_entry ADD COLUMN reviewed_at INTEGER;   -- NULL: never reviewed
ALTER TABLE sync_queue ADD COLUMN dismissed_at INTEGER;    -- NULL: a conflict still shown
)SQL";

// 13: paired scanner devices (pretix's device API: pretixSCAN pairs by a setup QR code). A device
// belongs to one organizer, optionally one event, and scans on the check-in lists of its gate
// (list_ids, a JSON array; NULL: every list). Its setup token is single use and expires; its API
// token is issued when it initializes. Only SHA-256 hashes of both are kept. Changes to what
// authorizing a request reads raise access_version (migration 7); last_seen does not.
inline constexpr const char* kMigration13 = R"SQL(
CREATE TABLE device (
  id INTEGER PRIMARY KEY,
  organizer_slug TEXT NOT NULL,
  event_slug TEXT,                    -- NULL: every event of the organizer
  name TEXT NOT NULL,
  gate_name TEXT NOT NULL DEFAULT '',
  list_ids TEXT,                      -- JSON array of check-in list IDs; NULL: every list
  unique_serial TEXT NOT NULL UNIQUE,
  security_profile TEXT NOT NULL DEFAULT 'pretixscan',
  hardware_brand TEXT NOT NULL DEFAULT '', hardware_model TEXT NOT NULL DEFAULT '',
  os_name TEXT NOT NULL DEFAULT '', os_version TEXT NOT NULL DEFAULT '',
  software_brand TEXT NOT NULL DEFAULT '', software_version TEXT NOT NULL DEFAULT '',
  api_token_hash BLOB UNIQUE,         -- NULL until initialized
  setup_token_hash BLOB UNIQUE,
  setup_expires INTEGER,
  setup_used INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL,
  initialized_at INTEGER,
  last_seen INTEGER,
  revoked_at INTEGER                  -- NULL: active
);
CREATE TRIGGER access_version_device_ins AFTER INSERT ON device BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_device_upd AFTER UPDATE OF id, organizer_slug, event_slug, name, gate_name, list_ids,
  security_profile, api_token_hash, revoked_at ON device BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_device_del AFTER DELETE ON device BEGIN
  UPDATE access_version SET version = version + 1;
END;
)SQL";

// 14: the trigram table holds the names only. Order codes and secrets are searched by prefix (the
// rules say "starts with"), which their B-tree indexes answer; their trigrams were two thirds of
// the table's text and, being random, most of its distinct terms: filling the table for 1,000,000
// positions took 28 s with them and 4 s without. The table is built anew from the names.
inline constexpr const char* kMigration14 = R"SQL(
DROP TRIGGER IF EXISTS position_search_order;
DROP VIEW position_search_doc;
CREATE VIEW position_search_doc AS
  SELECT p.id AS id,
         coalesce(p.attendee_name, '') || char(31) || coalesce(pp.attendee_name, '') || char(31) ||
         coalesce(ia.name, '') AS doc
  FROM order_position p
  LEFT JOIN order_position pp ON pp.id = p.addon_to
  LEFT JOIN invoice_address ia ON ia.order_id = p.order_id;
DROP TABLE position_search;
CREATE VIRTUAL TABLE position_search USING fts5(doc, tokenize = 'trigram');
INSERT INTO position_search (rowid, doc) SELECT id, doc FROM position_search_doc;
DELETE FROM position_search_dirty;
)SQL";

// 15: inserts a bulk writer accounts for itself. While table untracked_inserts holds its row, the
// triggers that follow inserted positions, answers and invoice addresses for the search (migrations
// 4 and 8) and for order revisions (migration 9) stand aside. Only an import of an event new to the
// store writes the row, inside its own transaction and gone again before it commits, so no other
// connection ever sees it; the import then notes the event's positions for the search and raises
// its search version once (a new order's revision is new already). Those triggers cost two thirds
// of the time of writing 1,000,000 positions.
inline constexpr const char* kMigration15 = R"SQL(
CREATE TABLE untracked_inserts (id INTEGER PRIMARY KEY CHECK (id = 1));
DROP TRIGGER position_search_ins;
CREATE TRIGGER position_search_ins AFTER INSERT ON order_position
  WHEN NOT EXISTS (SELECT 1 FROM untracked_inserts) BEGIN
  INSERT INTO position_search_dirty (id) VALUES (new.id);
END;
DROP TRIGGER position_search_ia_ins;
CREATE TRIGGER position_search_ia_ins AFTER INSERT ON invoice_address
  WHEN NOT EXISTS (SELECT 1 FROM untracked_inserts) BEGIN
  INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE order_id = new.order_id;
END;
DROP TRIGGER search_version_pos_ins;
CREATE TRIGGER search_version_pos_ins AFTER INSERT ON order_position
  WHEN NOT EXISTS (SELECT 1 FROM untracked_inserts) BEGIN
  INSERT INTO search_version (event_id, version) VALUES (new.event_id, 1)
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
DROP TRIGGER search_version_ia_ins;
CREATE TRIGGER search_version_ia_ins AFTER INSERT ON invoice_address
  WHEN NOT EXISTS (SELECT 1 FROM untracked_inserts) BEGIN
  INSERT INTO search_version (event_id, version) SELECT event_id, 1 FROM orders WHERE id = new.order_id
    ON CONFLICT (event_id) DO UPDATE SET version = version + 1;
END;
DROP TRIGGER order_revision_pos_ins;
CREATE TRIGGER order_revision_pos_ins AFTER INSERT ON order_position
  WHEN NOT EXISTS (SELECT 1 FROM untracked_inserts) BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id = new.order_id;
END;
DROP TRIGGER order_revision_answer_ins;
CREATE TRIGGER order_revision_answer_ins AFTER INSERT ON answer
  WHEN NOT EXISTS (SELECT 1 FROM untracked_inserts) BEGIN
  UPDATE orders SET revision = revision + 1
    WHERE id = (SELECT order_id FROM order_position WHERE id = new.position_id);
END;
DROP TRIGGER order_revision_ia_ins;
CREATE TRIGGER order_revision_ia_ins AFTER INSERT ON invoice_address
  WHEN NOT EXISTS (SELECT 1 FROM untracked_inserts) BEGIN
  UPDATE orders SET revision = revision + 1 WHERE id = new.order_id;
END;
)SQL";

// 16: scans a scanner refused (pretix's failed check-ins: POST …/checkinlists/{id}/failed_checkins/),
// kept so that the box office can see who was turned away and why. A scanner may send one again
// after a lost answer: its nonce is then known and nothing is added.
inline constexpr const char* kMigration16 = R"SQL(
CREATE TABLE failed_checkin (
  id INTEGER PRIMARY KEY,
  list_id INTEGER NOT NULL REFERENCES checkin_list(id) ON DELETE CASCADE,
  position_id INTEGER,              -- the ticket the scanner took the code for; NULL: none
  raw_barcode TEXT NOT NULL,
  error_reason TEXT NOT NULL,       -- pretix's reason: invalid, unpaid, already_redeemed, ...
  type TEXT NOT NULL DEFAULT 'entry',
  datetime INTEGER NOT NULL,        -- when the scanner refused it
  device TEXT NOT NULL DEFAULT '',
  nonce TEXT,
  received INTEGER NOT NULL
);
CREATE UNIQUE INDEX failed_checkin_nonce ON failed_checkin(list_id, nonce) WHERE nonce IS NOT NULL;
CREATE INDEX failed_checkin_list ON failed_checkin(list_id, datetime);
)SQL";

// 17: events set up and sold here, without a pretix server (services/sales). The sales channels an
// event sells through and a product's add-on offers, both JSON lists in pretix's names as its API
// writes them (event.sales_channels, item.addons); the desk's shifts (an operator's name from the
// start of a shift to its end) and its payments: one row per sale, refund and cancel, with the method,
// the amount in hundredths and, for cash, what the buyer handed over. A shift's report adds these
// up; the orders themselves stay as pretix has them.
inline constexpr const char* kMigration17 = R"SQL(
ALTER TABLE event ADD COLUMN sales_channels TEXT NOT NULL DEFAULT '["web"]';
ALTER TABLE item ADD COLUMN addons TEXT NOT NULL DEFAULT '[]';
CREATE TABLE desk_shift (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  operator TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER                  -- NULL: still open
);
CREATE INDEX desk_shift_event ON desk_shift(event_id, started_at);
CREATE TABLE desk_payment (
  id INTEGER PRIMARY KEY,
  shift_id INTEGER NOT NULL REFERENCES desk_shift(id) ON DELETE CASCADE,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'cancel')),   -- cancel: nothing paid back
  method TEXT CHECK (method IN ('cash', 'card', 'free')),            -- NULL for a cancel
  amount INTEGER NOT NULL CHECK (amount >= 0),   -- hundredths: taken for a sale, paid back for a refund
  given INTEGER,                    -- cash handed over for a sale; NULL otherwise
  reason TEXT NOT NULL DEFAULT '',  -- why a refund or cancel was made
  datetime INTEGER NOT NULL
);
CREATE INDEX desk_payment_shift ON desk_payment(shift_id, datetime);
CREATE INDEX desk_payment_order ON desk_payment(order_id);
)SQL";

// 18: desk orders waiting for the remote pretix server of their event (services/sync). A row per
// order sold here (sales::sell queues it): 'queued' until its first upload, 'sent' from just before
// a POST orders/ whose outcome is not known yet (the next attempt looks the order up by its code
// before posting again, so a lost answer never makes a second remote order), 'uploaded' once the
// order carries the remote's code and position IDs, 'conflict' when the remote refused it (sold
// out, product gone: kept for a person, with the remote's answer). dismissed_at marks a conflict a
// person put aside. Desk sales made before this migration are queued.
inline constexpr const char* kMigration18 = R"SQL(
CREATE TABLE order_upload (
  order_id INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'uploaded', 'conflict')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  remote_code TEXT,                 -- the remote's order code, once uploaded
  settled_at INTEGER,               -- uploaded or refused
  dismissed_at INTEGER              -- NULL: a conflict still shown
);
CREATE INDEX order_upload_event ON order_upload(event_id, state);
INSERT INTO order_upload (order_id, event_id, state)
  SELECT DISTINCT o.id, o.event_id, 'queued' FROM orders o JOIN desk_payment d ON d.order_id = o.id
  WHERE d.kind = 'sale' AND o.status <> 'c';
)SQL";

// 19: the texts a scanner shows when it admits a ticket (pretix's checkin_text of the order, the
// product and the variation; the check-in RPC answers them as checkin_texts). NULL: none.
inline constexpr const char* kMigration19 = R"SQL(
ALTER TABLE orders ADD COLUMN checkin_text TEXT;
ALTER TABLE item ADD COLUMN checkin_text TEXT;
ALTER TABLE variation ADD COLUMN checkin_text TEXT;
)SQL";

// 20: what each API token may do, as pretix's team permissions ("can_checkin_orders,can_view_orders").
// Tokens made before could do everything, and keep that: scripts and scanners set up with them go
// on working; a narrower token is a new one.
inline constexpr const char* kMigration20 = R"SQL(
ALTER TABLE api_token ADD COLUMN permissions TEXT NOT NULL
  DEFAULT 'can_checkin_orders,can_view_orders,can_change_orders,can_change_event_settings';
)SQL";

// 21: check-in lists and their products raise access_version too: the check-in RPC remembers
// which event a list belongs to, and the list itself, with the counter it was read at, instead of
// reading list, event and plugins again for every scan (services/server, CheckinRpcRoutes.cpp).
inline constexpr const char* kMigration21 = R"SQL(
CREATE TRIGGER access_version_list_ins AFTER INSERT ON checkin_list BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_list_upd AFTER UPDATE ON checkin_list BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_list_del AFTER DELETE ON checkin_list BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_list_item_ins AFTER INSERT ON checkin_list_item BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_list_item_upd AFTER UPDATE ON checkin_list_item BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_list_item_del AFTER DELETE ON checkin_list_item BEGIN
  UPDATE access_version SET version = version + 1;
END;
)SQL";

inline constexpr std::array<const char*, 21> kMigrations{
    kMigration1,  kMigration2,  kMigration3,  kMigration4,  kMigration5,  kMigration6,  kMigration7,
    kMigration8,  kMigration9,  kMigration10, kMigration11, kMigration12, kMigration13, kMigration14,
    kMigration15, kMigration16, kMigration17, kMigration18, kMigration19, kMigration20, kMigration21};

}  // namespace boxoffice::model::schema

#include "RedeemJournal.h"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <iostream>
#include <random>
#include <sstream>

#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::checkin::detail {

using model::Id;

namespace {

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS pending_checkin (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id INTEGER NOT NULL,
  list_id INTEGER NOT NULL,
  position_id INTEGER NOT NULL,
  code TEXT NOT NULL,
  datetime INTEGER NOT NULL,
  type TEXT NOT NULL,
  nonce TEXT NOT NULL,
  auto_checked_in INTEGER NOT NULL,
  device TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_checkin_position ON pending_checkin(position_id, list_id);
CREATE UNIQUE INDEX IF NOT EXISTS pending_checkin_nonce ON pending_checkin(list_id, nonce);
CREATE TABLE IF NOT EXISTS pending_answer (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  position_id INTEGER NOT NULL,
  order_id INTEGER NOT NULL,
  question_id INTEGER NOT NULL,
  answer TEXT NOT NULL,
  options TEXT NOT NULL,
  given INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_answer_position ON pending_answer(position_id);
)";

constexpr const char* kCheckinColumns = "id, list_id, position_id, datetime, type, nonce, auto_checked_in, device, created";

model::Checkin readCheckin(SQLite::Statement& q) {
    model::Checkin c;
    c.id = q.getColumn(0).getInt64();
    c.listId = q.getColumn(1).getInt64();
    c.positionId = q.getColumn(2).getInt64();
    c.datetime = model::fromStorage(q.getColumn(3).getInt64());
    c.type = model::checkinTypeFromString(q.getColumn(4).getString()).value_or(model::CheckinType::Entry);
    c.nonce = q.getColumn(5).getString();
    c.autoCheckedIn = q.getColumn(6).getInt() != 0;
    c.device = q.getColumn(7).getString();
    c.syncState = model::SyncState::Local;
    c.created = model::fromStorage(q.getColumn(8).getInt64());
    return c;
}

std::string optionsText(const std::vector<Id>& options) {
    std::string text;
    for (const Id o : options) {
        text += (text.empty() ? "" : ",") + std::to_string(o);
    }
    return text;
}

std::vector<Id> optionsFrom(const std::string& text) {
    std::vector<Id> options;
    std::istringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        if (!part.empty()) {
            options.push_back(std::stoll(part));
        }
    }
    return options;
}

// A nonce for a check-in the scanner sent without one: the merge and the sync find it by it.
std::string newNonce() {
    std::random_device random;
    constexpr char kHex[] = "0123456789abcdef";
    std::string nonce = "boxoffice-journal-";
    for (int i = 0; i < 8; ++i) {
        const unsigned bits = random();
        for (int shift = 0; shift < 32; shift += 4) {
            nonce += kHex[(bits >> shift) & 0xF];
        }
    }
    return nonce;
}

}  // namespace

std::filesystem::path RedeemJournal::pathFor(const std::filesystem::path& databaseFile) {
    auto path = databaseFile;
    path += ".redeems";
    return path;
}

RedeemJournal::RedeemJournal(const std::filesystem::path& databaseFile)
    : m_db(pathFor(databaseFile).string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000) {
    // A journaled redeem is answered once this file's commit is on disk.
    m_db.exec("PRAGMA synchronous = FULL");
    m_db.exec(kSchema);
}

RedeemJournal::Hold::Hold(RedeemJournal& journal) : m_journal(journal) { m_journal.m_db.exec("BEGIN IMMEDIATE"); }

RedeemJournal::Hold::~Hold() {
    if (!m_done) {
        m_journal.m_db.tryExec("ROLLBACK");
    }
}

void RedeemJournal::Hold::commit() {
    m_journal.m_db.exec("COMMIT");
    m_done = true;
}

RedeemJournal::Savepoint::Savepoint(RedeemJournal& journal) : m_journal(journal) {
    m_journal.m_db.exec("SAVEPOINT redeem");
}

RedeemJournal::Savepoint::~Savepoint() {
    if (!m_done) {
        m_journal.m_db.tryExec("ROLLBACK TO redeem");
        m_journal.m_db.tryExec("RELEASE redeem");
    }
}

void RedeemJournal::Savepoint::release() {
    m_journal.m_db.exec("RELEASE redeem");
    m_done = true;
}

bool RedeemJournal::pending() {
    return m_db.execAndGet("SELECT EXISTS (SELECT 1 FROM pending_checkin) OR EXISTS (SELECT 1 FROM pending_answer)")
               .getInt() != 0;
}

std::size_t RedeemJournal::mergeInto(model::Store& store) {
    std::size_t merged = 0;
    model::OrderRepository orders(store);
    SQLite::Statement answers(m_db,
                              "SELECT position_id, order_id, question_id, answer, options, given FROM pending_answer "
                              "ORDER BY seq");
    while (answers.executeStep()) {
        model::Answer a;
        a.questionId = answers.getColumn(2).getInt64();
        a.answer = answers.getColumn(3).getString();
        a.options = optionsFrom(answers.getColumn(4).getString());
        model::Store::Savepoint savepoint(store);
        try {
            orders.saveAnswer(answers.getColumn(0).getInt64(), a);
            orders.touch(answers.getColumn(1).getInt64(), model::fromStorage(answers.getColumn(5).getInt64()));
            savepoint.release();
        } catch (const SQLite::Exception&) {
            // The ticket is gone (an import removed it): its answer has nowhere to go.
        }
        ++merged;
    }
    model::CheckinRepository checkins(store);
    SQLite::Statement rows(m_db, std::string("SELECT ") + kCheckinColumns + ", code FROM pending_checkin ORDER BY seq");
    while (rows.executeStep()) {
        auto c = readCheckin(rows);
        ++merged;
        if (checkins.byNonce(c.listId, *c.nonce)) {
            continue;  // merged before the journal could forget it
        }
        if (checkins.byId(c.id)) {
            c.id = 0;  // the database gave the ID away meanwhile
        }
        {
            model::Store::Savepoint savepoint(store);
            try {
                checkins.insert(c);
                savepoint.release();
                continue;
            } catch (const SQLite::Exception&) {
                // The ticket or the list is gone (an import removed it); rolled back here.
            }
        }
        model::Store::Savepoint refused(store);
        try {
            model::FailedScan scan;
            scan.listId = c.listId;
            scan.rawBarcode = rows.getColumn(9).getString();
            scan.errorReason = "invalid";
            scan.type = c.type;
            scan.datetime = c.datetime;
            scan.device = c.device;
            scan.nonce = c.nonce;
            checkins.insertFailedScan(scan);
            refused.release();
        } catch (const SQLite::Exception&) {
            // The list is gone too, and with it every check-in it had.
            std::cerr << "boxoffice: a check-in made while the database was busy belongs to a check-in list that "
                         "was deleted meanwhile; it was dropped with the list\n";
        }
    }
    return merged;
}

void RedeemJournal::forgetMerged() {
    m_db.exec("DELETE FROM pending_answer");
    m_db.exec("DELETE FROM pending_checkin");
}

std::vector<model::Checkin> RedeemJournal::checkins(Id positionId, Id listId) {
    SQLite::Statement q(m_db, std::string("SELECT ") + kCheckinColumns +
                                  " FROM pending_checkin WHERE position_id = ? AND list_id = ? ORDER BY seq");
    q.bind(1, positionId);
    q.bind(2, listId);
    std::vector<model::Checkin> found;
    while (q.executeStep()) {
        found.push_back(readCheckin(q));
    }
    return found;
}

std::optional<model::Checkin> RedeemJournal::byNonce(Id listId, const std::string& nonce) {
    SQLite::Statement q(m_db, std::string("SELECT ") + kCheckinColumns + " FROM pending_checkin WHERE list_id = ? AND nonce = ?");
    q.bind(1, listId);
    q.bind(2, nonce);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readCheckin(q);
}

std::vector<model::Answer> RedeemJournal::answers(Id positionId) {
    SQLite::Statement q(m_db, "SELECT question_id, answer, options FROM pending_answer WHERE position_id = ? ORDER BY seq");
    q.bind(1, positionId);
    std::vector<model::Answer> found;
    while (q.executeStep()) {
        model::Answer a;
        a.questionId = q.getColumn(0).getInt64();
        a.answer = q.getColumn(1).getString();
        a.options = optionsFrom(q.getColumn(2).getString());
        std::erase_if(found, [&](const model::Answer& earlier) { return earlier.questionId == a.questionId; });
        found.push_back(std::move(a));
    }
    return found;
}

void RedeemJournal::addCheckin(model::Checkin& c, const std::string& code, Id nextDatabaseId) {
    if (!c.nonce || c.nonce->empty()) {
        c.nonce = newNonce();
    }
    const auto last = m_db.execAndGet("SELECT max(id) FROM pending_checkin");
    c.id = last.isNull() ? nextDatabaseId : std::max(nextDatabaseId, last.getInt64() + 1);
    if (c.created == model::Timestamp{}) {
        c.created = model::now();
    }
    SQLite::Statement s(m_db,
                        "INSERT INTO pending_checkin (id, list_id, position_id, code, datetime, type, nonce, "
                        "auto_checked_in, device, created) VALUES (?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, c.id);
    s.bind(2, c.listId);
    s.bind(3, c.positionId);
    s.bind(4, code);
    s.bind(5, model::toStorage(c.datetime));
    s.bind(6, std::string(model::toString(c.type)));
    s.bind(7, *c.nonce);
    s.bind(8, c.autoCheckedIn ? 1 : 0);
    s.bind(9, c.device);
    s.bind(10, model::toStorage(c.created));
    s.exec();
}

void RedeemJournal::addAnswer(Id positionId, Id orderId, const model::Answer& answer) {
    SQLite::Statement s(m_db,
                        "INSERT INTO pending_answer (position_id, order_id, question_id, answer, options, given) "
                        "VALUES (?,?,?,?,?,?)");
    s.bind(1, positionId);
    s.bind(2, orderId);
    s.bind(3, answer.questionId);
    s.bind(4, answer.answer);
    s.bind(5, optionsText(answer.options));
    s.bind(6, model::toStorage(model::now()));
    s.exec();
}

}  // namespace boxoffice::checkin::detail

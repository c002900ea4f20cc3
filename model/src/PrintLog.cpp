#include "boxoffice/model/PrintLog.h"

#include "Sql.h"

namespace boxoffice::model {

namespace {

const char* documentName(PrintedDocument d) { return d == PrintedDocument::Ticket ? "ticket" : "certificate"; }

}  // namespace

void PrintLogRepository::add(PrintRun& run) {
    if (run.printedAt == Timestamp{}) {
        run.printedAt = now();
    }
    auto s = m_store.cached(
        "INSERT INTO print_run (event_id, printed_at, printer, document, copies, pages, jobs) VALUES (?,?,?,?,?,?,?)");
    s.bind(1, run.eventId);
    s.bind(2, toStorage(run.printedAt));
    s.bind(3, run.printer);
    s.bind(4, documentName(run.document));
    s.bind(5, run.copies);
    s.bind(6, run.pages);
    s.bind(7, run.jobs);
    s.exec();
    run.id = m_store.db().getLastInsertRowid();
    auto e = m_store.cached(
        "INSERT OR IGNORE INTO print_log (run_id, position_id, layout_id, layout_name) VALUES (?,?,?,?)");
    for (const auto& entry : run.entries) {
        e.reset();
        e.bind(1, run.id);
        e.bind(2, entry.positionId);
        sql::bindValue(e, 3, entry.layoutId);
        e.bind(4, entry.layoutName);
        e.exec();
    }
    run.positions = static_cast<int>(run.entries.size());
    m_store.noteChange({Change::Kind::Printing, run.eventId});
}

std::vector<PrintRun> PrintLogRepository::runs(Id eventId, int limit) {
    auto q = m_store.cached(
        "SELECT r.id, r.printed_at, r.printer, r.document, r.copies, r.pages, r.jobs, "
        "(SELECT count(*) FROM print_log l WHERE l.run_id = r.id) "
        "FROM print_run r WHERE r.event_id = ? ORDER BY r.printed_at DESC, r.id DESC LIMIT ?");
    q.bind(1, eventId);
    q.bind(2, limit);
    std::vector<PrintRun> out;
    while (q.executeStep()) {
        PrintRun r;
        r.id = q.getColumn(0).getInt64();
        r.eventId = eventId;
        r.printedAt = sql::time(q.getColumn(1));
        r.printer = q.getColumn(2).getString();
        r.document = q.getColumn(3).getString() == "ticket" ? PrintedDocument::Ticket : PrintedDocument::Certificate;
        r.copies = q.getColumn(4).getInt();
        r.pages = q.getColumn(5).getInt();
        r.jobs = q.getColumn(6).getString();
        r.positions = q.getColumn(7).getInt();
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PrintRunEntry> PrintLogRepository::entries(Id runId) {
    auto q = m_store.cached("SELECT position_id, layout_id, layout_name FROM print_log WHERE run_id = ? ORDER BY rowid");
    q.bind(1, runId);
    std::vector<PrintRunEntry> out;
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getInt64(), sql::optId(q.getColumn(1)), q.getColumn(2).getString()});
    }
    return out;
}

std::unordered_set<Id> PrintLogRepository::printedPositions(Id eventId, PrintedDocument document) {
    auto q = m_store.cached(
        "SELECT DISTINCT l.position_id FROM print_run r JOIN print_log l ON l.run_id = r.id "
        "WHERE r.event_id = ? AND r.document = ?");
    q.bind(1, eventId);
    q.bind(2, documentName(document));
    std::unordered_set<Id> out;
    while (q.executeStep()) {
        out.insert(q.getColumn(0).getInt64());
    }
    return out;
}

std::unordered_map<Id, LastPrint> PrintLogRepository::lastPrints(const std::vector<Id>& positionIds,
                                                                 PrintedDocument document) {
    auto q = m_store.cached(
        "SELECT r.printed_at, r.printer FROM print_log l JOIN print_run r ON r.id = l.run_id "
        "WHERE l.position_id = ? AND r.document = ? ORDER BY r.printed_at DESC LIMIT 1");
    std::unordered_map<Id, LastPrint> out;
    for (Id id : positionIds) {
        q.reset();
        q.bind(1, id);
        q.bind(2, documentName(document));
        if (q.executeStep()) {
            out.emplace(id, LastPrint{sql::time(q.getColumn(0)), q.getColumn(1).getString()});
        }
    }
    return out;
}

}  // namespace boxoffice::model

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "TestSupport.h"
#include "boxoffice/desk/Preferences.h"
#include "boxoffice/desk/TaskRunner.h"
#include "boxoffice/model/EventRepository.h"

using namespace boxoffice;
using namespace std::chrono_literals;

namespace {

// Collects the outcomes the runner reports and lets the test wait for them.
struct Outcomes {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::pair<int, desk::TaskOutcome>> seen;
    std::vector<std::string> errors;

    std::function<void(desk::TaskOutcome, const std::string&)> finisher(int id) {
        return [this, id](desk::TaskOutcome outcome, const std::string& error) {
            std::lock_guard lock(mutex);
            seen.emplace_back(id, outcome);
            errors.push_back(error);
            changed.notify_all();
        };
    }
    bool waitFor(std::size_t count) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, 20s, [&] { return seen.size() >= count; });
    }
    desk::TaskOutcome of(int id) {
        std::lock_guard lock(mutex);
        for (const auto& [i, outcome] : seen) {
            if (i == id) {
                return outcome;
            }
        }
        FAIL("no outcome for task " << id);
        return desk::TaskOutcome::Failed;
    }
};

}  // namespace

TEST_CASE("Tasks run off the caller's thread, on their own connection, with progress", "[desk][tasks]") {
    test::TempDir dir;
    const auto db = dir / "tasks.sqlite";
    { model::Store create(db); }
    desk::TaskRunner runner(db, 2);
    Outcomes outcomes;
    std::atomic<int> progressReports{0};
    std::thread::id ranOn;
    std::filesystem::path openedPath;
    desk::TaskRunner::Task task;
    task.work = [&](desk::TaskContext& context) {
        ranOn = std::this_thread::get_id();
        openedPath = context.store.path();
        for (int i = 1; i <= 3; ++i) {
            context.progress({i, 3, "step"});
        }
    };
    task.progress = [&](const desk::Progress&) { ++progressReports; };
    task.finish = outcomes.finisher(1);
    runner.submit(std::move(task));
    REQUIRE(outcomes.waitFor(1));
    CHECK(outcomes.of(1) == desk::TaskOutcome::Done);
    CHECK(ranOn != std::this_thread::get_id());
    CHECK(openedPath == db);
    CHECK(progressReports == 3);
}

TEST_CASE("A cancelled task never starts, and a running one is interrupted in its SQL", "[desk][tasks]") {
    test::TempDir dir;
    const auto db = dir / "cancel.sqlite";
    { model::Store create(db); }
    desk::TaskRunner runner(db, 1);
    Outcomes outcomes;
    std::atomic<bool> started{false};
    desk::TaskRunner::Task endless;
    endless.work = [&](desk::TaskContext& context) {
        started = true;
        context.store.db().exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n");
    };
    endless.finish = outcomes.finisher(1);
    auto running = runner.submit(std::move(endless));

    std::atomic<bool> queuedRan{false};
    desk::TaskRunner::Task queued;
    queued.work = [&](desk::TaskContext&) { queuedRan = true; };
    queued.finish = outcomes.finisher(2);
    auto waiting = runner.submit(std::move(queued));
    waiting.cancel();  // cancelled while the only worker is busy

    while (!started) {
        std::this_thread::sleep_for(1ms);
    }
    const auto before = std::chrono::steady_clock::now();
    running.cancel();
    REQUIRE(outcomes.waitFor(2));
    CHECK(std::chrono::steady_clock::now() - before < 5s);
    CHECK(outcomes.of(1) == desk::TaskOutcome::Cancelled);
    CHECK(outcomes.of(2) == desk::TaskOutcome::Cancelled);
    CHECK_FALSE(queuedRan);
    CHECK(running.cancelled());

    // The worker's connection serves the next task as if nothing happened.
    std::int64_t one = 0;
    desk::TaskRunner::Task next;
    next.work = [&](desk::TaskContext& context) { one = context.store.db().execAndGet("SELECT 1").getInt64(); };
    next.finish = outcomes.finisher(3);
    runner.submit(std::move(next));
    REQUIRE(outcomes.waitFor(3));
    CHECK(outcomes.of(3) == desk::TaskOutcome::Done);
    CHECK(one == 1);
}

TEST_CASE("A failing task reports why, destroying the runner cancels what is queued", "[desk][tasks]") {
    test::TempDir dir;
    const auto db = dir / "fail.sqlite";
    { model::Store create(db); }
    Outcomes outcomes;
    std::atomic<bool> release{false};
    {
        desk::TaskRunner runner(db, 1);
        desk::TaskRunner::Task failing;
        failing.work = [](desk::TaskContext& context) { context.store.db().exec("SELECT * FROM no_such_table"); };
        failing.finish = outcomes.finisher(1);
        runner.submit(std::move(failing));
        REQUIRE(outcomes.waitFor(1));
        CHECK(outcomes.of(1) == desk::TaskOutcome::Failed);
        CHECK(outcomes.errors[0].find("no_such_table") != std::string::npos);

        desk::TaskRunner::Task blocking;
        blocking.work = [&](desk::TaskContext& context) {
            while (!release && !context.stop.stop_requested()) {
                std::this_thread::sleep_for(1ms);
            }
        };
        blocking.finish = outcomes.finisher(2);
        runner.submit(std::move(blocking));
        desk::TaskRunner::Task never;
        never.work = [](desk::TaskContext&) { FAIL("a task queued at shutdown ran"); };
        never.finish = outcomes.finisher(3);
        runner.submit(std::move(never));
        // The failed task's worker counts it as running until just after its finish was told.
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (runner.pending() > 2 && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(1ms);
        }
        CHECK(runner.pending() == 2);
    }  // the runner stops the running task and drops the queued one
    REQUIRE(outcomes.waitFor(3));
    CHECK(outcomes.of(2) == desk::TaskOutcome::Cancelled);
    CHECK(outcomes.of(3) == desk::TaskOutcome::Cancelled);
}

TEST_CASE("The desk remembers the event shown last, if it still exists", "[desk][preferences]") {
    test::TempDir dir;
    model::Store store(dir / "prefs.sqlite");
    CHECK_FALSE(desk::lastEvent(store));
    model::Event e;
    {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        e.organizerId = events.upsertOrganizer("org", "Organizer");
        e.slug = "ev";
        events.upsertEvent(e);
        tx.commit();
    }
    desk::rememberEvent(store, e.id);
    CHECK(desk::lastEvent(store) == e.id);
    desk::rememberEvent(store, e.id + 1000);  // an event that is not (or no longer) there
    CHECK_FALSE(desk::lastEvent(store));
}

TEST_CASE("An urgent task starts at once while background work keeps every other worker", "[desk][tasks]") {
    test::TempDir dir;
    const auto db = dir / "urgent.sqlite";
    { model::Store create(db); }
    desk::TaskRunner runner(db, 2);
    Outcomes outcomes;
    std::mutex gate;
    std::unique_lock hold(gate);  // the background tasks wait here until the end
    for (int i = 0; i < 4; ++i) {
        desk::TaskRunner::Task slow;
        slow.work = [&](desk::TaskContext&) { std::lock_guard wait(gate); };
        slow.finish = outcomes.finisher(10 + i);
        runner.submit(std::move(slow));
    }
    desk::TaskRunner::Task urgent;
    urgent.urgent = true;
    urgent.work = [](desk::TaskContext& context) { context.store.db().exec("SELECT 1"); };
    urgent.finish = outcomes.finisher(1);
    runner.submit(std::move(urgent));
    REQUIRE(outcomes.waitFor(1));
    CHECK(outcomes.of(1) == desk::TaskOutcome::Done);
    {
        std::lock_guard lock(outcomes.mutex);
        CHECK(outcomes.seen.size() == 1);  // no background task has finished: they all wait
    }
    hold.unlock();
    REQUIRE(outcomes.waitFor(5));
}

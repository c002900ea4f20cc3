// Batch rendering on a worker: progress, completion, cancellation.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "RenderFixture.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/RenderJobs.h"
#include "boxoffice/render/TicketLoader.h"

using namespace boxoffice;
using namespace boxoffice::test;

namespace {

std::vector<render::TicketJob> makeJobs(RenderFixture& f, int count) {
    f.addLayout(readFile(assetsDir() / "pretix" / "default-layout.json"),
                readBytes(assetsDir() / "pretix" / "ticket_default_a4.from-svg.pdf"));
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) {
        names.push_back(fmt::format("Guest {}", i));
    }
    f.addOrder("BATCH", names);
    render::TicketLoader loader(*f.store);
    auto jobs = loader.jobs(f.eventId, loader.orderPositions(f.eventId, "BATCH").value());
    REQUIRE(jobs.ok());
    return jobs.value();
}

}  // namespace

TEST_CASE("a batch renders on a worker and reports progress", "[render][batch]") {
    RenderFixture f;
    auto jobs = makeJobs(f, 12);
    std::mutex mutex;
    std::vector<render::RenderProgress> seen;
    render::BatchRenderer batch(jobs, f.dir / "batch.pdf", [&](const render::RenderProgress& p) {
        std::lock_guard lock(mutex);
        seen.push_back(p);
    });
    CHECK(batch.state() == render::BatchRenderer::State::Idle);
    batch.start();
    REQUIRE(batch.wait() == render::BatchRenderer::State::Done);
    CHECK(batch.summary().tickets == 12);
    CHECK(batch.summary().pages == 12);
    REQUIRE(seen.size() == 13);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        CHECK(seen[i].done == i);
        CHECK(seen[i].total == 12);
    }
    CHECK(std::filesystem::exists(f.dir / "batch.pdf"));
    CHECK_FALSE(std::filesystem::exists(f.dir / "batch.pdf.part"));
    auto info = run({"/usr/bin/pdfinfo", (f.dir / "batch.pdf").string()});
    CHECK(info.out.find("Pages:           12") != std::string::npos);
}

TEST_CASE("cancelling a batch stops it and leaves no file", "[render][batch]") {
    RenderFixture f;
    auto jobs = makeJobs(f, 40);
    std::atomic<std::size_t> last{0};
    render::BatchRenderer* self = nullptr;
    render::BatchRenderer batch(jobs, f.dir / "cancel.pdf", [&](const render::RenderProgress& p) {
        last = p.done;
        if (p.done == 3) {
            self->cancel();
        }
    });
    self = &batch;
    batch.start();
    CHECK(batch.wait() == render::BatchRenderer::State::Cancelled);
    CHECK(last.load() == 3);
    CHECK(batch.errorMessage() == "The rendering was cancelled.");
    CHECK_FALSE(std::filesystem::exists(f.dir / "cancel.pdf"));
    CHECK_FALSE(std::filesystem::exists(f.dir / "cancel.pdf.part"));
}

TEST_CASE("a failing batch reports why", "[render][batch]") {
    RenderFixture f;
    auto jobs = makeJobs(f, 2);
    auto broken = std::make_shared<render::RenderTemplate>(*jobs[0].design);
    broken->backgroundPdf = {'%', 'P', 'D', 'F', '-', '1', '.', '4', 'x'};
    jobs[1].design = broken;
    render::BatchRenderer batch(jobs, f.dir / "fail.pdf");
    batch.start();
    CHECK(batch.wait() == render::BatchRenderer::State::Failed);
    CHECK(batch.errorMessage().rfind("The background PDF cannot be read", 0) == 0);
    CHECK_FALSE(std::filesystem::exists(f.dir / "fail.pdf"));
}

TEST_CASE("destroying a running batch stops and joins the worker", "[render][batch]") {
    RenderFixture f;
    auto jobs = makeJobs(f, 30);
    std::atomic<std::size_t> last{0};
    std::atomic<bool> started{false};
    {
        render::BatchRenderer batch(jobs, f.dir / "dropped.pdf", [&](const render::RenderProgress& p) {
            last = p.done;
            if (p.done == 1) {
                // Holds the worker after its first ticket long enough for the destructor to ask
                // it to stop: a batch that ignored the request would go on to render all 30.
                started = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
            }
        });
        batch.start();
        while (!started) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    // Joined: the worker reports nothing more once the batch is gone.
    const std::size_t atDestruction = last.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(last.load() == atDestruction);
    CHECK(atDestruction < 30);
    CHECK_FALSE(std::filesystem::exists(f.dir / "dropped.pdf"));
    CHECK_FALSE(std::filesystem::exists(f.dir / "dropped.pdf.part"));
}

TEST_CASE("render jobs refuse to start past their limits, in all and per tag", "[render][batch]") {
    RenderFixture f;
    // Enough tickets that every job is still running while the next is asked for.
    auto jobs = makeJobs(f, 400);
    // Each call gets its own copy, made before the first job starts: copying 400 jobs took about
    // 0.4 s on a slow machine, long enough for the first job to end before the last call.
    std::vector<std::vector<render::TicketJob>> copies(5, jobs);
    const auto dir = f.dir / "jobs";
    render::RenderJobs renders;
    const render::RenderJobs::Limits limits{2, 1};
    const auto a = renders.tryStart(dir, std::move(copies[0]), limits, {}, "event:1");
    REQUIRE(a);
    CHECK_FALSE(renders.tryStart(dir, std::move(copies[1]), limits, {}, "event:1"));  // one per tag
    const auto b = renders.tryStart(dir, std::move(copies[2]), limits, {}, "event:2");
    REQUIRE(b);
    CHECK_FALSE(renders.tryStart(dir, std::move(copies[3]), limits, {}, "event:3"));  // two in all
    // A job already running under the same ID is no new job: never refused.
    CHECK(renders.tryStart(dir, {}, limits, *a, "event:1") == a);
    CHECK(renders.status(dir, *a)->kind == render::RenderJobs::Status::Kind::Running);
    // Without limits it starts whatever runs.
    CHECK_FALSE(renders.start(dir, std::move(copies[4]), {}, "event:1").empty());
}  // destroying the jobs stops and joins them

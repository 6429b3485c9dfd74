// The worker pool: every index once, results by index, and a loop that a
// thread outside the pool can join (the background writer's, see
// build/background_staging.h).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "base/parallel.h"

TEST_CASE("WorkerPool::for_each_index calls every index once, whatever the thread count") {
    for (unsigned jobs : {1u, 2u, 5u}) {
        const portal::WorkerPool pool(jobs);
        std::vector<std::atomic<int>> calls(1000);
        pool.for_each_index(calls.size(), [&](std::size_t i) { ++calls[i]; });
        for (std::size_t i = 0; i < calls.size(); ++i) REQUIRE_MESSAGE(calls[i] == 1, "index " << i << ", jobs " << jobs);
    }
}

TEST_CASE("WorkerPool::help joins the running loop of a one-thread pool, each index still done once") {
    const portal::WorkerPool pool(1);
    CHECK_FALSE(pool.help());  // no loop running: nothing to join
    constexpr std::size_t items = 200;
    std::vector<std::atomic<int>> calls(items);
    std::vector<std::thread::id> by(items);
    std::atomic<bool> started{false};
    auto loop = std::async(std::launch::async, [&] {
        pool.for_each_index(items, [&](std::size_t i) {
            started = true;
            ++calls[i];
            by[i] = std::this_thread::get_id();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
    });
    while (!started) std::this_thread::yield();
    const bool helped = pool.help();
    loop.get();
    CHECK(helped);
    std::size_t done_here = 0;
    for (std::size_t i = 0; i < items; ++i) {
        REQUIRE_MESSAGE(calls[i] == 1, "index " << i);
        done_here += by[i] == std::this_thread::get_id();
    }
    // The pool's own thread and this one shared the items.
    CHECK(done_here > 0);
    CHECK(done_here < items);
    CHECK_FALSE(pool.help());  // the loop is over
}

TEST_CASE("WorkerPool runs a loop nested in a work item and loops of two threads at once") {
    const portal::WorkerPool pool(2);
    constexpr std::size_t outer = 20, inner = 30;
    std::vector<std::atomic<int>> calls(outer * inner);
    auto nested = [&] {
        pool.for_each_index(outer, [&](std::size_t i) {
            pool.for_each_index(inner, [&](std::size_t j) { ++calls[i * inner + j]; });
        });
    };
    std::vector<std::atomic<int>> other(500);
    auto second = std::async(std::launch::async, [&] {
        for (int round = 0; round < 20; ++round) pool.for_each_index(other.size() / 20, [&](std::size_t i) {
            ++other[round * (other.size() / 20) + i];
        });
    });
    nested();
    second.get();
    for (std::size_t i = 0; i < calls.size(); ++i) REQUIRE_MESSAGE(calls[i] == 1, "nested index " << i);
    for (std::size_t i = 0; i < other.size(); ++i) REQUIRE_MESSAGE(other[i] == 1, "other thread's index " << i);
}

TEST_CASE("WorkerPool: in a loop that waits on the disk, an item waiting does not hold up the next one") {
    // One job, two items: the first waits (as a file creation waits on the
    // disk) until the second has started. On one thread that would take the
    // whole timeout; a loop marked on_disk runs two threads per job.
    portal::WorkerPool pool(1);
    std::atomic<bool> second_started{false};
    std::atomic<bool> first_saw_second{false};
    pool.for_each_index(2, [&](std::size_t i) {
        if (i == 1) {
            second_started = true;
            return;
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!second_started && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        first_saw_second = second_started.load();
    }, portal::WorkerPool::Waits::on_disk);
    CHECK(first_saw_second);
}

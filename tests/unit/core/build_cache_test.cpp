#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <algorithm>
#include <set>

#include "base/parallel.h"
#include "build/build_cache.h"
#include "build/template_references.h"
#include "build/value_hash.h"
#include "fs/incremental_publish.h"
#include "fs/tree_manifest.h"

namespace stdfs = std::filesystem;
using portal::tmpl::Value;

namespace {
stdfs::path fresh_dir(const char* name) {
    auto dir = stdfs::temp_directory_path() / (std::string("portal-unit-") + name + "-" + std::to_string(::getpid()));
    stdfs::remove_all(dir);
    stdfs::create_directories(dir);
    return dir;
}
// Link-record tests: page i's output path, and a build in which pages [0, n) are all unchanged.
std::string page_path(std::size_t i) { return "p" + std::to_string(i) + "/index.html"; }

std::vector<portal::build::RenderedFile> unchanged_pages(std::size_t n) {
    std::vector<portal::build::RenderedFile> files;
    for (std::size_t i = 0; i < n; ++i) files.push_back({page_path(i), "", "", "", 0, true});
    return files;
}

std::string slurp(const stdfs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("build::TemplateReferences finds the variables a template and what it loads can read") {
    portal::build::TemplateReferences refs({
        {"base.html", "<title>{{ page.title }} | {{ site.title }}</title>{% include \"partials/nav.html\" %}"},
        {"partials/nav.html", "{% for p in section.pages %}{{ p.url }}{% endfor %}"},
        {"page.html", "{% extends \"base.html\" %}{% block x %}{{ page.section }}{% endblock %}"},
        {"plain.html", "{{ page.title }} section in text is not a variable"},
        {"dynamic.html", "{% include page.template %}"},
    });
    CHECK(refs.may_read("page.html", "section"));           // through base.html → partials/nav.html
    CHECK(refs.may_read("page.html", "site"));
    CHECK_FALSE(refs.may_read("plain.html", "section"));    // only text, and `page.section` is an attribute
    CHECK_FALSE(refs.may_read("plain.html", "paginator"));
    CHECK(refs.may_read("dynamic.html", "section"));        // a computed name can load any template
    CHECK(refs.text_hash("page.html") != refs.text_hash("plain.html"));
    CHECK_FALSE(refs.any_reads("build_time"));
}

TEST_CASE("build::ValueHasher tells values apart and reuses remembered blocks") {
    portal::build::ValueHasher hasher;
    const Value a = Value::map({{"title", Value::string("A")}, {"n", Value::integer(1)}});
    const Value b = Value::map({{"title", Value::string("A")}, {"n", Value::integer(2)}});
    const Value a_again = Value::map({{"title", Value::string("A")}, {"n", Value::integer(1)}});
    CHECK(hasher.hash(a) == hasher.hash(a_again));
    CHECK(hasher.hash(a) != hasher.hash(b));
    CHECK(hasher.hash(Value::string("<b>")) != hasher.hash(Value::safe("<b>")));  // escaping differs
    CHECK(hasher.hash(Value::list({a})) != hasher.hash(Value::list({b})));
    const auto h = hasher.remember(a);
    CHECK(hasher.hash(Value::list({a})) == hasher.hash(Value::list({a_again})));
    CHECK(h == hasher.hash(a));
}

TEST_CASE("build::ValueHasher tells apart big maps and lists that differ in one entry anywhere") {
    // Hundreds of entries: the digest hashes its pieces block by block, and an
    // entry in any block, the first, a middle one or the last, counts.
    portal::build::ValueHasher hasher;
    auto big_map = [](std::size_t changed, const char* key_suffix) {
        portal::tmpl::MapBuilder map;
        for (std::size_t i = 0; i < 300; ++i)
            map.set("key" + std::to_string(i) + (i == changed ? key_suffix : ""),
                    Value::integer(static_cast<long long>(i == changed && !*key_suffix ? 1000 + i : i)));
        return map.build();
    };
    const std::size_t none = 1000;
    const auto base = hasher.hash(big_map(none, ""));
    CHECK(base == hasher.hash(big_map(none, "")));
    std::set<std::uint64_t> seen{base};
    for (std::size_t changed : {0u, 1u, 17u, 150u, 298u, 299u}) {
        CHECK(seen.insert(hasher.hash(big_map(changed, ""))).second);   // a value
        CHECK(seen.insert(hasher.hash(big_map(changed, "x"))).second);  // a key
    }
    std::vector<Value> items;
    for (int i = 0; i < 200; ++i) items.push_back(Value::integer(i));
    const auto list = hasher.hash(Value::list(items));
    items.back() = Value::integer(-1);
    CHECK(hasher.hash(Value::list(items)) != list);
    items.pop_back();
    CHECK(hasher.hash(Value::list(items)) != list);  // one item fewer
}

TEST_CASE("build::TemplateReferences tells a name read through attributes from one read whole") {
    portal::build::TemplateReferences refs({
        {"list.html", "{{ section.content }} {{ section . title|upper }}{% for p in paginator.pages %}{{ p.url }}{% endfor %}"},
        {"loop.html", "{% for p in section.pages %}{{ p }}{% endfor %}{{ section }}"},
        {"macro.html", "{{ card(page) }}{{ page.title }}"},
        {"method.html", "{% for k, v in page.items() %}{{ k }}{% endfor %}{{ site.get('title') }}{{ term.keys }}"},
        {"subscript.html", "{{ page['title'] }}"},
        {"both.html", "{% include \"list.html\" %}{% include \"loop.html\" %}"},
    });
    const auto list = refs.use_of("list.html", "section");
    CHECK(list.read);
    CHECK_FALSE(list.whole);
    CHECK(list.attributes == std::set<std::string>{"content", "title"});
    CHECK_FALSE(refs.use_of("list.html", "page").read);
    CHECK(refs.use_of("loop.html", "section").whole);           // printed bare
    CHECK(refs.use_of("macro.html", "page").whole);             // passed to a macro
    CHECK(refs.use_of("method.html", "page").whole);            // page.items(): every entry
    CHECK(refs.use_of("method.html", "site").whole);            // site.get(...)
    CHECK(refs.use_of("method.html", "term").whole);            // a dict method named, even uncalled
    CHECK(refs.use_of("subscript.html", "page").whole);
    CHECK(refs.use_of("both.html", "section").whole);           // whole in one loaded template: whole
    CHECK(refs.use_of("unknown.html", "page").whole);
}

TEST_CASE("build::ValueHasher hashes one entry of a map alone, remembered or not") {
    portal::build::ValueHasher hasher;
    const Value big = Value::list({Value::string("p1"), Value::string("p2")});
    const Value section = Value::map({{"title", Value::string("Cases")}, {"pages", big}});
    const Value edited = Value::map({{"title", Value::string("Cases")}, {"pages", Value::list({Value::string("p1")})}});
    const auto fresh = hasher.hash_attribute(section, "title");
    CHECK(fresh == hasher.hash_attribute(edited, "title"));        // its pages changed, its title did not
    CHECK(hasher.hash_attribute(section, "pages") != hasher.hash_attribute(edited, "pages"));
    CHECK(hasher.hash(section) != hasher.hash(edited));
    CHECK(hasher.hash_attribute(section, "missing") == 0);
    auto hashes = hasher.hash_map(section);
    CHECK(hashes.whole == hasher.hash(section));
    hasher.remember(section, std::move(hashes));
    CHECK(hasher.hash_attribute(section, "title") == fresh);       // looked up, same answer
    CHECK(hasher.hash_attribute(section, "pages") == hasher.hash(big));
}

TEST_CASE("fs::publish_incremental writes only changed files and swaps trees") {
    auto dir = fresh_dir("incremental");
    const auto out = dir / "site";
    portal::fs::ManifestStore manifests(dir / "cache");
    portal::WorkerPool pool(2);
    auto file = [](std::string path, std::string_view data, std::uint64_t content) {
        portal::fs::PublishedFile f;
        f.path = std::move(path);
        f.data = data;
        f.entry.content = content;
        return f;
    };
    REQUIRE(portal::fs::publish_incremental(out, manifests, {file("a.html", "A1", 1), file("d/b.html", "B1", 2)}, pool));
    CHECK(slurp(out / "a.html") == "A1");
    REQUIRE(manifests.load(out));
    CHECK(manifests.load(out)->at("d/b.html").content == 2);

    SUBCASE("second build: the spare is new, the first tree becomes the spare") {
        auto stats = portal::fs::publish_incremental(out, manifests, {file("a.html", "A2", 3)}, pool);
        REQUIRE(stats);
        CHECK_FALSE(stats->reused_spare);
        CHECK(slurp(out / "a.html") == "A2");
        CHECK_FALSE(stdfs::exists(out / "d"));
        CHECK(slurp(portal::fs::spare_tree_path(out) / "a.html") == "A1");

        // Third: the spare (first tree) is updated: a.html differs, b.html is deleted with its folder.
        stats = portal::fs::publish_incremental(out, manifests, {file("a.html", "A2", 3), file("c.html", "C", 4)}, pool);
        REQUIRE(stats);
        CHECK(stats->reused_spare);
        CHECK(stats->written == 2);
        CHECK(stats->removed == 1);
        CHECK_FALSE(stdfs::exists(out / "d"));
        CHECK(slurp(out / "c.html") == "C");
        CHECK(stdfs::exists(out / ".portal-output"));
    }
    SUBCASE("a spare updated but not swapped in (a build whose check failed) leaves the live tree as it was") {
        REQUIRE(portal::fs::publish_incremental(out, manifests, {file("a.html", "A2", 3)}, pool));
        auto updated = portal::fs::update_spare(out, manifests, {file("a.html", "BROKEN", 9)}, pool);
        REQUIRE(updated);
        CHECK(slurp(out / "a.html") == "A2");
        CHECK(manifests.load(out)->at("a.html").content == 3);
        // The next build updates that spare again, knowing what it holds: only what differs is written.
        auto stats = portal::fs::publish_incremental(out, manifests, {file("a.html", "BROKEN", 9), file("c.html", "C", 4)},
                                                     pool);
        REQUIRE(stats);
        CHECK(stats->reused_spare);
        CHECK(stats->written == 1);
        CHECK(slurp(out / "a.html") == "BROKEN");
        CHECK(slurp(out / "c.html") == "C");
    }
    SUBCASE("a spare without a manifest is rewritten whole") {
        REQUIRE(portal::fs::publish_incremental(out, manifests, {file("a.html", "A2", 3)}, pool));
        const auto spare = portal::fs::spare_tree_path(out);
        manifests.forget(spare);
        std::ofstream(spare / "a.html") << "garbage";
        auto stats = portal::fs::publish_incremental(out, manifests, {file("a.html", "A2", 3)}, pool);
        REQUIRE(stats);
        CHECK_FALSE(stats->reused_spare);
        CHECK(slurp(out / "a.html") == "A2");
    }
    SUBCASE("a folder in the way that portal did not make is refused") {
        stdfs::remove_all(out);
        stdfs::create_directories(out);
        std::ofstream(out / "precious.txt") << "mine";
        CHECK_FALSE(portal::fs::publish_incremental(out, manifests, {file("a.html", "A", 1)}, pool));
        CHECK(slurp(out / "precious.txt") == "mine");
    }
    stdfs::remove_all(dir);
}

TEST_CASE("build::BuildCache keeps every unchanged page's link record when another page of its shard changes") {
    using portal::build::BuildCache;
    using portal::build::RenderedFile;
    const auto dir = fresh_dir("link-records");
    const auto cache = dir / ".portal-cache";
    const auto out = dir / "site";
    const portal::WorkerPool pool(2);
    // 200 pages over the 64 record files: every file holds several.
    constexpr std::size_t pages = 200;
    auto record_of = [](std::size_t i) {
        portal::check::LinkRecord record;
        record.ids = {"top"};
        portal::check::TargetListWriter targets(1);
        const std::string next_page = "/p" + std::to_string((i + 1) % pages) + "/";
        targets.add({next_page, "top", true, false});
        record.targets = targets.finish();
        return record;
    };
    {  // First build: every page rendered and checked.
        BuildCache first(cache, out);
        std::vector<RenderedFile> files;
        std::vector<std::pair<std::size_t, portal::check::LinkRecord>> fresh;
        for (std::size_t i = 0; i < pages; ++i) {
            files.push_back({page_path(i), "<p id=top>page " + std::to_string(i) + "</p>", "", "", 0, false});
            fresh.emplace_back(i, record_of(i));
        }
        auto staged = first.stage(files, {}, first.live_entries(files), pool);
        REQUIRE(staged);
        REQUIRE(first.publish(std::move(*staged), files, std::move(fresh), "https://example.org/", pool));
    }
    for (std::size_t edited : {std::size_t{0}, std::size_t{7}}) {  // Then builds where one page changes.
        BuildCache next(cache, out);
        std::vector<RenderedFile> files = unchanged_pages(pages);
        files[edited] = {page_path(edited), "<p id=top>edited " + std::to_string(edited) + "</p>", "", "", 0, false};
        const auto known = next.known_links(files, "https://example.org/", next.live_entries(files), pool);
        for (std::size_t i = 0; i < pages; ++i)
            if (i != edited) CHECK_MESSAGE(known[i] != nullptr, "no record kept for " << page_path(i));
        std::vector<std::pair<std::size_t, portal::check::LinkRecord>> fresh;
        fresh.emplace_back(edited, record_of(edited));
        auto staged = next.stage(files, {}, next.live_entries(files), pool);
        REQUIRE(staged);
        REQUIRE(next.publish(std::move(*staged), files, std::move(fresh), "https://example.org/", pool));
    }
    BuildCache last(cache, out);
    const auto unchanged = unchanged_pages(pages);
    const auto known = last.known_links(unchanged, "https://example.org/", last.live_entries(unchanged), pool);
    CHECK(std::count(known.begin(), known.end(), nullptr) == 0);
    stdfs::remove_all(dir);
}

TEST_CASE("build::BuildCache saves the link records a publish left unsaved when asked (portal serve)") {
    using portal::build::BuildCache;
    using portal::build::RenderedFile;
    const auto dir = fresh_dir("link-records-later");
    const auto cache = dir / ".portal-cache";
    const auto out = dir / "site";
    const portal::WorkerPool pool(2);
    constexpr std::size_t pages = 20;
    auto records_a_new_process_finds = [&] {
        BuildCache reader(cache, out);
        const auto unchanged = unchanged_pages(pages);
        const auto known = reader.known_links(unchanged, "https://example.org/", reader.live_entries(unchanged), pool);
        return pages - static_cast<std::size_t>(std::count(known.begin(), known.end(), nullptr));
    };
    BuildCache serving(cache, out);
    std::vector<RenderedFile> files;
    std::vector<std::pair<std::size_t, portal::check::LinkRecord>> fresh;
    for (std::size_t i = 0; i < pages; ++i) {
        files.push_back({page_path(i), "<p id=top>page " + std::to_string(i) + "</p>", "", "", 0, false});
        portal::check::LinkRecord record;
        record.ids = {"top"};
        fresh.emplace_back(i, std::move(record));
    }
    auto staged = serving.stage(files, {}, serving.live_entries(files), pool);
    REQUIRE(staged);
    REQUIRE(serving.publish(std::move(*staged), files, std::move(fresh), "https://example.org/", pool,
                            /*save_links_now=*/false));
    CHECK(serving.has_unsaved_links());
    // In memory the records are there at once; on disk only once saved.
    const auto unchanged = unchanged_pages(pages);
    const auto in_memory = serving.known_links(unchanged, "https://example.org/", serving.live_entries(unchanged), pool);
    CHECK(std::count(in_memory.begin(), in_memory.end(), nullptr) == 0);
    serving.release_lock();
    CHECK(records_a_new_process_finds() == 0);
    REQUIRE(serving.reacquire_lock());
    serving.save_links(pool);
    serving.release_lock();
    CHECK_FALSE(serving.has_unsaved_links());
    CHECK(records_a_new_process_finds() == pages);
    stdfs::remove_all(dir);
}

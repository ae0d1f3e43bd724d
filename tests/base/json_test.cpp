// Tests for base/json: FlatMap keeps the order, lookups and duplicate rules of the
// std::map<std::string, …, std::less<>> it replaced, and thidua::Json built on it parses,
// dumps and converts as nlohmann::json did.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/json.hpp"

using thidua::FlatMap;
using thidua::Json;

namespace {

using Map = FlatMap<std::string, int>;

std::vector<std::string> keys_of(const Map& m) {
    std::vector<std::string> out;
    for (const auto& [k, v] : m) out.push_back(k);
    return out;
}

}  // namespace

TEST_CASE("FlatMap iterates in std::map's order, byte-wise, whatever the insertion order") {
    const std::vector<std::string> keys = {"b",  "a",   "",    "B",  "ab",    "a\x7f", "\xc3\xa9",
                                           "é1", "Z",   "aa",  "a b", "đơn_vị", "z",   "A",
                                           "1",  "10",  "2",   "_",  "\xff",  "a\tb"};
    std::vector<std::string> shuffled = keys;
    std::mt19937 rng(16);
    for (int round = 0; round < 20; ++round) {
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        Map flat;
        std::map<std::string, int, std::less<>> tree;
        int n = 0;
        for (const std::string& k : shuffled) {
            flat[k] = n;
            tree[k] = n;
            ++n;
        }
        REQUIRE(flat.size() == tree.size());
        auto t = tree.begin();
        for (const auto& [k, v] : flat) {
            CHECK(k == t->first);
            CHECK(v == t->second);
            ++t;
        }
    }
}

TEST_CASE("FlatMap: find, count, contains and at by string, string_view and const char*") {
    Map m;
    m["mot"] = 1;
    m["hai"] = 2;
    m["ba"] = 3;
    CHECK(m.find(std::string("hai"))->second == 2);
    CHECK(m.find(std::string_view("ba"))->second == 3);
    CHECK(m.find("mot")->second == 1);
    CHECK(m.find("bon") == m.end());
    CHECK(m.find("") == m.end());
    CHECK(m.find("ha") == m.end());   // a prefix of a key is another key
    CHECK(m.find("hai ") == m.end());
    CHECK(m.count("ba") == 1);
    CHECK(m.count(std::string_view("nam")) == 0);
    CHECK(m.contains("mot"));
    CHECK_FALSE(m.contains("Mot"));
    CHECK(m.at("hai") == 2);
    CHECK_THROWS_AS(m.at("sau"), std::out_of_range);
    const Map& c = m;
    CHECK(c.find("ba")->second == 3);
    CHECK(c.at(std::string("mot")) == 1);
    Map empty;
    CHECK(empty.find("x") == empty.end());
}

TEST_CASE("FlatMap: inserting a key already there keeps the first value, as std::map") {
    Map m;
    auto [it, inserted] = m.emplace("k", 1);
    CHECK(inserted);
    CHECK(it->second == 1);
    auto [again, inserted_again] = m.emplace(std::string("k"), 2);
    CHECK_FALSE(inserted_again);
    CHECK(again == it);
    CHECK(m.at("k") == 1);
    CHECK_FALSE(m.insert({"k", 3}).second);
    CHECK(m.at("k") == 1);
    CHECK(m.size() == 1);
    // operator[] gives the member there, or a value-initialised one.
    m["k"] += 10;
    CHECK(m.at("k") == 11);
    CHECK(m["moi"] == 0);
    CHECK(m.size() == 2);
    // A range with a repeated key: the first one stays (std::map's range constructor).
    std::vector<std::pair<std::string, int>> range = {{"y", 1}, {"x", 2}, {"y", 3}, {"w", 4}};
    Map from_range(range.begin(), range.end());
    CHECK(keys_of(from_range) == std::vector<std::string>{"w", "x", "y"});
    CHECK(from_range.at("y") == 1);
    CHECK(from_range.capacity() == 4);  // reserved once, no growth by doubling
}

TEST_CASE("FlatMap: erase by key, by iterator and by range keeps the rest in order") {
    Map m;
    for (const char* k : {"e", "c", "a", "d", "b", "f"}) m[k] = k[0];
    CHECK(m.erase("c") == 1);
    CHECK(m.erase("c") == 0);
    CHECK(m.erase(std::string_view("zz")) == 0);
    CHECK(keys_of(m) == std::vector<std::string>{"a", "b", "d", "e", "f"});
    auto next = m.erase(m.find("a"));
    CHECK(next->first == "b");
    next = m.erase(m.find("d"), m.find("f"));
    CHECK(next->first == "f");
    CHECK(keys_of(m) == std::vector<std::string>{"b", "f"});
    CHECK(m.at("f") == 'f');
    m["c"] = 1;  // inserted between the two left
    CHECK(keys_of(m) == std::vector<std::string>{"b", "c", "f"});
    m.clear();
    CHECK(m.empty());
}

TEST_CASE("Json: objects dump sorted by key, as nlohmann::json did") {
    const char* text = R"({"b":1,"a":[3,{"z":true,"y":null}],"\u00e9":"x","A":2.5,"":{}})";
    Json j = Json::parse(text);
    nlohmann::json tree = nlohmann::json::parse(text);
    CHECK(j.dump() == tree.dump());
    CHECK(j.dump(2) == tree.dump(2));
    // nlohmann's own parser keeps the last of a repeated key, as with std::map.
    CHECK(Json::parse(R"({"a":1,"a":2})").dump() == R"({"a":2})");
    // Lookups, insertion and erasure through basic_json.
    CHECK(j.contains("b"));
    CHECK(j.contains(std::string_view("A")));
    CHECK_FALSE(j.contains("c"));
    CHECK(j.value("b", 0) == 1);
    CHECK(j.at("/a/1/z"_json_pointer) == true);
    j["c"] = "moi";
    j.erase("b");
    CHECK(j.dump() == R"({"":{},"A":2.5,"a":[3,{"y":null,"z":true}],"c":"moi","é":"x"})");
    Json init = {{"q", 1}, {"p", 2}, {"q", 3}};
    CHECK(init.dump() == R"({"p":2,"q":1})");
    CHECK(Json::parse(text) == Json::parse(tree.dump()));
    CHECK(Json::parse(R"({"a":1})") < Json::parse(R"({"b":0})"));
}

TEST_CASE("Json converts to and from nlohmann::ordered_json and std::map") {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    o["z"] = 1;
    o["a"] = nlohmann::ordered_json::array({1, "hai"});
    o["m"] = {{"y", 1}, {"x", 2}};
    Json j = o;
    CHECK(j.dump() == R"({"a":[1,"hai"],"m":{"x":2,"y":1},"z":1})");
    nlohmann::ordered_json back = j;
    CHECK(back.dump() == R"({"a":[1,"hai"],"m":{"x":2,"y":1},"z":1})");
    auto m = Json::parse(R"({"b":2,"a":1})").get<std::map<std::string, int>>();
    CHECK(m == std::map<std::string, int>{{"a", 1}, {"b", 2}});
    Json from_map = std::map<std::string, int>{{"d", 4}, {"c", 3}};
    CHECK(from_map.dump() == R"({"c":3,"d":4})");
}

TEST_CASE("FlatMap: a member is an interned key and the value, 24 bytes in a Json object") {
    CHECK(sizeof(Json::object_t::value_type) == 24);
    const thidua::InternedKey a("khoa"), b(std::string("khoa")), c(std::string_view("khoa"));
    CHECK(&a.str() == &b.str());
    CHECK(&a.str() == &c.str());
    CHECK(a == b);
    CHECK(a == std::string_view("khoa"));
    CHECK_FALSE(a == std::string_view("khoa "));
    CHECK(a < thidua::InternedKey("khob"));
    // Keys of two parsed objects are the same pointers; the table holds each key once.
    const Json x = Json::parse(R"({"chung_1":1,"chung_2":{"chung_1":2}})");
    const auto before = thidua::InternedKey::table_size();
    const Json y = Json::parse(R"({"chung_2":3,"chung_1":4})");
    CHECK(thidua::InternedKey::table_size().keys == before.keys);
    const auto& xo = x.get_ref<const Json::object_t&>();
    const auto& yo = y.get_ref<const Json::object_t&>();
    CHECK(&xo.begin()->first.str() == &yo.begin()->first.str());
    CHECK(&x.begin().key() == &x["chung_2"].begin().key());
}

TEST_CASE("FlatMap: keys with NUL and UTF-8 bytes are their own keys, byte for byte") {
    Map m;
    const std::string nul_b("a\0b", 3), nul_c("a\0c", 3), nul("\0", 1);
    m[nul_c] = 3;
    m[nul_b] = 2;
    m["a"] = 1;
    m[nul] = 0;
    m["đơn_vị"] = 4;
    m["\xc3\xa9"] = 5;
    CHECK(keys_of(m) == std::vector<std::string>{nul, "a", nul_b, nul_c, "\xc3\xa9", "đơn_vị"});
    CHECK(m.at(std::string_view(nul_b)) == 2);
    CHECK(m.find(std::string_view("a\0", 2)) == m.end());
    CHECK(m.begin()->first.size() == 1);
    const Json j = Json::parse(R"({"a\u0000b":1,"a":2,"\u00e9":3})");
    CHECK(j.dump() == "{\"a\":2,\"a\\u0000b\":1,\"é\":3}");
    CHECK(j.at(nul_b) == 1);
    CHECK(Json::parse(j.dump()) == j);
}

TEST_CASE("Json: copies and moves of objects keep their members and keys") {
    Json a = Json::parse(R"({"b":[1,{"d":2}],"a":"x","c":{}})");
    Json copy = a;
    CHECK(copy == a);
    CHECK(&copy.begin().key() == &a.begin().key());
    copy["a"] = "y";
    copy.erase("c");
    CHECK(a.dump() == R"({"a":"x","b":[1,{"d":2}],"c":{}})");
    CHECK(copy.dump() == R"({"a":"y","b":[1,{"d":2}]})");
    Json moved = std::move(copy);
    CHECK(moved.dump() == R"({"a":"y","b":[1,{"d":2}]})");
    Json::object_t o = a.get_ref<const Json::object_t&>();
    Json::object_t o2 = std::move(o);
    CHECK(o2.size() == 3);
    CHECK(o2.begin()->first == std::string_view("a"));
    o2 = a.get_ref<const Json::object_t&>();
    CHECK(Json(o2) == a);
    CHECK(a < Json::parse(R"({"a":"x","b":[1,{"d":3}]})"));
}

TEST_CASE("InternedKey: keys made on two threads at once are the same pointers") {
    constexpr int n = 3000;  // more than a thread's cache of recent keys
    auto name = [](int i) { return "khoa-luong-" + std::to_string(i * 7919 % n); };
    std::vector<const std::string*> first(n), second(n);
    std::atomic<int> ready{0};
    auto work = [&](std::vector<const std::string*>& out, bool reverse) {
        ready.fetch_add(1);
        while (ready.load() < 2) {
        }
        for (int k = 0; k < n; ++k) {
            const int i = reverse ? n - 1 - k : k;
            out[static_cast<std::size_t>(i)] = &thidua::InternedKey(name(i)).str();
        }
    };
    std::thread t1(work, std::ref(first), false);
    std::thread t2(work, std::ref(second), true);
    t1.join();
    t2.join();
    for (int i = 0; i < n; ++i) {
        const auto idx = static_cast<std::size_t>(i);
        REQUIRE(first[idx] == second[idx]);
        REQUIRE(*first[idx] == name(i));
        REQUIRE(&thidua::InternedKey(name(i)).str() == first[idx]);
    }
}

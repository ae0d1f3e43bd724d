// Stage: base. The project's one JSON type `thidua::Json`: nlohmann's basic_json whose objects are
// a FlatMap (members in one vector sorted by key, std::less<> order as std::map: iteration and dump
// unchanged), 24 bytes a member: an InternedKey (8) and the value (16). Keys are kept once per
// process in a thread-safe table (json.cpp) that never shrinks: it holds each different key ever
// made (schema keys: 212, <16 KiB, for a batch of 6). Json::flatten does not compile (unused). In:
// nothing; out: the types. nlohmann's header is included here only (tests/wall); ordered_json stays.
#pragma once

#include <algorithm>
#include <compare>
#include <concepts>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace thidua {

/// A key of a FlatMap member: a pointer to the one copy of its text that the process keeps
/// (see the header comment), 8 bytes instead of a std::string's 32. It converts to
/// `const std::string&` and std::string_view where nlohmann or a caller needs the text, and
/// compares as that text does (two keys of the same text are the same pointer).
class InternedKey {
public:
    /// Explicit: a key is made (and kept for the process) only where a member is made.
    explicit InternedKey(std::string_view text) : text_(intern(text)) {}
    explicit InternedKey(const std::string& text) : text_(intern(text)) {}
    explicit InternedKey(const char* text) : text_(intern(text)) {}

    const std::string& str() const noexcept { return *text_; }
    operator const std::string&() const noexcept { return *text_; }
    operator std::string_view() const noexcept { return *text_; }
    std::size_t size() const noexcept { return text_->size(); }
    bool empty() const noexcept { return text_->empty(); }
    const char* data() const noexcept { return text_->data(); }
    const char* c_str() const noexcept { return text_->c_str(); }

    friend bool operator==(const InternedKey& a, const InternedKey& b) noexcept {
        return a.text_ == b.text_;
    }
    friend bool operator==(const InternedKey& a, std::string_view b) noexcept {
        return std::string_view(*a.text_) == b;
    }
    friend std::strong_ordering operator<=>(const InternedKey& a, const InternedKey& b) noexcept {
        if (a.text_ == b.text_) return std::strong_ordering::equal;
        return std::string_view(*a.text_) <=> std::string_view(*b.text_);
    }
    friend std::strong_ordering operator<=>(const InternedKey& a, std::string_view b) noexcept {
        return std::string_view(*a.text_) <=> b;
    }

    /// How many different keys the process keeps, and the bytes of their text.
    struct TableSize {
        std::size_t keys = 0;
        std::size_t text_bytes = 0;
    };
    static TableSize table_size();

private:
    /// The kept copy of `text`, added on its first use. Thread-safe.
    static const std::string* intern(std::string_view text);

    const std::string* text_;
};

/// A member of a FlatMap: the key (`first`) and the value (`second`), as the std::pair of a
/// std::map, for nlohmann's code that reads `it->first` and `it->second`.
template <class T>
struct FlatMapMember {
    InternedKey first;
    T second;

    /// (key, value) converts, as a std::pair does; a key alone or with several arguments of
    /// the value is explicit (a std::string must not turn into a member where nlohmann
    /// overloads push_back on a value and a member).
    template <class K, class... Args>
        requires std::constructible_from<InternedKey, K&&> && std::constructible_from<T, Args&&...>
    explicit(sizeof...(Args) != 1) FlatMapMember(K&& key, Args&&... args)
        : first(std::forward<K>(key)), second(std::forward<Args>(args)...) {}
    FlatMapMember(const FlatMapMember&) = default;
    FlatMapMember(FlatMapMember&&) noexcept(std::is_nothrow_move_constructible_v<T>) = default;
    FlatMapMember& operator=(const FlatMapMember&) = default;
    FlatMapMember& operator=(FlatMapMember&&) noexcept(std::is_nothrow_move_assignable_v<T>) =
        default;

    /// A std::pair of the member, for containers of pairs made from a FlatMap's range
    /// (nlohmann::ordered_json from a Json object).
    template <class A, class B>
        requires std::constructible_from<A, const std::string&> &&
                 std::constructible_from<B, const T&>
    operator std::pair<A, B>() const {
        return std::pair<A, B>(first.str(), second);
    }

    friend bool operator==(const FlatMapMember& a, const FlatMapMember& b) {
        return a.first == b.first && a.second == b.second;
    }
    friend auto operator<=>(const FlatMapMember& a, const FlatMapMember& b)
        -> std::common_comparison_category_t<std::strong_ordering,
                                             std::compare_three_way_result_t<T>> {
        if (auto c = a.first <=> b.first; c != 0) return c;
        return a.second <=> b.second;
    }
};

/// A map kept as one vector of (key, value) pairs sorted by key, in the order
/// std::map<Key, T, std::less<>> keeps (byte-wise, as std::string::compare). Lookups are
/// binary searches; an insertion moves the members after it (appending a key that sorts
/// last moves nothing). A key is in the map at most once: inserting a key already there
/// leaves the member as it was and returns it, as std::map does. Keys are not const in the
/// iterators (so that the vector can move its members); changing one breaks the map.
/// The third and fourth parameters are those nlohmann::basic_json passes to its ObjectType
/// (the comparator and allocator of a std::map); the order is always std::less<>.
template <class Key, class T, class IgnoredLess = std::less<>,
          class IgnoredAllocator = std::allocator<std::pair<const Key, T>>>
class FlatMap {
    static_assert(std::is_same_v<Key, std::string>, "FlatMap's keys are interned std::strings");

public:
    using key_type = Key;
    using mapped_type = T;
    using value_type = FlatMapMember<T>;
    using key_compare = std::less<>;
    using container_type = std::vector<value_type>;
    using iterator = typename container_type::iterator;
    using const_iterator = typename container_type::const_iterator;
    using size_type = typename container_type::size_type;
    using difference_type = typename container_type::difference_type;
    using reference = value_type&;
    using const_reference = const value_type&;

    FlatMap() = default;
    /// The members of [first, last); of a key given more than once, the first one stays.
    template <class It>
    FlatMap(It first, It last) {
        if constexpr (std::is_base_of_v<std::forward_iterator_tag,
                                        typename std::iterator_traits<It>::iterator_category>) {
            items_.reserve(static_cast<size_type>(std::distance(first, last)));
        }
        insert(first, last);
    }
    FlatMap(std::initializer_list<value_type> init) : FlatMap(init.begin(), init.end()) {}

    iterator begin() noexcept { return items_.begin(); }
    iterator end() noexcept { return items_.end(); }
    const_iterator begin() const noexcept { return items_.begin(); }
    const_iterator end() const noexcept { return items_.end(); }
    const_iterator cbegin() const noexcept { return items_.cbegin(); }
    const_iterator cend() const noexcept { return items_.cend(); }

    bool empty() const noexcept { return items_.empty(); }
    size_type size() const noexcept { return items_.size(); }
    size_type max_size() const noexcept { return items_.max_size(); }
    size_type capacity() const noexcept { return items_.capacity(); }
    void reserve(size_type n) { items_.reserve(n); }
    void shrink_to_fit() { items_.shrink_to_fit(); }
    void clear() noexcept { items_.clear(); }
    void swap(FlatMap& other) noexcept { items_.swap(other.items_); }

    // Lookups: any key that converts to std::string_view (std::string, std::string_view,
    // const char*), compared as std::string::compare does.
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    iterator find(const K& key) {
        iterator it = lower_bound(key);
        return it != end() && std::string_view(it->first) == std::string_view(key) ? it : end();
    }
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    const_iterator find(const K& key) const {
        const_iterator it = lower_bound(key);
        return it != end() && std::string_view(it->first) == std::string_view(key) ? it : end();
    }
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    size_type count(const K& key) const {
        return find(key) == end() ? 0 : 1;
    }
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    bool contains(const K& key) const {
        return find(key) != end();
    }
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    T& at(const K& key) {
        iterator it = find(key);
        if (it == end()) throw std::out_of_range("FlatMap::at: key not found");
        return it->second;
    }
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    const T& at(const K& key) const {
        const_iterator it = find(key);
        if (it == end()) throw std::out_of_range("FlatMap::at: key not found");
        return it->second;
    }
    /// The first member whose key is not less than `key`.
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    iterator lower_bound(const K& key) {
        return begin() + (find_place(std::string_view(key)) - items_.data());
    }
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    const_iterator lower_bound(const K& key) const {
        return begin() + (find_place(std::string_view(key)) - items_.data());
    }

    /// Inserts (key, T(args...)) unless the key is there; returns the member and whether
    /// it was inserted. T is made only when inserted.
    template <class K, class... Args>
        requires std::convertible_to<const K&, std::string_view>
    std::pair<iterator, bool> emplace(K&& key, Args&&... args) {
        const std::string_view k(key);
        // Appending a key that sorts after the last: the usual case of a sorted source.
        if (items_.empty() || std::string_view(items_.back().first) < k) {
            items_.emplace_back(std::forward<K>(key), std::forward<Args>(args)...);
            return {std::prev(end()), true};
        }
        iterator it = lower_bound(k);
        if (std::string_view(it->first) == k) return {it, false};
        it = items_.emplace(it, std::forward<K>(key), std::forward<Args>(args)...);
        return {it, true};
    }
    template <class K, class... Args>
        requires std::convertible_to<const K&, std::string_view>
    std::pair<iterator, bool> try_emplace(K&& key, Args&&... args) {
        return emplace(std::forward<K>(key), std::forward<Args>(args)...);
    }
    std::pair<iterator, bool> insert(const value_type& v) { return emplace(v.first, v.second); }
    std::pair<iterator, bool> insert(value_type&& v) {
        return emplace(std::move(v.first), std::move(v.second));
    }
    /// Inserts each member of [first, last) whose key is not there yet.
    template <class It>
    void insert(It first, It last) {
        for (; first != last; ++first) emplace((*first).first, (*first).second);
    }

    /// The member of `key`, inserted with a value-initialised T when missing.
    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    T& operator[](K&& key) {
        return emplace(std::forward<K>(key)).first->second;
    }

    template <class K>
        requires std::convertible_to<const K&, std::string_view>
    size_type erase(const K& key) {
        iterator it = find(key);
        if (it == end()) return 0;
        items_.erase(it);
        return 1;
    }
    iterator erase(const_iterator pos) { return items_.erase(pos); }
    iterator erase(iterator pos) { return items_.erase(pos); }
    iterator erase(const_iterator first, const_iterator last) { return items_.erase(first, last); }

    friend bool operator==(const FlatMap& a, const FlatMap& b) { return a.items_ == b.items_; }
    friend auto operator<=>(const FlatMap& a, const FlatMap& b) { return a.items_ <=> b.items_; }

private:
    /// Binary search: the first member whose key is not less than `k`.
    const value_type* find_place(std::string_view k) const {
        const value_type* lo = items_.data();
        size_type n = items_.size();
        while (n > 0) {
            size_type half = n / 2;
            if (std::string_view(lo[half].first) < k) {
                lo += half + 1;
                n -= half + 1;
            } else {
                n = half;
            }
        }
        return lo;
    }

    container_type items_;
};

/// The JSON value of the whole project (campaign files, schemas, template data).
using Json = nlohmann::basic_json<FlatMap>;
static_assert(sizeof(Json::object_t::value_type) == 24, "a member: an 8-byte key, a 16-byte value");

}  // namespace thidua

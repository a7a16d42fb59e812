// The procedure catalogue in memory, for search: an immutable snapshot built from every procedure,
// with folded keys made once and an inverted index of their words (word → procedures, as bitsets
// are cheap at a few thousand procedures), so that a search is a few prefix look-ups and bitset
// intersections, then a phrase check on the candidates only; no trip to the store. Any number of
// threads may search one index.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/procedure.hpp"

namespace cds::services {

struct SearchQuery {
  std::string text;  // what the citizen typed (folded here)
  std::optional<std::string> field;
  std::optional<Level> level;
  std::optional<std::string> agency;
  std::size_t offset = 0;
  std::size_t limit = 20;
};

struct FacetValue {
  std::string value;
  std::size_t count = 0;
};

struct SearchResult {
  std::vector<const Procedure*> items;  // owned by the index
  std::size_t total = 0;                // matching procedures on every page
  // Each facet counts the procedures the query and the other two filters match, so that a chip
  // shows how many results choosing it would give.
  std::vector<FacetValue> fields, levels, agencies;
};

// How a procedure matched, best first.
enum class MatchRank : std::uint8_t {
  kCode = 0,        // the query is its code
  kNamePhrase = 1,  // the query's words, in order, in its name
  kNameWords = 2,   // every word in its name, anywhere
  kElsewhere = 3,   // every word in its name, keywords, field or agency
};

class ProcedureIndex {
 public:
  ProcedureIndex(std::vector<Procedure> procedures, std::int64_t revision);
  ProcedureIndex(const ProcedureIndex&) = delete;
  ProcedureIndex& operator=(const ProcedureIndex&) = delete;

  // Ranked (MatchRank, then shorter names, then code), filtered, faceted and paged.
  SearchResult search(const SearchQuery& q) const;
  const Procedure* find(std::string_view code) const;

  std::int64_t revision() const { return revision_; }
  std::size_t size() const { return procedures_.size(); }

  // The folded, word-separated key of `text` as the index stores it: " word word ".
  static std::string key(std::string_view text);

 private:
  struct Entry {
    std::string code;      // lower case
    std::string name_key;  // key(name)
    std::string rest_key;  // key(code, keywords, field, agencies)
    std::uint32_t field_id = 0;
    std::uint32_t agency_id = 0;
    std::uint8_t level_mask = 0;  // bit per Level
  };

  using Bits = std::vector<std::uint64_t>;  // one bit per procedure
  struct Word {
    std::string text;
    std::vector<std::uint32_t> in_name;   // procedures whose name holds the word
    std::vector<std::uint32_t> anywhere;  // ... whose name or other keys hold it
  };
  // Procedures with a word that starts with `prefix`: in the name, and anywhere.
  void prefix_bits(std::string_view prefix, Bits& in_name, Bits& anywhere) const;

  std::vector<Procedure> procedures_;
  std::vector<Entry> entries_;  // parallel to procedures_
  std::vector<Word> words_;     // sorted by text
  std::vector<std::string> field_values_, agency_values_;
  std::map<std::string, std::uint32_t, std::less<>> field_ids_, agency_ids_;
  std::map<std::string, std::size_t, std::less<>> by_code_;
  std::int64_t revision_ = 0;
};

}  // namespace cds::services

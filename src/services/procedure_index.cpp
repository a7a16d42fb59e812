#include "services/procedure_index.hpp"

#include <algorithm>
#include <array>

#include "services/quick_fold.hpp"

namespace cds::services {
namespace {

constexpr std::size_t kLevels = 5;
constexpr std::size_t kMaxFacetValues = 50;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::vector<FacetValue> top(std::vector<FacetValue> values) {
  values.erase(std::remove_if(values.begin(), values.end(),
                              [](const FacetValue& v) { return v.count == 0 || v.value.empty(); }),
               values.end());
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (values.size() > kMaxFacetValues) values.resize(kMaxFacetValues);
  return values;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::string ProcedureIndex::key(std::string_view text) {
  const std::string folded = quick_fold(text);
  std::string out = " ";
  for (char c : folded) {
    if (is_word_char(c)) {
      out.push_back(c);
    } else if (out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

ProcedureIndex::ProcedureIndex(std::vector<Procedure> procedures, std::int64_t revision)
    : procedures_(std::move(procedures)), revision_(revision) {
  auto id_of = [](std::map<std::string, std::uint32_t, std::less<>>& ids,
                  std::vector<std::string>& values, const std::string& v) {
    auto [it, added] = ids.emplace(v, static_cast<std::uint32_t>(values.size()));
    if (added) values.push_back(v);
    return it->second;
  };
  entries_.reserve(procedures_.size());
  for (std::size_t i = 0; i < procedures_.size(); ++i) {
    const Procedure& p = procedures_[i];
    Entry e;
    e.code = lower_ascii(p.code);
    e.name_key = key(p.name);
    std::string rest = p.code;
    for (const auto& k : p.keywords) rest += "\n" + k;
    rest += "\n" + p.field + "\n" + p.competent_agency + "\n" + p.performing_agency;
    e.rest_key = key(rest);
    e.field_id = id_of(field_ids_, field_values_, p.field);
    e.agency_id = id_of(agency_ids_, agency_values_, p.agency());
    for (Level l : p.levels) e.level_mask |= static_cast<std::uint8_t>(1u << static_cast<int>(l));
    entries_.push_back(std::move(e));
    by_code_.emplace(p.code, i);
  }
  std::map<std::string, Word, std::less<>> words;
  auto add_words = [&words](const std::string& key, std::uint32_t id, bool name) {
    for (std::size_t start = 1; start < key.size();) {
      const std::size_t end = key.find(' ', start);
      Word& w = words[key.substr(start, end - start)];
      if (name && (w.in_name.empty() || w.in_name.back() != id)) w.in_name.push_back(id);
      if (w.anywhere.empty() || w.anywhere.back() != id) w.anywhere.push_back(id);
      start = end + 1;
    }
  };
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    add_words(entries_[i].name_key, i, true);
    add_words(entries_[i].rest_key, i, false);
  }
  words_.reserve(words.size());
  for (auto& [text, w] : words) {
    w.text = text;
    words_.push_back(std::move(w));
  }
}

void ProcedureIndex::prefix_bits(std::string_view prefix, Bits& in_name, Bits& anywhere) const {
  auto it = std::lower_bound(words_.begin(), words_.end(), prefix,
                             [](const Word& w, std::string_view p) { return w.text < p; });
  for (; it != words_.end() && std::string_view(it->text).starts_with(prefix); ++it) {
    for (std::uint32_t id : it->in_name) in_name[id / 64] |= std::uint64_t{1} << (id % 64);
    for (std::uint32_t id : it->anywhere) anywhere[id / 64] |= std::uint64_t{1} << (id % 64);
  }
}

const Procedure* ProcedureIndex::find(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &procedures_[it->second];
}

SearchResult ProcedureIndex::search(const SearchQuery& q) const {
  // The query as " word" needles (a word matches the start of a word of the key) and as one phrase.
  const std::string query_key = key(q.text);
  std::vector<std::string> needles;
  for (std::size_t start = 1; start < query_key.size();) {
    std::size_t end = query_key.find(' ', start);
    needles.push_back(" " + query_key.substr(start, end - start));
    start = end + 1;
  }
  const std::string phrase =
      query_key.size() > 1 ? query_key.substr(0, query_key.size() - 1) : std::string();
  std::string code_text = lower_ascii(q.text);
  code_text.erase(0, code_text.find_first_not_of(' '));
  code_text.erase(code_text.find_last_not_of(' ') + 1);

  // Filters as ids; a value the index does not hold matches nothing.
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::optional<std::uint32_t> field_filter, agency_filter;
  if (q.field) {
    auto it = field_ids_.find(*q.field);
    field_filter = it == field_ids_.end() ? kNone : it->second;
  }
  if (q.agency) {
    auto it = agency_ids_.find(*q.agency);
    agency_filter = it == agency_ids_.end() ? kNone : it->second;
  }
  const std::uint8_t level_bit =
      q.level ? static_cast<std::uint8_t>(1u << static_cast<int>(*q.level)) : 0;

  std::vector<std::size_t> field_counts(field_values_.size()), agency_counts(agency_values_.size());
  std::array<std::size_t, kLevels> level_counts{};
  struct Hit {
    MatchRank rank;
    std::uint32_t name_length;
    std::uint32_t index;
  };
  std::vector<Hit> hits;

  // Candidates: procedures with every word of the query (as a word prefix) somewhere, and those
  // with every word in the name.
  const std::size_t blocks = (entries_.size() + 63) / 64;
  Bits all_name(blocks, ~std::uint64_t{0}), all_anywhere(blocks, ~std::uint64_t{0});
  if (entries_.size() % 64 != 0) {
    all_name.back() = all_anywhere.back() = (std::uint64_t{1} << (entries_.size() % 64)) - 1;
  }
  Bits name_bits(blocks), anywhere_bits(blocks);
  for (const std::string& needle : needles) {
    std::fill(name_bits.begin(), name_bits.end(), 0);
    std::fill(anywhere_bits.begin(), anywhere_bits.end(), 0);
    prefix_bits(std::string_view(needle).substr(1), name_bits, anywhere_bits);
    for (std::size_t b = 0; b < blocks; ++b) {
      all_name[b] &= name_bits[b];
      all_anywhere[b] &= anywhere_bits[b];
    }
  }
  // An exact code needs no case of its own: the code's words are in rest_key.
  for (std::size_t b = 0; b < blocks; ++b) {
    for (std::uint64_t bits = all_anywhere[b]; bits != 0; bits &= bits - 1) {
      const auto i =
          static_cast<std::uint32_t>(b * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
      const Entry& e = entries_[i];
      MatchRank rank = MatchRank::kElsewhere;
      if (!code_text.empty() && e.code == code_text) {
        rank = MatchRank::kCode;
      } else if (!needles.empty() && (all_name[b] >> (i % 64)) & 1) {
        rank = needles.size() > 1 && e.name_key.find(phrase) == std::string::npos
                   ? MatchRank::kNameWords
                   : MatchRank::kNamePhrase;
      }
      const bool field_ok = !field_filter || e.field_id == *field_filter;
      const bool agency_ok = !agency_filter || e.agency_id == *agency_filter;
      const bool level_ok = level_bit == 0 || (e.level_mask & level_bit) != 0;
      if (level_ok && agency_ok) ++field_counts[e.field_id];
      if (field_ok && level_ok) ++agency_counts[e.agency_id];
      if (field_ok && agency_ok)
        for (std::size_t l = 0; l < kLevels; ++l)
          if (e.level_mask & (1u << l)) ++level_counts[l];
      if (field_ok && agency_ok && level_ok)
        hits.push_back(Hit{rank, static_cast<std::uint32_t>(e.name_key.size()), i});
    }
  }

  SearchResult out;
  out.total = hits.size();
  auto better = [this](const Hit& a, const Hit& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.name_length != b.name_length) return a.name_length < b.name_length;
    return procedures_[a.index].code < procedures_[b.index].code;
  };
  const std::size_t end = std::min(hits.size(), q.offset + q.limit);
  if (q.offset < end) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end(),
                      better);
    for (std::size_t i = q.offset; i < end; ++i) out.items.push_back(&procedures_[hits[i].index]);
  }
  std::vector<FacetValue> fields, agencies, levels;
  for (std::size_t i = 0; i < field_values_.size(); ++i)
    fields.push_back(FacetValue{field_values_[i], field_counts[i]});
  for (std::size_t i = 0; i < agency_values_.size(); ++i)
    agencies.push_back(FacetValue{agency_values_[i], agency_counts[i]});
  for (std::size_t l = 0; l < kLevels; ++l)
    levels.push_back(FacetValue{std::string(level_name(static_cast<Level>(l))), level_counts[l]});
  out.fields = top(std::move(fields));
  out.agencies = top(std::move(agencies));
  out.levels = top(std::move(levels));
  return out;
}

}  // namespace cds::services

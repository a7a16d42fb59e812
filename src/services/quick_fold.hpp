// Folding for the search index's hot path. text::fold runs ICU's transliterator, which costs about
// a millisecond a call; Vietnamese needs only canonical decomposition with the marks dropped and
// đ → d. quick_fold does that (microseconds) and hands anything else to text::fold, so that its
// keys are the same as text::fold's for the letters a key keeps (a-z, 0-9).
#pragma once

#include <string>
#include <string_view>

namespace cds::services {

// Lower-case ASCII; letters and digits as text::fold makes them, other characters possibly
// different (the index turns every one of them into a word break anyway).
std::string quick_fold(std::string_view utf8);

}  // namespace cds::services

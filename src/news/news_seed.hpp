// Demo news for `congdanso seed --demo`: a pinned announcement, a guide and two news articles,
// published at seed time. Idempotent: nothing is added when any news item exists.
#pragma once

#include "auth/principal.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::news {

// `editor` is the staff member shown as their author.
Status seed_demo_news(store::Database& db, const Clock& clock, const auth::Principal& editor);

}  // namespace cds::news

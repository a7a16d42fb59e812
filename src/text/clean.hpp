// Text a person typed, made safe to store and show: NFC, with no control characters beyond the
// line breaks the field allows.
#pragma once

#include <string>
#include <string_view>

namespace cds::text {

// Line breaks allowed in a field: none (a name or a title), a newline only, or also the tab and the
// carriage return that pasted text brings.
inline constexpr std::string_view kOneLine = "";
inline constexpr std::string_view kNewlines = "\n";
inline constexpr std::string_view kNewlinesTabs = "\n\t\r";

// Replaces `text` by its NFC form and returns true when it is valid UTF-8 holding no control
// character (C0 or DEL) other than those in `allowed_controls`; otherwise returns false and leaves
// `text` as it was.
bool clean(std::string& text, std::string_view allowed_controls);

}  // namespace cds::text

// Text put into HTML or XML (pages the server writes, CAP documents, Atom feeds, sanitized news):
// one escaping for all of them.
#pragma once

#include <string>
#include <string_view>

namespace cds::text {

enum class MarkupContext {
  kContent,    // between tags: & < > escaped, quotes left as they are
  kAttribute,  // inside a quoted attribute value: quotes escaped too
};

// Appends `text` escaped for `context`. Characters XML 1.0 forbids (C0 controls other than tab,
// newline and carriage return; U+FFFE and U+FFFF) are dropped, so the result is valid XML and HTML
// alike.
void append_escaped(std::string& out, std::string_view text,
                    MarkupContext context = MarkupContext::kAttribute);

// `text` escaped for content and attribute values alike.
std::string escape_markup(std::string_view text);

}  // namespace cds::text

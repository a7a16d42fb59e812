// Whether a document the server writes is well-formed XML, as libxml2 reads it (no network, no
// recovery): the promise of every writer that builds XML from text (CAP, Atom).
#pragma once

#include <libxml/parser.h>

#include <string>
#include <string_view>

#include "fuzz_input.hpp"

namespace cds::fuzz {

// Aborts unless `xml` parses as a whole document; returns its root element's name.
inline std::string check_well_formed(std::string_view xml, const char* what) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "fuzz.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  check(doc != nullptr, what, xml);
  const xmlNode* root = xmlDocGetRootElement(doc);
  std::string name = root != nullptr ? reinterpret_cast<const char*>(root->name) : "";
  xmlFreeDoc(doc);
  return name;
}

}  // namespace cds::fuzz

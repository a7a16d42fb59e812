// The catalogue of messages a person may read, in Vietnamese and English.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace cds {

struct Message {
  std::string_view vi;
  std::string_view en;
};

// The message for `key` with {name} placeholders filled from `params`. An unknown key is returned
// as is (a programmer error that tests/docs/check_messages.py catches for literal keys).
std::string message(std::string_view key, bool english,
                    const std::map<std::string, std::string>& params = {});
bool has_message(std::string_view key);

}  // namespace cds

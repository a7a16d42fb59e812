#include "services/procedure.hpp"

namespace cds::services {

std::string_view channel_name(ChannelKind k) {
  switch (k) {
    case ChannelKind::kInPerson:
      return "in_person";
    case ChannelKind::kOnline:
      return "online";
    case ChannelKind::kPost:
      return "post";
  }
  return "in_person";
}

std::optional<ChannelKind> parse_channel(std::string_view name) {
  if (name == "in_person") return ChannelKind::kInPerson;
  if (name == "online") return ChannelKind::kOnline;
  if (name == "post") return ChannelKind::kPost;
  return std::nullopt;
}

std::string_view level_name(Level l) {
  switch (l) {
    case Level::kMinistry:
      return "ministry";
    case Level::kProvince:
      return "province";
    case Level::kDistrict:
      return "district";
    case Level::kCommune:
      return "commune";
    case Level::kOther:
      return "other";
  }
  return "other";
}

std::optional<Level> parse_level(std::string_view name) {
  for (Level l :
       {Level::kMinistry, Level::kProvince, Level::kDistrict, Level::kCommune, Level::kOther})
    if (level_name(l) == name) return l;
  return std::nullopt;
}

const Channel* Procedure::main_channel() const {
  for (const Channel& c : channels)
    if (c.kind == ChannelKind::kInPerson) return &c;
  return channels.empty() ? nullptr : &channels.front();
}

}  // namespace cds::services

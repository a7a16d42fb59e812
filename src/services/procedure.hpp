// An administrative procedure (thủ tục hành chính) as the national public-service portal publishes
// it, reduced to what a citizen needs to do it: where, how, how long, how much, with which papers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cds::services {

// How a dossier may be handed in; each way has its own time limit and fee.
enum class ChannelKind { kInPerson, kOnline, kPost };
std::string_view channel_name(ChannelKind k);  // in_person | online | post
std::optional<ChannelKind> parse_channel(std::string_view name);

struct Channel {
  ChannelKind kind = ChannelKind::kInPerson;
  std::string time_limit;   // as published: "3 Ngày làm việc", "Trong ngày"
  std::string fee;          // as published: "Miễn phí", "Lệ phí: 8.000 đồng"
  std::string description;  // remarks (from when the time limit runs, exemptions)
};

struct Document {
  std::string name;
  std::string form;   // the form's file or number, when the portal names one
  std::string count;  // "1 bản chính, 1 bản sao"
  std::string group;  // the case it belongs to ("a. Trường hợp ..."), when documents are grouped
};

struct LegalBasis {
  std::string name;
  std::string code;  // "47/2014/QH13"
};

// Where a procedure is performed. The portal's "Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác".
enum class Level { kMinistry, kProvince, kDistrict, kCommune, kOther };
std::string_view level_name(Level l);  // ministry | province | district | commune | other
std::optional<Level> parse_level(std::string_view name);

struct Procedure {
  std::string code;  // "1.001193"
  std::string name;
  std::string field;  // lĩnh vực: "Hộ tịch"
  std::vector<Level> levels;
  std::string kind;      // loại thủ tục, as published
  std::string audience;  // đối tượng thực hiện
  std::string competent_agency;
  std::string performing_agency;
  std::string submit_at;  // địa chỉ tiếp nhận
  std::vector<Channel> channels;
  std::vector<std::string> steps;
  std::vector<Document> documents;
  std::vector<LegalBasis> legal_basis;
  std::string conditions;  // empty when there are none
  std::string result;
  std::vector<std::string> keywords;
  std::string decision;    // the decision that published it (số quyết định)
  std::string source_url;  // the portal's page

  // The agency the search facets and the list show: the performing one, else the competent one.
  const std::string& agency() const {
    return performing_agency.empty() ? competent_agency : performing_agency;
  }
  // The channel the list shows (in person first, the way most citizens go), or null.
  const Channel* main_channel() const;
};

}  // namespace cds::services

// The portal's flattened tables, taken apart by the headers and markers the portal prints.
#include "services/portal_format.hpp"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <array>
#include <cctype>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text/fold.hpp"

namespace cds::services {
namespace {

namespace json = boost::json;
using std::string_view;

constexpr string_view kNoInformation = "Không có thông tin";
constexpr string_view kChannelHeader = "Hình thức nộpThời gianPhí, lệ phíMô tả";
constexpr string_view kDocumentHeader = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
constexpr string_view kLegalHeader = "Tên văn bản pháp lýMã văn bản";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// NFC, no-break spaces as spaces, runs of spaces (not newlines) as one, trimmed.
std::string clean(string_view raw) {
  std::string nfc;
  if (!text::to_nfc(raw, nfc)) nfc.clear();
  std::string out;
  out.reserve(nfc.size());
  for (std::size_t i = 0; i < nfc.size(); ++i) {
    char c = nfc[i];
    if (c == '\xC2' && i + 1 < nfc.size() && nfc[i + 1] == '\xA0') {
      c = ' ';
      ++i;
    }
    if (c == '\t' || c == '\r') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
    if (c == '\n')
      while (!out.empty() && out.back() == ' ') out.pop_back();
    out.push_back(c);
  }
  while (!out.empty() && is_space(out.back())) out.pop_back();
  std::size_t start = 0;
  while (start < out.size() && is_space(out[start])) ++start;
  out.erase(0, start);
  if (out == kNoInformation) out.clear();
  return out;
}

std::string trim(string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// A label without the list marks and colon the portal puts around it ("* Giấy tờ phải nộp:").
std::string label(string_view s) {
  std::string t = trim(s);
  std::size_t start = 0;
  while (start < t.size() &&
         (t[start] == '-' || t[start] == '*' || t[start] == '+' || is_space(t[start])))
    ++start;
  t.erase(0, start);
  while (!t.empty() && (t.back() == ':' || is_space(t.back()))) t.pop_back();
  return t;
}

std::string str_of(const json::object& o, std::initializer_list<string_view> keys) {
  for (string_view k : keys) {
    auto it = o.find(k);
    if (it == o.end()) continue;
    if (it->value().is_string()) return clean(it->value().get_string());
    if (it->value().is_int64()) return std::to_string(it->value().get_int64());
  }
  return {};
}

const json::value* find_any(const json::object& o, std::initializer_list<string_view> keys) {
  for (string_view k : keys)
    if (auto it = o.find(k); it != o.end() && !it->value().is_null()) return &it->value();
  return nullptr;
}

// "Trực tiếp" / "Trực tuyến" / "Dịch vụ bưu chính" and the channel each names.
struct Marker {
  string_view text;
  ChannelKind kind;
};
constexpr std::array<Marker, 3> kMarkers = {{{"Trực tiếp", ChannelKind::kInPerson},
                                             {"Trực tuyến", ChannelKind::kOnline},
                                             {"Dịch vụ bưu chính", ChannelKind::kPost}}};

constexpr std::array<string_view, 5> kFeeStarts = {"Miễn phí", "Không có thông tin", "Lệ phí",
                                                   "Phí", "Không thu"};

bool starts_fee(string_view s) {
  for (string_view f : kFeeStarts)
    if (s.starts_with(f)) return true;
  return false;
}

// A marker starts a row when what follows reads like the time column: a number, or nothing
// before the fee. In a description the same words are followed by ':' or a lower-case word.
bool row_follows(string_view rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest.empty() || is_digit(rest.front()) || starts_fee(rest);
}

// Length of a balanced "(...)" at the start of `s`, or 0.
std::size_t parenthesis(string_view s) {
  if (s.empty() || s.front() != '(') return 0;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) return i + 1;
  }
  return s.size();
}

Channel channel_row(ChannelKind kind, string_view cell) {
  Channel c;
  c.kind = kind;
  string_view s = cell;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  // Time: a number and its unit.
  std::size_t n = 0;
  while (n < s.size() && (is_digit(s[n]) || s[n] == ',' || s[n] == '.')) ++n;
  if (n > 0) {
    std::size_t end = n;
    string_view after = s.substr(n);
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1), ++end;
    for (string_view unit :
         {"Ngày làm việc", "Ngày", "Giờ làm việc", "Giờ", "Tháng", "Phút", "Năm"}) {
      if (after.starts_with(unit)) {
        end += unit.size();
        n = end;
        break;
      }
    }
    c.time_limit = trim(s.substr(0, n));
    s.remove_prefix(n);
  }
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  // Fee: a known phrase or an amount, with its explanation in parentheses. "Không có thông tin"
  // stands for an empty cell, time or fee: after it the fee may still follow.
  for (int cell = 0; cell < 2; ++cell) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    std::size_t fee = 0;
    for (string_view f : kFeeStarts)
      if (s.starts_with(f)) {
        fee = f.size();
        break;
      }
    if (fee == 0 && !s.empty() && is_digit(s.front())) {
      auto open = s.find('(');
      auto amount = s.substr(0, std::min(open, s.size()));
      for (string_view currency : {"Đồng", "đồng", "VNĐ", "USD"}) {
        auto at = amount.find(currency);
        if (at != string_view::npos && at <= 30) fee = at + currency.size();
      }
    }
    if (fee == 0) break;
    if (s.substr(0, fee) == kNoInformation) {
      s.remove_prefix(fee);
      continue;
    }
    // A short note in parentheses is the fee's unit ("(/trang)"); a long one is an explanation,
    // which the description keeps.
    const std::size_t note = parenthesis(s.substr(fee));
    c.fee = clean(s.substr(0, fee));
    if (note > 0 && note <= 24) {
      c.fee = clean(s.substr(0, fee + note));
    } else if (note > 2) {
      c.description = clean(s.substr(fee + 1, note - 2));
    }
    s.remove_prefix(fee + note);
    break;
  }
  const std::string rest = clean(s);
  if (!rest.empty()) c.description = c.description.empty() ? rest : c.description + "\n" + rest;
  return c;
}

// A count such as "1 bản chính,1 bản sao" starting at `i`; its length, or 0.
std::size_t count_at(string_view s, std::size_t i) {
  std::size_t j = i, last = 0;
  while (true) {
    std::size_t k = j;
    while (k < s.size() && is_digit(s[k])) ++k;
    if (k == j) break;
    string_view rest = s.substr(k);
    std::size_t unit = 0;
    for (string_view u : {" bản chính", " bản sao"})
      if (rest.starts_with(u)) unit = u.size();
    if (unit == 0) break;
    last = k + unit;
    j = last;
    if (j < s.size() && s[j] == ',') {
      ++j;
      while (j < s.size() && s[j] == ' ') ++j;
    } else {
      break;
    }
  }
  return last == 0 ? 0 : last - i;
}

bool ends_with_ci(string_view s, string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

// Splits "Tờ khai (mẫu 01)Mau 01 to khai.docx" into the name and the form's file name.
void split_form(string_view row, Document& d) {
  std::string text = trim(row);
  for (string_view ext : {".docx", ".doc", ".pdf", ".xlsx", ".xls", ".rar", ".zip"}) {
    if (!ends_with_ci(text, ext)) continue;
    std::size_t start = text.size() - ext.size();
    // A file name is plain ASCII: walk back to the first byte that is not, or a ')' or ';'.
    while (start > 0) {
      unsigned char c = static_cast<unsigned char>(text[start - 1]);
      if (c >= 0x80 || c == ')' || c == ';' || c == ':') break;
      --start;
    }
    while (start < text.size() && text[start] == ' ') ++start;
    if (start > 0) {
      d.form = clean(string_view(text).substr(start));
      d.name = clean(string_view(text).substr(0, start));
      return;
    }
  }
  d.name = clean(text);
}

// Legal codes: NUM[/YEAR]/SUFFIX, SUFFIX = SEG(-SEG)*, SEG upper-case letters (Đ included), and
// the National Assembly's "QH" followed by its term ("QH15").
std::size_t code_at(string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && (is_digit(s[j]) || s[j] == '.')) ++j;
  if (j == i || !is_digit(s[i]) || j >= s.size() || s[j] != '/') return 0;
  ++j;
  if (j + 5 <= s.size() && std::all_of(s.begin() + j, s.begin() + j + 4, is_digit) &&
      s[j + 4] == '/')
    j += 5;
  auto segment = [&](std::size_t k) -> std::size_t {
    std::size_t start = k;
    while (k < s.size()) {
      std::size_t len = 0;
      if (s[k] >= 'A' && s[k] <= 'Z')
        len = 1;
      else if (s.substr(k).starts_with("Đ"))
        len = 2;
      if (len == 0) break;
      // A capital followed by a small letter starts the next row's name ("...NĐ-CPNghị định").
      if (k + len < s.size()) {
        const unsigned char next = static_cast<unsigned char>(s[k + len]);
        const bool small =
            (next >= 'a' && next <= 'z') || (next >= 0x80 && !s.substr(k + len).starts_with("Đ"));
        if (small && k > start) break;
        if (small) return 0;
      }
      k += len;
    }
    if (k == start) return 0;
    if (s.substr(start, k - start) == "QH")
      for (int d = 0; d < 2 && k < s.size() && is_digit(s[k]); ++d) ++k;
    return k - start;
  };
  std::size_t seg = segment(j);
  if (seg == 0) return 0;
  j += seg;
  while (j + 1 < s.size() && s[j] == '-') {
    std::size_t next = segment(j + 1);
    if (next == 0) break;
    j += 1 + next;
  }
  return j - i;
}

// After a code that ends a row comes the next row's name (a capital letter or a digit) or nothing.
bool row_ends(string_view s, std::size_t j) {
  while (j < s.size() && s[j] == ' ') ++j;
  if (j >= s.size()) return true;
  unsigned char c = static_cast<unsigned char>(s[j]);
  if (is_digit(s[j]) || (c >= 'A' && c <= 'Z')) return true;
  if (c >= 0x80) {  // a Vietnamese capital such as Đ, Ủ, Ư
    UChar32 cp = 0;
    std::int32_t k = static_cast<std::int32_t>(j);
    U8_NEXT(s.data(), k, static_cast<std::int32_t>(s.size()), cp);
    return cp > 0 && u_isupper(cp);
  }
  return false;
}

}  // namespace

bool valid_code(std::string_view code) {
  if (code.empty() || code.size() > 40) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
}

std::vector<Channel> parse_channels(std::string_view text) {
  std::vector<Channel> out;
  if (text.starts_with(kChannelHeader)) text.remove_prefix(kChannelHeader.size());
  // Every position where a row starts, with its channel.
  std::vector<std::pair<std::size_t, const Marker*>> starts;
  for (const Marker& m : kMarkers) {
    for (auto at = text.find(m.text); at != string_view::npos; at = text.find(m.text, at + 1))
      if (row_follows(text.substr(at + m.text.size()))) starts.emplace_back(at, &m);
  }
  std::sort(starts.begin(), starts.end());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t begin = starts[i].first + starts[i].second->text.size();
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1].first : text.size();
    out.push_back(channel_row(starts[i].second->kind, text.substr(begin, end - begin)));
  }
  return out;
}

std::vector<Document> parse_documents(std::string_view text) {
  std::vector<Document> out;
  std::string group;
  std::size_t at = text.find(kDocumentHeader);
  if (at == string_view::npos) {
    std::string whole = clean(text);
    if (!whole.empty()) out.push_back(Document{whole, "", "", ""});
    return out;
  }
  group = label(text.substr(0, at));
  std::size_t pos = at + kDocumentHeader.size();
  while (pos <= text.size()) {
    const std::size_t next_header = text.find(kDocumentHeader, pos);
    const std::size_t chunk_end = next_header == string_view::npos ? text.size() : next_header;
    std::size_t row_start = pos;
    for (std::size_t i = pos; i < chunk_end; ++i) {
      if (!is_digit(text[i])) continue;
      std::size_t n = count_at(text.substr(0, chunk_end), i);
      if (n == 0) continue;
      Document d;
      split_form(text.substr(row_start, i - row_start), d);
      d.name = label(d.name);
      d.count = clean(text.substr(i, n));
      d.group = group;
      // A table the portal prints twice is listed once.
      bool seen = std::any_of(out.begin(), out.end(), [&](const Document& o) {
        return o.name == d.name && o.count == d.count;
      });
      if (!d.name.empty() && !seen) out.push_back(std::move(d));
      i += n - 1;
      row_start = i + 1;
    }
    std::string tail = clean(text.substr(row_start, chunk_end - row_start));
    if (next_header == string_view::npos) {
      if (!tail.empty() && tail != "--") out.push_back(Document{tail, "", "", group});
      break;
    }
    group = label(tail);
    pos = next_header + kDocumentHeader.size();
  }
  return out;
}

std::vector<LegalBasis> parse_legal_basis(std::string_view text) {
  std::vector<LegalBasis> out;
  if (text.starts_with(kLegalHeader)) text.remove_prefix(kLegalHeader.size());
  std::size_t row_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i])) continue;
    if (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '/' || text[i - 1] == '.')) continue;
    std::size_t n = code_at(text, i);
    if (n == 0 || !row_ends(text, i + n)) continue;
    LegalBasis b{clean(text.substr(row_start, i - row_start)), clean(text.substr(i, n))};
    if (b.name.empty()) b.name = b.code;
    bool seen =
        std::any_of(out.begin(), out.end(), [&](const LegalBasis& o) { return o.code == b.code; });
    if (!seen) out.push_back(std::move(b));
    i += n - 1;
    row_start = i + 1;
  }
  std::string tail = clean(text.substr(std::min(row_start, text.size())));
  if (!tail.empty()) out.push_back(LegalBasis{tail, ""});
  return out;
}

std::vector<std::string> parse_steps(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == string_view::npos) end = text.size();
    std::string line = clean(text.substr(start, end - start));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

namespace {

std::vector<Level> parse_levels(const std::string& text) {
  std::vector<Level> out;
  auto add = [&](Level l) {
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  };
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string folded = text::fold(text.substr(start, end - start));
    if (folded.find("cap bo") != std::string::npos)
      add(Level::kMinistry);
    else if (folded.find("cap tinh") != std::string::npos)
      add(Level::kProvince);
    else if (folded.find("cap huyen") != std::string::npos)
      add(Level::kDistrict);
    else if (folded.find("cap xa") != std::string::npos)
      add(Level::kCommune);
    else if (!folded.empty() && folded != " ")
      add(Level::kOther);
    start = end + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "Giấy khai sinhMã: KQ.G15.000031Từ khóa...Mô tả..." → the result, and the keywords when given.
void parse_result(const std::string& text, Procedure& p) {
  std::size_t end = text.size();
  for (string_view stop : {"Mã: KQ", "Từ khóa", "Chọn cơ quan thực hiện"})
    end = std::min(end, text.find(stop));
  p.result = clean(string_view(text).substr(0, end));
  auto kw = text.find("Từ khóa");
  if (kw == std::string::npos) return;
  kw += string_view("Từ khóa").size();
  auto kw_end = std::min(text.find("Mô tả", kw), text.size());
  std::string words = clean(string_view(text).substr(kw, kw_end - kw));
  std::size_t start = 0;
  while (start < words.size()) {
    std::size_t e = words.find_first_of(",;", start);
    if (e == std::string::npos) e = words.size();
    std::string w = clean(string_view(words).substr(start, e - start));
    if (!w.empty()) p.keywords.push_back(std::move(w));
    start = e + 1;
  }
}

std::vector<Channel> channels_from_array(const json::array& a) {
  std::vector<Channel> out;
  for (const auto& v : a) {
    if (!v.is_object()) continue;
    const auto& o = v.get_object();
    const std::string name = str_of(o, {"hinh_thuc_nop", "hinh_thuc", "channel", "kind"});
    Channel c;
    if (auto k = parse_channel(name)) {
      c.kind = *k;
    } else {
      const std::string f = text::fold(name);
      if (f.find("truc tuyen") != std::string::npos)
        c.kind = ChannelKind::kOnline;
      else if (f.find("buu chinh") != std::string::npos)
        c.kind = ChannelKind::kPost;
      else
        c.kind = ChannelKind::kInPerson;
    }
    c.time_limit = str_of(o, {"thoi_han", "thoi_gian", "thoi_han_giai_quyet", "time_limit"});
    c.fee = str_of(o, {"phi_le_phi", "le_phi", "phi", "fee"});
    c.description = str_of(o, {"mo_ta", "description"});
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Document> documents_from_array(const json::array& a) {
  std::vector<Document> out;
  for (const auto& v : a) {
    if (v.is_string()) {
      if (auto s = clean(v.get_string()); !s.empty()) out.push_back(Document{s, "", "", ""});
      continue;
    }
    if (!v.is_object()) continue;
    const auto& o = v.get_object();
    Document d{str_of(o, {"ten_giay_to", "ten", "name"}),
               str_of(o, {"mau_don_to_khai", "mau_don", "form"}), str_of(o, {"so_luong", "count"}),
               str_of(o, {"nhom", "truong_hop", "group"})};
    if (!d.name.empty()) out.push_back(std::move(d));
  }
  return out;
}

std::vector<LegalBasis> legal_from_array(const json::array& a) {
  std::vector<LegalBasis> out;
  for (const auto& v : a) {
    if (v.is_string()) {
      if (auto s = clean(v.get_string()); !s.empty()) out.push_back(LegalBasis{s, ""});
      continue;
    }
    if (!v.is_object()) continue;
    const auto& o = v.get_object();
    LegalBasis b{str_of(o, {"ten_van_ban", "ten", "name"}),
                 str_of(o, {"so_ky_hieu", "ma_van_ban", "so_hieu", "code"})};
    if (b.name.empty()) b.name = b.code;
    if (!b.name.empty()) out.push_back(std::move(b));
  }
  return out;
}

std::vector<std::string> strings_from_array(const json::array& a) {
  std::vector<std::string> out;
  for (const auto& v : a) {
    std::string s;
    if (v.is_string())
      s = clean(v.get_string());
    else if (v.is_object())
      s = str_of(v.get_object(), {"mo_ta", "noi_dung", "ten", "name", "text"});
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<Procedure> from_portal(const boost::json::object& o) {
  Procedure p;
  p.code = str_of(o, {"ma_thu_tuc", "code"});
  if (!valid_code(p.code)) return Status::Invalid("procedure_code_invalid");
  p.name = str_of(o, {"ten_thu_tuc", "name"});
  if (p.name.empty()) return Status::Invalid("procedure_name_missing");
  p.field = str_of(o, {"linh_vuc", "field"});
  p.levels = parse_levels(str_of(o, {"cap_thuc_hien", "level"}));
  p.kind = str_of(o, {"loai_thu_tuc"});
  p.audience = str_of(o, {"doi_tuong_thuc_hien"});
  p.competent_agency = str_of(o, {"co_quan_co_tham_quyen"});
  p.performing_agency = str_of(o, {"co_quan_thuc_hien"});
  for (std::string* agency : {&p.competent_agency, &p.performing_agency})
    while (!agency->empty() && (agency->back() == '.' || agency->back() == ' ')) agency->pop_back();
  p.submit_at = str_of(o, {"dia_chi_tiep_nhan"});
  p.conditions = str_of(o, {"yeu_cau_dieu_kien"});
  p.decision = str_of(o, {"so_quyet_dinh"});
  p.source_url = str_of(o, {"detail_url", "url"});

  if (const auto* v = find_any(o, {"cach_thuc_thuc_hien"})) {
    if (v->is_string())
      p.channels = parse_channels(v->get_string());
    else if (v->is_array())
      p.channels = channels_from_array(v->get_array());
  }
  if (const auto* v = find_any(o, {"trinh_tu_thuc_hien"})) {
    if (v->is_string())
      p.steps = parse_steps(v->get_string());
    else if (v->is_array())
      p.steps = strings_from_array(v->get_array());
  }
  if (const auto* v = find_any(o, {"thanh_phan_ho_so"})) {
    if (v->is_string())
      p.documents = parse_documents(v->get_string());
    else if (v->is_array())
      p.documents = documents_from_array(v->get_array());
  }
  if (const auto* v = find_any(o, {"can_cu_phap_ly"})) {
    if (v->is_string())
      p.legal_basis = parse_legal_basis(v->get_string());
    else if (v->is_array())
      p.legal_basis = legal_from_array(v->get_array());
  }
  parse_result(str_of(o, {"ket_qua_xu_ly", "ket_qua"}), p);
  if (const auto* v = find_any(o, {"tu_khoa", "keywords"})) {
    if (v->is_array()) {
      for (auto& w : strings_from_array(v->get_array())) p.keywords.push_back(std::move(w));
    } else if (v->is_string()) {
      std::string words = clean(v->get_string());
      std::size_t start = 0;
      while (start < words.size()) {
        std::size_t e = words.find_first_of(",;", start);
        if (e == std::string::npos) e = words.size();
        std::string w = clean(string_view(words).substr(start, e - start));
        if (!w.empty()) p.keywords.push_back(std::move(w));
        start = e + 1;
      }
    }
  }
  return p;
}

}  // namespace cds::services

#include "alerts/cap.hpp"

#include <cstdio>

#include "text/markup.hpp"

namespace cds::alerts {
namespace {

void element(std::string& out, std::string_view indent, std::string_view name,
             std::string_view text) {
  out += indent;
  out += '<';
  out += name;
  out += '>';
  out += text::escape_markup(text);
  out += "</";
  out += name;
  out += ">\n";
}

std::string coordinate(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

// "lat,lon lat,lon ...": CAP's polygon, first point repeated last.
std::string cap_polygon(const std::vector<std::array<double, 2>>& points) {
  std::string out;
  for (const auto& p : points) {
    if (!out.empty()) out += ' ';
    out += coordinate(p[0]) + "," + coordinate(p[1]);
  }
  return out;
}

std::string cap_circle(const Circle& c) {
  char radius[32];
  std::snprintf(radius, sizeof radius, "%.3f", c.radius_km);
  return coordinate(c.lat) + "," + coordinate(c.lon) + " " + radius;
}

// The city's code and the ward codes are the national list of administrative units (danh mục
// đơn vị hành chính); "79" is Ho Chi Minh City.
constexpr std::string_view kGeocodeName = "VN-DVHC";
constexpr std::string_view kCityCode = "79";

void area_block(std::string& out, const Alert& a, const InfoText& text) {
  out += "    <area>\n";
  element(out, "      ", "areaDesc", text.area_desc);
  if (a.area.polygon.size() >= 4) element(out, "      ", "polygon", cap_polygon(a.area.polygon));
  if (a.area.circle) element(out, "      ", "circle", cap_circle(*a.area.circle));
  auto geocode = [&](std::string_view code) {
    out += "      <geocode>\n";
    element(out, "        ", "valueName", kGeocodeName);
    element(out, "        ", "value", code);
    out += "      </geocode>\n";
  };
  if (a.area.city) {
    geocode(kCityCode);
  } else {
    for (const auto& w : a.targeted_wards) geocode(w);
  }
  out += "    </area>\n";
}

std::string web_page(const Alert& a, const Publisher& p) {
  return p.base_url + "/app/alerts/" + std::to_string(a.id);
}

std::string cap_url(const Alert& a, const Publisher& p) {
  return p.base_url + "/alerts/" + std::to_string(a.id) + ".cap";
}

}  // namespace

std::string cap_time(Millis t) {
  return format_rfc3339(t - ((t % 1000) + 1000) % 1000);
}

std::string cap_document(const Alert& a, const Alert* referenced, const Publisher& p) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n";
  element(out, "  ", "identifier", cap_identifier(a.id));
  element(out, "  ", "sender", p.sender);
  element(out, "  ", "sent", cap_time(a.sent_at.value_or(a.drafted_at)));
  element(out, "  ", "status", a.status);
  element(out, "  ", "msgType", a.msg_type);
  element(out, "  ", "scope", "Public");
  if (!a.note.empty()) element(out, "  ", "note", a.note);
  if (referenced != nullptr && referenced->sent_at) {
    element(out, "  ", "references",
            p.sender + "," + cap_identifier(referenced->id) + "," + cap_time(*referenced->sent_at));
  }
  for (const Language& lang : kLanguages) {
    const InfoText& text = a.text(lang.app);
    out += "  <info>\n";
    element(out, "    ", "language", lang.cap);
    element(out, "    ", "category", a.category);
    element(out, "    ", "event", text.event);
    element(out, "    ", "urgency", a.urgency);
    element(out, "    ", "severity", a.severity);
    element(out, "    ", "certainty", a.certainty);
    if (a.sent_at) element(out, "    ", "effective", cap_time(*a.sent_at));
    if (a.onset) element(out, "    ", "onset", cap_time(*a.onset));
    element(out, "    ", "expires", cap_time(a.expires));
    element(out, "    ", "senderName",
            lang.app == "vi" ? "Ủy ban nhân dân Thành phố Hồ Chí Minh"
                             : "Ho Chi Minh City People's Committee");
    element(out, "    ", "headline", text.headline);
    if (!text.description.empty()) element(out, "    ", "description", text.description);
    if (!text.instruction.empty()) element(out, "    ", "instruction", text.instruction);
    element(out, "    ", "web", web_page(a, p));
    area_block(out, a, text);
    out += "  </info>\n";
  }
  out += "</alert>\n";
  return out;
}

std::string alerts_atom(const std::vector<Alert>& sent, const Publisher& p, Millis now) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n";
  element(out, "  ", "id", p.base_url + "/alerts.atom");
  element(out, "  ", "title", "Cảnh báo nóng — Công dân số TP.HCM");
  element(out, "  ", "subtitle", "Hot alerts of Ho Chi Minh City (CAP 1.2)");
  element(out, "  ", "updated", cap_time(sent.empty() ? now : sent.front().sent_at.value_or(now)));
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         text::escape_markup(p.base_url + "/alerts.atom") + "\"/>\n";
  out += "  <author>\n";
  element(out, "    ", "name", "Ủy ban nhân dân Thành phố Hồ Chí Minh");
  out += "  </author>\n";
  for (const Alert& a : sent) {
    out += "  <entry>\n";
    element(out, "    ", "id", cap_url(a, p));
    std::string title = a.vi.headline;
    if (a.status != "Actual") title = "[" + a.status + "] " + title;
    if (a.msg_type == "Cancel") title = "[Cancel] " + title;
    element(out, "    ", "title", title);
    element(out, "    ", "updated", cap_time(a.sent_at.value_or(now)));
    element(out, "    ", "published", cap_time(a.sent_at.value_or(now)));
    out += "    <link rel=\"alternate\" type=\"application/cap+xml\" href=\"" +
           text::escape_markup(cap_url(a, p)) + "\"/>\n";
    out += "    <link rel=\"related\" type=\"text/html\" href=\"" +
           text::escape_markup(web_page(a, p)) + "\"/>\n";
    out += "    <category term=\"" + text::escape_markup(a.category) + "\"/>\n";
    element(out, "    ", "summary", a.vi.description.empty() ? a.vi.headline : a.vi.description);
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace cds::alerts

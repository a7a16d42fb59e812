#include "common/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace cds {
namespace {

TEST(JsonText, NumbersAsPeopleWriteThem) {
  boost::json::object o{{"lat", 10.7725},
                        {"lon", 106.698},
                        {"n", -3},
                        {"big", 9007199254740993LL},
                        {"u", boost::json::value(std::uint64_t{18446744073709551615ULL})},
                        {"half", 0.5},
                        {"tiny", 1e-7}};
  EXPECT_EQ(json_text(o), R"({"lat":10.7725,"lon":106.698,"n":-3,"big":9007199254740993,)"
                          R"("u":18446744073709551615,"half":0.5,"tiny":1e-07})");
}

TEST(JsonText, StringsEscapedAndRoundTrip) {
  boost::json::object o{{"text", "Đèn \"hỏng\"\n\\ \x01 end"},
                        {"list", boost::json::array{true, nullptr}}};
  const std::string text = json_text(o);
  EXPECT_EQ(text, "{\"text\":\"Đèn \\\"hỏng\\\"\\n\\\\ \\u0001 end\",\"list\":[true,null]}");
  EXPECT_EQ(boost::json::parse(text), boost::json::value(o));
}

TEST(JsonText, BrokenUtf8BecomesReplacementCharacters) {
  std::string out;
  append_json_string(out, "ok \xff\xc3 \xc3\xa9");  // a stray byte, a cut sequence, then "é"
  EXPECT_EQ(out, "\"ok \\ufffd\\ufffd \xc3\xa9\"");
}

}  // namespace
}  // namespace cds

#include "http/params.hpp"

#include <gtest/gtest.h>

namespace cds::http {
namespace {

TEST(Params, IntegerFillsTheText) {
  EXPECT_EQ(parse_int("42"), 42);
  EXPECT_EQ(parse_int("-3"), -3);
  EXPECT_EQ(parse_int("0"), 0);
  EXPECT_FALSE(parse_int(""));
  EXPECT_FALSE(parse_int("12a"));
  EXPECT_FALSE(parse_int(" 12"));
  EXPECT_FALSE(parse_int("+12"));
  EXPECT_FALSE(parse_int("99999999999999999999"));
}

TEST(Params, PositiveIdStartsAtOne) {
  EXPECT_EQ(parse_positive_id("1"), 1);
  EXPECT_EQ(parse_positive_id("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(parse_positive_id("0"));
  EXPECT_FALSE(parse_positive_id("-5"));
  EXPECT_FALSE(parse_positive_id("abc"));
}

}  // namespace
}  // namespace cds::http

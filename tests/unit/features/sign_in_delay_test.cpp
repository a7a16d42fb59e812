#include <gtest/gtest.h>

#include "auth/staff_sign_in.hpp"

namespace cds::auth {
namespace {

TEST(SignInDelay, GrowsThenLocks) {
  EXPECT_EQ(sign_in_delay(1, kAccountLimits), 0);
  EXPECT_EQ(sign_in_delay(2, kAccountLimits), 0);
  EXPECT_EQ(sign_in_delay(3, kAccountLimits), 1000);
  EXPECT_EQ(sign_in_delay(4, kAccountLimits), 2000);
  EXPECT_EQ(sign_in_delay(9, kAccountLimits), 64000);
  EXPECT_EQ(sign_in_delay(10, kAccountLimits), 15 * 60 * 1000);
  EXPECT_EQ(sign_in_delay(1000, kAccountLimits), 15 * 60 * 1000);
  // An address shared by an office gets more room before the first wait.
  EXPECT_EQ(sign_in_delay(49, kAddressLimits), 0);
  EXPECT_EQ(sign_in_delay(50, kAddressLimits), 1000);
  EXPECT_EQ(sign_in_delay(199, kAddressLimits), 15 * 60 * 1000);  // capped before the lock
  EXPECT_EQ(sign_in_delay(200, kAddressLimits), 15 * 60 * 1000);
}

}  // namespace
}  // namespace cds::auth

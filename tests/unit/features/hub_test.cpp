#include "events/hub.hpp"

#include <gtest/gtest.h>

namespace cds::events {
namespace {

http::Frame text(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

std::vector<std::string> taken(http::StreamSink& sink) {
  std::vector<std::string> out;
  for (const auto& f : sink.take().frames) out.push_back(*f);
  return out;
}

struct Open {
  std::shared_ptr<http::StreamSink> sink = std::make_shared<http::StreamSink>(64, 1 << 20);
  Hub::Opened opened;
};

Open open(Hub& hub, StreamScope scope, std::int64_t after = 0) {
  Open o;
  o.opened = hub.subscribe(o.sink, scope, after);
  return o;
}

EventFrames event(std::int64_t id, std::vector<Delivery> deliveries) {
  return EventFrames{id, std::move(deliveries)};
}

TEST(Hub, EachFrameReachesOnlyTheStreamsItIsFor) {
  Hub hub(HubLimits{});
  auto anonymous = open(hub, {});
  auto ana = open(hub, {7, std::nullopt, false});
  auto binh = open(hub, {8, std::nullopt, false});
  auto evn = open(hub, {20, std::string("evn-hcmc"), false});
  auto water = open(hub, {21, std::string("sawaco"), false});
  auto op = open(hub, {30, std::nullopt, true});
  hub.publish(
      3, {event(1, {{Target{}, text("broadcast")}}),
          event(2, {{Target{Target::Kind::kUser, 7, std::nullopt}, text("to-ana")},
                    {Target{Target::Kind::kQueue, 0, std::string("evn-hcmc")}, text("queue-evn")}}),
          event(3, {{Target{Target::Kind::kQueue, 0, std::nullopt}, text("unrouted")}})});
  EXPECT_EQ(taken(*anonymous.sink), (std::vector<std::string>{"broadcast"}));
  EXPECT_EQ(taken(*ana.sink), (std::vector<std::string>{"broadcast", "to-ana"}));
  EXPECT_EQ(taken(*binh.sink), (std::vector<std::string>{"broadcast"}));
  EXPECT_EQ(taken(*evn.sink), (std::vector<std::string>{"broadcast", "queue-evn"}));
  EXPECT_EQ(taken(*water.sink), (std::vector<std::string>{"broadcast"}));
  EXPECT_EQ(taken(*op.sink), (std::vector<std::string>{"broadcast", "queue-evn", "unrouted"}));
  EXPECT_EQ(hub.position(), 3);
}

TEST(Hub, ABroadcastIsOneSharedFrame) {
  Hub hub(HubLimits{});
  auto a = open(hub, {});
  auto b = open(hub, {5, std::nullopt, false});
  auto frame = text("once");
  hub.publish(1, {event(1, {{Target{}, frame}})});
  EXPECT_EQ(a.sink->take().frames.front().get(), frame.get());
  EXPECT_EQ(b.sink->take().frames.front().get(), frame.get());
}

TEST(Hub, SeveralFramesOfOneEventForOneStreamGoAsOne) {
  Hub hub(HubLimits{});
  auto staff = open(hub, {20, std::string("evn-hcmc"), false});
  hub.publish(1,
              {event(1, {{Target{Target::Kind::kUser, 20, std::nullopt}, text("n;")},
                         {Target{Target::Kind::kQueue, 0, std::string("evn-hcmc")}, text("q;")}})});
  EXPECT_EQ(taken(*staff.sink), (std::vector<std::string>{"n;q;"}));
}

TEST(Hub, AStreamGetsOnlyEventsAfterWhereItJoined) {
  Hub hub(HubLimits{});
  hub.publish(10, {});
  auto fresh = open(hub, {});
  EXPECT_EQ(fresh.opened.position, 10);
  // A client coming from a node that was ahead: events up to its id were delivered there.
  auto ahead = open(hub, {}, 12);
  hub.publish(13, {event(11, {{Target{}, text("11")}}), event(12, {{Target{}, text("12")}}),
                   event(13, {{Target{}, text("13")}})});
  EXPECT_EQ(taken(*fresh.sink), (std::vector<std::string>{"11", "12", "13"}));
  EXPECT_EQ(taken(*ahead.sink), (std::vector<std::string>{"13"}));
}

TEST(Hub, LimitsPerPersonAndPerNode) {
  Hub hub(HubLimits{2, 3});
  auto a1 = open(hub, {7, std::nullopt, false});
  auto a2 = open(hub, {7, std::nullopt, false});
  EXPECT_EQ(open(hub, {7, std::nullopt, false}).opened.refusal, Hub::Refusal::kUserLimit);
  auto anonymous = open(hub, {});
  EXPECT_EQ(open(hub, {}).opened.refusal, Hub::Refusal::kNodeLimit);
  hub.unsubscribe(a1.opened.id);
  EXPECT_EQ(hub.open_streams(), 2u);
  EXPECT_EQ(open(hub, {7, std::nullopt, false}).opened.refusal, Hub::Refusal::kNone);
}

TEST(Hub, AFullStreamIsCutOffAndCounted) {
  Hub hub(HubLimits{});
  auto slow = std::make_shared<http::StreamSink>(1, 1 << 20);
  hub.subscribe(slow, {}, 0);
  auto fine = open(hub, {});
  hub.publish(2, {event(1, {{Target{}, text("1")}}), event(2, {{Target{}, text("2")}})});
  EXPECT_EQ(hub.cut_off_streams(), 1u);
  EXPECT_TRUE(slow->take().cut_off);
  EXPECT_EQ(taken(*fine.sink), (std::vector<std::string>{"1", "2"}));
}

}  // namespace
}  // namespace cds::events

namespace cds::events {
namespace {

StreamScope following(std::int64_t user, std::vector<std::string> wards) {
  StreamScope s;
  s.user_id = user;
  s.wards = std::move(wards);
  return s;
}

Target to_wards(std::vector<std::string> wards) {
  Target t;
  t.kind = Target::Kind::kWards;
  t.wards = std::move(wards);
  return t;
}

TEST(Hub, AnAlertReachesTheStreamsFollowingItsWardsOnceAndIsCounted) {
  Hub hub(HubLimits{});
  auto home_and_place = open(hub, following(7, {"26740", "26743", "26740"}));
  auto anonymous_in = open(hub, following(0, {"26737"}));
  auto elsewhere = open(hub, following(8, {"27004"}));
  auto no_ward = open(hub, {});
  EventFrames alert = event(5, {{to_wards({"26737", "26740", "26743"}), text("alert;")},
                                {Target{Target::Kind::kUser, 7, std::nullopt}, text("inbox;")}});
  alert.count_reach = true;
  const auto reach = hub.publish(5, {alert, event(6, {{Target{}, text("other")}})});
  // Two of its wards, one frame; the person's inbox row joins it.
  EXPECT_EQ(taken(*home_and_place.sink), (std::vector<std::string>{"alert;inbox;", "other"}));
  EXPECT_EQ(taken(*anonymous_in.sink), (std::vector<std::string>{"alert;", "other"}));
  EXPECT_EQ(taken(*elsewhere.sink), (std::vector<std::string>{"other"}));
  EXPECT_EQ(taken(*no_ward.sink), (std::vector<std::string>{"other"}));
  ASSERT_EQ(reach.size(), 1u);  // only the event asked for
  EXPECT_EQ(reach[0].event_id, 5);
  EXPECT_EQ(reach[0].streams, 2u);
}

TEST(Hub, AWardTargetMatchesAScopeAndLeavingForgetsTheWards) {
  EXPECT_TRUE(to_wards({"26740"}).reaches(following(0, {"27004", "26740"})));
  EXPECT_FALSE(to_wards({"26740"}).reaches(following(0, {"27004"})));
  EXPECT_FALSE(to_wards({"26740"}).reaches(StreamScope{}));
  Hub hub(HubLimits{});
  auto a = open(hub, following(0, {"26740"}));
  hub.unsubscribe(a.opened.id);
  EventFrames alert = event(1, {{to_wards({"26740"}), text("alert")}});
  alert.count_reach = true;
  const auto reach = hub.publish(1, {alert});
  ASSERT_EQ(reach.size(), 1u);
  EXPECT_EQ(reach[0].streams, 0u);
  EXPECT_TRUE(a.sink->take().frames.empty());
}

}  // namespace
}  // namespace cds::events

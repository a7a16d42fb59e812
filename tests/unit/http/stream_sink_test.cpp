#include "http/stream.hpp"

#include <gtest/gtest.h>

namespace cds::http {
namespace {

Frame text(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

TEST(StreamSink, QueuesUntilTakenAndWakesTheWriterOncePerEmptyQueue) {
  StreamSink sink(4, 1024);
  int wakes = 0;
  sink.set_waker([&] { ++wakes; });
  EXPECT_TRUE(sink.push(text("a")));
  EXPECT_TRUE(sink.push(text("b")));
  EXPECT_EQ(wakes, 1);  // the second found the writer already woken
  auto batch = sink.take();
  ASSERT_EQ(batch.frames.size(), 2u);
  EXPECT_EQ(*batch.frames[0], "a");
  EXPECT_FALSE(batch.closed);
  EXPECT_FALSE(batch.cut_off);
  EXPECT_TRUE(sink.push(text("c")));
  EXPECT_EQ(wakes, 2);
}

TEST(StreamSink, AConsumerTooFarBehindIsCutOffNotBuffered) {
  StreamSink sink(2, 1024);
  EXPECT_TRUE(sink.push(text("1")));
  EXPECT_TRUE(sink.push(text("2")));
  EXPECT_FALSE(sink.push(text("3")));  // over the frame bound
  auto batch = sink.take();
  EXPECT_TRUE(batch.cut_off);
  EXPECT_TRUE(batch.frames.empty());  // dropped: the client resumes from the log
  EXPECT_FALSE(sink.push(text("4")));
  EXPECT_TRUE(sink.ended());

  StreamSink bytes(100, 5);
  EXPECT_TRUE(bytes.push(text("abc")));
  EXPECT_FALSE(bytes.push(text("def")));  // over the byte bound
  EXPECT_TRUE(bytes.take().cut_off);
}

TEST(StreamSink, CloseEndsAfterWhatIsQueuedAndFinishRunsOnEndOnce) {
  StreamSink sink(8, 1024);
  int ended = 0;
  sink.set_on_end([&] { ++ended; });
  EXPECT_TRUE(sink.push(text("last")));
  sink.close();
  EXPECT_FALSE(sink.push(text("after")));
  auto batch = sink.take();
  ASSERT_EQ(batch.frames.size(), 1u);
  EXPECT_TRUE(batch.closed);
  sink.finish();
  sink.finish();
  EXPECT_EQ(ended, 1);
  // A feature that sets on_end after the writer stopped still gets it run.
  int late = 0;
  sink.set_on_end([&] { ++late; });
  EXPECT_EQ(late, 1);
}

TEST(StreamSink, AWakerSetLateIsCalledAtOnceWhenSomethingWaits) {
  StreamSink sink(8, 1024);
  EXPECT_TRUE(sink.push(text("early")));
  int wakes = 0;
  sink.set_waker([&] { ++wakes; });
  EXPECT_EQ(wakes, 1);
}

}  // namespace
}  // namespace cds::http

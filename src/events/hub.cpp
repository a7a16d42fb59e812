#include "events/hub.hpp"

#include <algorithm>
#include <unordered_set>

namespace cds::events {
namespace {

void erase_id(std::vector<std::uint64_t>& ids, std::uint64_t id) {
  ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

}  // namespace

bool Target::reaches(const StreamScope& scope) const {
  switch (kind) {
    case Kind::kEveryone:
      return true;
    case Kind::kUser:
      return scope.user_id != 0 && scope.user_id == user_id;
    case Kind::kQueue:
      return scope.all_queues || (scope.unit && unit && *scope.unit == *unit);
    case Kind::kWards:
      return std::any_of(scope.wards.begin(), scope.wards.end(), [&](const std::string& w) {
        return std::find(wards.begin(), wards.end(), w) != wards.end();
      });
  }
  return false;
}

http::Frame join_frames(const std::vector<http::Frame>& frames) {
  if (frames.size() == 1) return frames.front();
  std::string all;
  for (const auto& f : frames) all += *f;
  return std::make_shared<const std::string>(std::move(all));
}

Hub::Opened Hub::subscribe(std::shared_ptr<http::StreamSink> sink, const StreamScope& scope,
                           std::int64_t after) {
  std::lock_guard lock(mutex_);
  Opened opened;
  if (subscribers_.size() >= limits_.per_node) {
    opened.refusal = Refusal::kNodeLimit;
    return opened;
  }
  if (scope.user_id != 0 && per_user_[scope.user_id] >= limits_.per_user) {
    opened.refusal = Refusal::kUserLimit;
    return opened;
  }
  opened.id = next_id_++;
  opened.position = position_;
  StreamScope kept = scope;
  std::sort(kept.wards.begin(), kept.wards.end());
  kept.wards.erase(std::unique(kept.wards.begin(), kept.wards.end()), kept.wards.end());
  for (const auto& w : kept.wards) by_ward_[w].push_back(opened.id);
  subscribers_.emplace(opened.id, Subscriber{opened.id, std::move(sink), std::move(kept),
                                             std::max(after, position_)});
  if (scope.user_id != 0) {
    ++per_user_[scope.user_id];
    by_user_[scope.user_id].push_back(opened.id);
  }
  if (scope.all_queues) {
    all_queues_.push_back(opened.id);
  } else if (scope.unit) {
    by_unit_[*scope.unit].push_back(opened.id);
  }
  return opened;
}

void Hub::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = subscribers_.find(id);
  if (it == subscribers_.end()) return;
  const StreamScope& scope = it->second.scope;
  if (scope.user_id != 0) {
    if (--per_user_[scope.user_id] == 0) per_user_.erase(scope.user_id);
    auto& ids = by_user_[scope.user_id];
    erase_id(ids, id);
    if (ids.empty()) by_user_.erase(scope.user_id);
  }
  if (scope.all_queues) {
    erase_id(all_queues_, id);
  } else if (scope.unit) {
    auto& ids = by_unit_[*scope.unit];
    erase_id(ids, id);
    if (ids.empty()) by_unit_.erase(*scope.unit);
  }
  for (const auto& w : scope.wards) {
    auto& ids = by_ward_[w];
    erase_id(ids, id);
    if (ids.empty()) by_ward_.erase(w);
  }
  subscribers_.erase(it);
}

void Hub::push(Subscriber& sub, const http::Frame& frame) {
  if (!sub.sink->push(frame)) ++cut_off_;
}

std::vector<Reach> Hub::publish(std::int64_t position, const std::vector<EventFrames>& events) {
  std::lock_guard lock(mutex_);
  std::vector<Reach> reached;
  for (const EventFrames& ev : events) {
    std::size_t streams = 0;
    if (ev.deliveries.size() == 1 && ev.deliveries.front().target.kind == Target::Kind::kEveryone) {
      // A broadcast: the same shared frame to every stream.
      const http::Frame& frame = ev.deliveries.front().frame;
      for (auto& [id, sub] : subscribers_) {
        if (ev.event_id > sub.after) {
          push(sub, frame);
          ++streams;
        }
      }
      if (ev.count_reach) reached.push_back({ev.event_id, streams});
      continue;
    }
    // Otherwise gather, per stream, the frames that reach it.
    std::unordered_map<std::uint64_t, std::vector<http::Frame>> per_stream;
    auto add = [&](std::uint64_t id, const http::Frame& frame) { per_stream[id].push_back(frame); };
    for (const Delivery& d : ev.deliveries) {
      switch (d.target.kind) {
        case Target::Kind::kEveryone:
          for (auto& [id, sub] : subscribers_) add(id, d.frame);
          break;
        case Target::Kind::kUser:
          if (auto it = by_user_.find(d.target.user_id); it != by_user_.end())
            for (auto id : it->second) add(id, d.frame);
          break;
        case Target::Kind::kQueue:
          for (auto id : all_queues_) add(id, d.frame);
          if (d.target.unit) {
            if (auto it = by_unit_.find(*d.target.unit); it != by_unit_.end())
              for (auto id : it->second) add(id, d.frame);
          }
          break;
        case Target::Kind::kWards: {
          // A stream following two of the wards gets the frame once.
          std::unordered_set<std::uint64_t> seen;
          for (const auto& w : d.target.wards) {
            if (auto it = by_ward_.find(w); it != by_ward_.end())
              for (auto id : it->second)
                if (seen.insert(id).second) add(id, d.frame);
          }
          break;
        }
      }
    }
    for (auto& [id, frames] : per_stream) {
      Subscriber& sub = subscribers_.at(id);
      if (ev.event_id > sub.after) {
        push(sub, join_frames(frames));
        ++streams;
      }
    }
    if (ev.count_reach) reached.push_back({ev.event_id, streams});
  }
  position_ = std::max(position_, position);
  return reached;
}

std::int64_t Hub::position() const {
  std::lock_guard lock(mutex_);
  return position_;
}

std::size_t Hub::open_streams() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

std::uint64_t Hub::cut_off_streams() const {
  std::lock_guard lock(mutex_);
  return cut_off_;
}

}  // namespace cds::events

// Durable writes with POSIX calls: std::filesystem offers no fsync.
#include "media/durable_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cds::media {
namespace {

Status os_error(std::string_view what, const std::filesystem::path& path, int err) {
  return Status::Internal(std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the error, which for a written file can be the write's own.
  int close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status fsync_dir(const std::filesystem::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return os_error("open", dir, errno);
  if (::fsync(fd.get()) != 0) return os_error("fsync", dir, errno);
  return Status::Ok();
}

}  // namespace

Status make_durable_dirs(const std::filesystem::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    return S_ISDIR(st.st_mode) ? Status::Ok() : os_error("not a directory:", dir, ENOTDIR);
  }
  std::filesystem::path parent = dir.parent_path();
  if (parent.empty()) parent = ".";
  if (parent != dir) {
    if (Status s = make_durable_dirs(parent); !s.ok()) return s;
  }
  if (::mkdir(dir.c_str(), 0750) != 0) {
    if (errno == EEXIST) return Status::Ok();  // another thread made it; it made it durable
    return os_error("mkdir", dir, errno);
  }
  return fsync_dir(parent);
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path dir = path.parent_path();
  std::string temp = (dir / ".tmp-XXXXXX").string();
  Fd fd(::mkostemp(temp.data(), O_CLOEXEC));
  if (fd.get() < 0) return os_error("create temp file in", dir, errno);
  auto fail = [&](std::string_view what, int err) {
    ::unlink(temp.c_str());
    return os_error(what, path, err);
  };
  if (::fchmod(fd.get(), 0640) != 0) return fail("chmod", errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write", errno);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail("fsync", errno);
  if (fd.close() != 0) return fail("close", errno);
  if (::rename(temp.c_str(), path.c_str()) != 0) return fail("rename", errno);
  return fsync_dir(dir);
}

Result<std::string> read_whole_file(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Status::NotFound();
    return os_error("open", path, errno);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return os_error("stat", path, errno);
  std::string out;
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return os_error("read", path, errno);
    }
    if (n == 0) break;  // shrank meanwhile; files are never rewritten in place, so unexpected
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  return out;
}

}  // namespace cds::media

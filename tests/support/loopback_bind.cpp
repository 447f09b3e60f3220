// Preloaded into DynamoDB Local's java: it has no option to choose its listen
// address and would listen on every interface. This bind() turns the wildcard
// address into the loopback one, so the test server is reachable from
// 127.0.0.1 only. Java is started with -Djava.net.preferIPv4Stack=true, so its
// sockets are IPv4; an IPv6 wildcard is mapped to ::1 all the same.
#include <dlfcn.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

extern "C" int bind(int fd, const struct sockaddr* address, socklen_t length) {
  using BindFunction = int (*)(int, const struct sockaddr*, socklen_t);
  static const auto real_bind = reinterpret_cast<BindFunction>(dlsym(RTLD_NEXT, "bind"));
  if (address != nullptr && address->sa_family == AF_INET && length >= sizeof(sockaddr_in)) {
    sockaddr_in loopback;
    std::memcpy(&loopback, address, sizeof loopback);
    if (loopback.sin_addr.s_addr == htonl(INADDR_ANY)) {
      loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      return real_bind(fd, reinterpret_cast<const sockaddr*>(&loopback), sizeof loopback);
    }
  }
  if (address != nullptr && address->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
    sockaddr_in6 loopback;
    std::memcpy(&loopback, address, sizeof loopback);
    if (std::memcmp(&loopback.sin6_addr, &in6addr_any, sizeof in6addr_any) == 0) {
      loopback.sin6_addr = in6addr_loopback;
      return real_bind(fd, reinterpret_cast<const sockaddr*>(&loopback), sizeof loopback);
    }
  }
  return real_bind(fd, address, length);
}

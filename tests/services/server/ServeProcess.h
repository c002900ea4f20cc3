// The real boxoffice-cli serve as a child process on a loopback port, for the tests that need
// the shipped executable (durability across kill -9, the scanner client of the device spec).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <httplib.h>

#include "TestSupport.h"

namespace boxoffice::test {

// A loopback port free at the moment of asking.
inline int freePort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(s);
    return ntohs(addr.sin_port);
}

// The real boxoffice-cli serve as a child process; killed with SIGKILL when the object goes.
class ServeProcess {
public:
    ServeProcess(const std::filesystem::path& db, int port) : m_port(port) {
        const auto exe = (test::binaryDir() / "apps" / "boxoffice-cli").string();
        const std::string listen = "127.0.0.1:" + std::to_string(port);
        const std::string dbArg = db.string();
        m_pid = ::fork();
        if (m_pid == 0) {
            const int devnull = ::open("/dev/null", O_WRONLY);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            ::execl(exe.c_str(), exe.c_str(), "--db", dbArg.c_str(), "serve", "--listen", listen.c_str(), "--quiet",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
    }
    ~ServeProcess() { kill9(); }
    bool waitReady() {
        httplib::Client c("127.0.0.1", m_port);
        for (int i = 0; i < 200; ++i) {  // up to 10 s
            if (auto r = c.Get("/healthz"); r && r->status == 200) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }
    void kill9() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }
    void terminate() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            int status = 0;
            ::waitpid(m_pid, &status, 0);
            m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            m_pid = -1;
        }
    }
    int exitCode() const { return m_exit; }

private:
    int m_port;
    pid_t m_pid = -1;
    int m_exit = -1;
};


}  // namespace boxoffice::test

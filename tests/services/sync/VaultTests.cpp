// Where the remote's token is kept when no Secret Service is reachable.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "TestSupport.h"
#include "boxoffice/sync/HttpClient.h"
#include "boxoffice/sync/TokenVault.h"

using namespace boxoffice;

TEST_CASE("Without a Secret Service the token goes to a file only the user can read") {
    test::TempDir dir;
    sync::TokenVault vault({dir.path(), false});
    auto saved = vault.save("https://pretix.example", "demo", "s3cr3t-token");
    REQUIRE(saved.ok());
    REQUIRE(saved->starts_with("file:"));
    const std::string path = saved->substr(5);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(sync::TokenVault::describe(saved.value()).find("0600") != std::string::npos);
    auto loaded = vault.load(saved.value(), "https://pretix.example", "demo");
    REQUIRE(loaded.ok());
    CHECK(loaded.value() == "s3cr3t-token");
    // Another remote gets its own file; a missing one is a clear error.
    auto other = vault.save("https://other.example", "demo", "another");
    REQUIRE(other.ok());
    CHECK(other.value() != saved.value());
    CHECK_FALSE(vault.load("file:" + (dir / "missing.token").string(), "x", "y").ok());
}

TEST_CASE("Secrets in URLs are percent-encoded except letters and digits") {
    CHECK(sync::HttpClient::escape("ab/c+d=e f") == "ab%2Fc%2Bd%3De%20f");
    CHECK(sync::HttpClient::escape("\xC3\xA4") == "%C3%A4");
}

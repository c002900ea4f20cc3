#!/usr/bin/env bash
# Installs what Box Office needs to build, test and run, and nothing that is already there.
# Debian/Ubuntu: installs the missing packages with apt-get (runs `apt-get update` once first).
# macOS and Windows: prints the equivalent Homebrew / MSYS2 packages to install by hand.
#
#   installer/install-deps.sh           build + run dependencies
#   installer/install-deps.sh --test    also what the test suite uses (Xvfb, poppler-utils, zbar, ...)
#   installer/install-deps.sh --bench   also what the benchmarks use (wrk, python3-reportlab, ...)
set -euo pipefail

want_test=0
want_bench=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --bench) want_test=1; want_bench=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install-deps.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

build_pkgs=(
  build-essential cmake ninja-build pkg-config ccache
  libwxgtk3.2-dev libsqlite3-dev libsqlitecpp-dev nlohmann-json3-dev rapidjson-dev
  libcurl4-openssl-dev libssl-dev libpoppler-glib-dev libcairo2-dev libpango1.0-dev
  libqrencode-dev libboost-dev libcpp-httplib-dev libcli11-dev libhowardhinnant-date-dev libfmt-dev libmimalloc-dev
  libsecret-1-dev libcups2-dev fonts-open-sans gettext dpkg-dev file desktop-file-utils
)
test_pkgs=(catch2 xvfb xauth poppler-utils qpdf zbar-tools sqlite3 procps iproute2 cups printer-driver-cups-pdf)
bench_pkgs=(wrk bc python3-reportlab python3-pypdf)

brew_pkgs="cmake ninja pkg-config wxwidgets sqlite sqlitecpp nlohmann-json rapidjson curl openssl poppler cairo pango qrencode boost cpp-httplib cli11 howard-hinnant-date fmt mimalloc catch2 gettext"
msys_pkgs="mingw-w64-ucrt-x86_64-{toolchain,cmake,ninja,pkgconf,wxwidgets3.2-msw,sqlite3,sqlitecpp,nlohmann-json,rapidjson,curl,openssl,poppler,cairo,pango,qrencode,boost,cpp-httplib,cli11,date,fmt,mimalloc,catch,gettext}"

case "$(uname -s)" in
  Darwin)
    echo "On macOS install the dependencies with Homebrew:"
    echo "  brew install $brew_pkgs"
    exit 0 ;;
  MINGW*|MSYS*|CYGWIN*)
    echo "On Windows install the dependencies in an MSYS2 UCRT64 shell:"
    echo "  pacman -S --needed $msys_pkgs"
    exit 0 ;;
esac

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps.sh: this script installs with apt-get (Debian 12 / Ubuntu)." >&2
  echo "Install these packages with your system's package manager: ${build_pkgs[*]}" >&2
  exit 1
fi

pkgs=("${build_pkgs[@]}")
[ "$want_test" = 1 ] && pkgs+=("${test_pkgs[@]}")
[ "$want_bench" = 1 ] && pkgs+=("${bench_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps.sh: all ${#pkgs[@]} packages are installed."
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps.sh: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps.sh: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

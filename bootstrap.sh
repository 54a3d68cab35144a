#!/usr/bin/env bash
# bootstrap.sh - set up a fresh Debian machine and build tonescope.
#
#   ./bootstrap.sh demo   install what is missing, build, analyse a corpus article
#   ./bootstrap.sh test   install what is missing, build, run the whole test suite
#                         twice: a -Werror build, then an ASan+UBSan build
#   ./bootstrap.sh build  install what is missing and build (build/tonescope)
#
# Needs root (or sudo) only to install packages, and only when some are missing.
set -euo pipefail
cd "$(dirname "$0")"

packages=(build-essential cmake pkg-config libstemmer-dev uthash-dev zlib1g-dev
          libcmocka-dev jq parallel man-db bc)

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "bootstrap: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

jobs=$(nproc 2>/dev/null || echo 2)

build() {  # build DIR [cmake options...]
    local dir=$1
    shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}

run_tests() {  # run_tests DIR
    ctest --test-dir "$1" --output-on-failure -j "$jobs"
}

case "${1:-demo}" in
demo)
    install_missing
    build build
    ./build/tonescope analyze corpus/learning-to-code.md
    ;;
build)
    install_missing
    build build
    ;;
test)
    install_missing
    echo "== build with -Werror" >&2
    build build -DTS_WERROR=ON
    run_tests build
    echo "== build with AddressSanitizer and UndefinedBehaviorSanitizer" >&2
    build build-asan -DTS_WERROR=ON -DTS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_tests build-asan
    ;;
*)
    echo "usage: ./bootstrap.sh demo|build|test" >&2
    exit 2
    ;;
esac

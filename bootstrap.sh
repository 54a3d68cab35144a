#!/usr/bin/env bash
# bootstrap.sh - set up a fresh Debian machine and build tonescope.
#
#   ./bootstrap.sh demo   install what is missing, build, analyse a corpus article
#   ./bootstrap.sh test   install what is missing, build, run every test:
#                           1. the suite in a -Werror build (with valgrind memcheck
#                              and the headless-browser test),
#                           2. the suite again under ASan+UBSan,
#                           3. static analysis (.ci/lint: clang-tidy, cppcheck),
#                           4. each libFuzzer harness for 60 s (TS_FUZZ_SECONDS)
#   ./bootstrap.sh build  install what is missing and build (build/tonescope)
#
# Needs root (or sudo) only to install packages, and only when some are missing.
set -euo pipefail
cd "$(dirname "$0")"

# what building and using tonescope needs
packages=(build-essential cmake pkg-config libstemmer-dev uthash-dev zlib1g-dev)
# and what its tests need: unit tests, CLI tests, memcheck, browser, lint, fuzz
test_packages=(libcmocka-dev jq parallel man-db bc time valgrind chromium clang
               libclang-rt-14-dev clang-tidy cppcheck)

install_missing() {
    local missing=()
    for p in "$@"; do
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

run_tests() {  # run_tests DIR [ctest options...]
    local dir=$1
    shift
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@"
}

case "${1:-demo}" in
demo)
    install_missing "${packages[@]}"
    build build -DTS_BUILD_TESTS=OFF
    ./build/tonescope analyze corpus/learning-to-code.md
    ;;
build)
    install_missing "${packages[@]}"
    build build -DTS_BUILD_TESTS=OFF
    ;;
test)
    install_missing "${packages[@]}" "${test_packages[@]}"
    echo "== build with -Werror, run the suite" >&2
    build build -DTS_WERROR=ON -DTS_BUILD_TESTS=ON
    run_tests build
    echo "== build with AddressSanitizer and UndefinedBehaviorSanitizer, run the suite" >&2
    build build-asan -DTS_WERROR=ON -DTS_SANITIZE=ON -DTS_BUILD_TESTS=ON \
        -DCMAKE_BUILD_TYPE=Debug
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_tests build-asan
    echo "== build with ThreadSanitizer, run the tests that use threads" >&2
    build build-tsan -DTS_WERROR=ON -DTS_TSAN=ON -DTS_BUILD_TESTS=ON
    TSAN_OPTIONS=halt_on_error=1 run_tests build-tsan \
        -R '^(unit[.]test_(analyzer|chunking|gz_members)|cli[.]test_(report|batch|signals|merge))$'
    echo "== static analysis" >&2
    .ci/lint
    echo "== fuzzing, ${TS_FUZZ_SECONDS:-60} s a harness" >&2
    tests/fuzz/run.sh "${TS_FUZZ_SECONDS:-60}"
    echo "all tests passed" >&2
    ;;
*)
    echo "usage: ./bootstrap.sh demo|build|test" >&2
    exit 2
    ;;
esac

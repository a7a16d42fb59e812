# The tests of the sanitizer tree (preset asan: AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer), included by tests/CMakeLists.txt when CDS_SANITIZE is set.
# scripts/test_asan.sh builds the tree and runs them; `make test` runs that script last.
#
# Each unit binary runs whole, as one test: one process per test case would start the sanitizer
# runtime a thousand times. The CLI and API suites drive build-asan/bin/congdanso, so that a
# finding in the server fails them too (the harness reads the sanitizer reports in the server's
# log and fails on a non-zero exit after SIGTERM, which is how LeakSanitizer reports at exit).
# The concurrency and crash tests, the browser journeys and the documentation checks run only
# in the default tree: they test timing, the web app and text, not memory.

# Every report ends the process with a non-zero status (the code is also compiled with
# -fno-sanitize-recover=all). Leaks are checked at exit. The options reach the server through
# the harness, which passes its environment on.
set(CDS_SANITIZER_ENV
  "ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:halt_on_error=1"
  "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")

foreach(layer common http feature)
  if(TARGET ${layer}_tests)
    add_test(NAME asan_unit_${layer} COMMAND ${layer}_tests)
  endif()
endforeach()
if(TARGET contract_tests)
  # On SQLite, and on PostgreSQL too when CDS_TEST_PG_URL is set (scripts/test.sh sets it).
  add_test(NAME asan_contract COMMAND contract_tests)
endif()

find_package(Python3 3.11 REQUIRED COMPONENTS Interpreter)
add_test(NAME asan_cli COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api/run_cli_tests.py
                               --binary $<TARGET_FILE:congdanso>)
# On SQLite only: the PostgreSQL store code runs under the sanitizers in asan_contract, and the
# API suite on PostgreSQL (about 2.5 minutes more under ASan) would take make test past its
# 30-minute budget on two cores; `make test-asan` can run it by hand (see docs/SECURITY.md).
add_test(NAME asan_api_sqlite
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api/run_api_tests.py
                 --binary $<TARGET_FILE:congdanso> --engine sqlite)

get_property(cds_sanitizer_tests DIRECTORY PROPERTY TESTS)
set_tests_properties(${cds_sanitizer_tests} PROPERTIES
  LABELS sanitize ENVIRONMENT "${CDS_SANITIZER_ENV}" TIMEOUT 1200 SKIP_RETURN_CODE 77)

# What scripts/test_asan.sh builds: the binaries above, not the benchmarks; fuzz/CMakeLists.txt
# adds the fuzz targets' seed replays (fuzz_replay_*), which then run under the sanitizers too.
add_custom_target(sanitize_build)
foreach(target congdanso common_tests http_tests feature_tests contract_tests)
  if(TARGET ${target})
    add_dependencies(sanitize_build ${target})
  endif()
endforeach()

# GCC 12 at -O1 with ASan finds std::regex's internals "maybe uninitialized" (a false positive of
# its flow analysis on instrumented code; the default tree keeps the warning for all files). These
# two tests are the files that include <regex>.
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/unit/features/news_markdown_test.cpp
                            ${CMAKE_CURRENT_SOURCE_DIR}/contract/report_service_test.cpp
                            PROPERTIES COMPILE_OPTIONS -Wno-maybe-uninitialized)

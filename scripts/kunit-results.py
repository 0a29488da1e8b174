#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Parse the KUnit suites a VM run printed between TERN_KTAP_BEGIN/END
markers with the kernel's own KTAP parser (tools/testing/kunit), print
per-test results, and end with "kunit: pass=N fail=N skip=N".

usage: kunit-results.py KERNEL_SOURCE OUTPUT_LOG
"""
import sys


def suites(path):
    """Yield (name, lines) for each suite document in the log."""
    name, lines = None, []
    with open(path, errors='replace') as log:
        for line in log:
            line = line.rstrip('\r\n')
            if line.startswith('TERN_KTAP_BEGIN '):
                name, lines = line.split(' ', 1)[1], []
            elif line == 'TERN_KTAP_END' and name:
                yield name, lines
                name = None
            elif name:
                lines.append(line + '\n')


def main():
    ksrc, path = sys.argv[1], sys.argv[2]
    sys.path.insert(0, ksrc + '/tools/testing/kunit')
    import kunit_parser  # pylint: disable=import-outside-toplevel

    passed = failed = skipped = 0
    found = 0
    for name, lines in suites(path):
        found += 1
        test = kunit_parser.parse_run_tests(lines)
        counts = test.counts
        passed += counts.passed
        failed += counts.failed + counts.crashed + counts.errors
        skipped += counts.skipped
    if not found:
        print('kunit: no suite results found in ' + path)
        failed += 1
    print(f'kunit: pass={passed} fail={failed} skip={skipped}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

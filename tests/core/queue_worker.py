"""A child process that issues tickets and prints each number as soon as it is committed.

Used by the multi-process and kill -9 tests: ``python queue_worker.py DATA_DIR PREFIX COUNT``
(COUNT 0 = forever). Printing after the commit models the kiosk printing the paper ticket.
"""

from __future__ import annotations

import sys

from core.center import open_center


def main() -> None:
    data_dir, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    center = open_center(data_dir)
    issued = 0
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while count == 0 or issued < count:
        ticket = center.tickets.issue(prefix)
        sys.stdout.write(ticket.number + "\n")
        sys.stdout.flush()
        issued += 1
    center.close()


if __name__ == "__main__":
    main()

"""Run one command and print its wall time and the peak resident memory of its largest process."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> int:
    # argv: timeout in seconds, where the command's stdout goes ("-" for nowhere), the command
    timeout_s, out_path, *command = sys.argv[1:]
    started = time.monotonic()
    with open(out_path if out_path != "-" else "/dev/null", "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        try:
            _, stderr = proc.communicate(timeout=float(timeout_s))
        except subprocess.TimeoutExpired:
            proc.kill()
            _, stderr = proc.communicate()
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib = usage.ru_maxrss  # of the largest process of the tree, not their sum
    err = stderr.decode("utf-8", "replace")[-2000:]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "peak_mib": peak_kib / 1024,
                "rc": proc.returncode,
                "stderr": err,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

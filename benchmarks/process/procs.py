#!/usr/bin/env python3
"""The seed's procs.py in one file: a job queue with poison pills over multiprocessing.

Checks the seed's 20 numbers with trial division on N worker processes (default: the core count) and prints
the seed's lines `n  P  elapsed` and `N checks in X.XXs`. benchmarks/process/run times it against
`primeflow check` as the CPython reference of workload G (issue 19).
Usage: python3 procs.py [WORKERS]
"""

import math
import sys
from multiprocessing import Process, SimpleQueue, cpu_count
from time import perf_counter
from typing import NamedTuple

NUMBERS = [
    2, 3333333333333333, 4444444444444444, 5555555555555555, 6666666666666666, 142702110479723,
    7777777777777777, 299593572317531, 9999999999999999, 3333333333333301, 3333335652092209,
    4444444488888889, 4444444444444423, 5555553133149889, 5555555555555503, 6666666666666719,
    6666667141414921, 7777777536340681, 7777777777777753, 9999999999999917,
]


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    root = math.isqrt(n)
    for i in range(3, root + 1, 2):
        if n % i == 0:
            return False
    return True


class PrimeResult(NamedTuple):
    n: int
    prime: bool
    elapsed: float


def check(n: int) -> PrimeResult:
    t0 = perf_counter()
    res = is_prime(n)
    return PrimeResult(n, res, perf_counter() - t0)


def worker(jobs: SimpleQueue, results: SimpleQueue) -> None:
    while n := jobs.get():  # 0 is the poison pill
        results.put(check(n))
    results.put(PrimeResult(0, False, 0.0))


def start_jobs(procs: int, jobs: SimpleQueue, results: SimpleQueue) -> None:
    for n in NUMBERS:
        jobs.put(n)
    for _ in range(procs):
        proc = Process(target=worker, args=(jobs, results))
        proc.start()
        jobs.put(0)


def report(procs: int, results: SimpleQueue) -> int:
    checked = 0
    procs_done = 0
    while procs_done < procs:
        n, prime, elapsed = results.get()
        if n == 0:
            procs_done += 1
        else:
            checked += 1
            label = 'P' if prime else ' '
            print(f'{n:16}  {label} {elapsed:9.6f}s')
    return checked


def main() -> None:
    procs = cpu_count() if len(sys.argv) < 2 else int(sys.argv[1])
    print(f'Checking {len(NUMBERS)} numbers with {procs} processes:')
    t0 = perf_counter()
    jobs: SimpleQueue = SimpleQueue()
    results: SimpleQueue = SimpleQueue()
    start_jobs(procs, jobs, results)
    checked = report(procs, results)
    elapsed = perf_counter() - t0
    print(f'{checked} checks in {elapsed:.2f}s')


if __name__ == '__main__':
    main()

# SPDX-License-Identifier: GPL-2.0-only
#
# netwatch - lightweight network interface statistics collector
# Copyright (C) 2019 Pinecone Networks
#
# This program is free software; you can redistribute it and/or modify
# it under the terms of the GNU General Public License version 2 as
# published by the Free Software Foundation.
#
# This program is distributed in the hope that it will be useful,
# but WITHOUT ANY WARRANTY; without even the implied warranty of
# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
# GNU General Public License for more details.
"""Read per-interface counters from /proc/net/dev and turn them into rates."""

import time
from dataclasses import dataclass

PROC_NET_DEV = "/proc/net/dev"


@dataclass
class Counters:
    rx_bytes: int
    rx_packets: int
    rx_errors: int
    tx_bytes: int
    tx_packets: int
    tx_errors: int


def parse_proc_net_dev(text):
    """Return {interface: Counters} from the contents of /proc/net/dev."""
    stats = {}
    for line in text.splitlines()[2:]:
        name, sep, rest = line.partition(":")
        if not sep:
            continue
        fields = [int(v) for v in rest.split()]
        # receive:  bytes packets errs drop fifo frame compressed multicast
        # transmit: bytes packets errs drop fifo colls carrier compressed
        stats[name.strip()] = Counters(
            rx_bytes=fields[0],
            rx_packets=fields[1],
            rx_errors=fields[2],
            tx_bytes=fields[8],
            tx_packets=fields[9],
            tx_errors=fields[10],
        )
    return stats


def read_counters(path=PROC_NET_DEV):
    with open(path, encoding="ascii") as f:
        return parse_proc_net_dev(f.read())


def rates(before, after, seconds):
    """Bytes per second received and sent per interface between two snapshots.

    A negative difference is taken to be the wrap of a 32-bit counter, which
    is what some older drivers still expose.
    """
    result = {}
    for name, new in after.items():
        old = before.get(name)
        if old is None or seconds <= 0:
            continue
        rx = new.rx_bytes - old.rx_bytes
        tx = new.tx_bytes - old.tx_bytes
        if rx < 0:
            rx += 1 << 32
        if tx < 0:
            tx += 1 << 32
        result[name] = (rx / seconds, tx / seconds)
    return result


def sample(interval=1.0):
    first = read_counters()
    start = time.monotonic()
    time.sleep(interval)
    second = read_counters()
    return rates(first, second, time.monotonic() - start)

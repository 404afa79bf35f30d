"""Object stores, as Beam's file systems open them, made cheap to open.

Beam 2.77's S3 file system makes a new boto3 session and client for every operation: a match,
an open, an exists, a rename. Each costs about 0.15 s of CPU here (botocore decoding its service
model), which a run that writes stats, parks batches and renames shards pays hundreds of times
(the whole recipe on the samples took 6x longer on S3 than on local paths). boto3's clients are
thread-safe, so one client per set of settings is shared instead; Beam's per-download state
stays in its own wrapper objects.
"""

from __future__ import annotations

import threading
from typing import Any

_clients: dict[tuple, Any] = {}
_lock = threading.Lock()


class _SharedClients:
    """Stands for boto3.session.Session in Beam's S3 client: `client(**settings)` returns
    the one client made with those settings."""

    def client(self, **settings: Any) -> Any:
        import boto3

        key = tuple(sorted(settings.items()))
        with _lock:
            if key not in _clients:
                _clients[key] = boto3.session.Session().client(**settings)
            return _clients[key]


class _Boto3:
    """The part of the boto3 module Beam's S3 client uses: `boto3.session.Session()`."""

    class session:  # noqa: N801 - the attribute path Beam calls
        Session = _SharedClients


def share_s3_clients() -> None:
    """Make Beam's S3 file system reuse its boto3 clients (where apache-beam[aws] is there)."""
    try:
        from apache_beam.io.aws.clients.s3 import boto3_client
    except ImportError:  # no aws extra: s3:// is not available anyway
        return
    if boto3_client.boto3 is not None:
        boto3_client.boto3 = _Boto3

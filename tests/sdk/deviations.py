"""Where `DjangoStore` deliberately answers differently from the SDK's own tests.

Keyed by the test's node id in the staged suite (`tests/sdk/suite.py`); each value is the reason.
Only two kinds of reason are allowed: not-found for another user's ids (our documented rule:
a foreign id behaves exactly like a missing one), and the wording of a message.
"""
from __future__ import annotations

_FOREIGN_THREAD_IS_NOT_FOUND = (
    "not-found for foreign ids: the SDK expects another user's thread to page as an empty list;"
    " DjangoStore raises NotFoundError, as it does for every other read of a foreign id"
)

_NOT_FOUND_WORDING = (
    "message wording: the SDK's sample store says \"Thread <id> not found\"; ours says \"No thread '<id>'.\""
    " (the same NotFoundError, the words every not-found answer of ours uses)"
)

DEVIATIONS: dict[str, str] = {
    "tests/test_store.py::TestSqliteStore::test_thread_items_isolation_by_user": _FOREIGN_THREAD_IS_NOT_FOUND,
    "tests/test_store.py::TestSqliteStoreCustomIds::test_thread_items_isolation_by_user": _FOREIGN_THREAD_IS_NOT_FOUND,
    "tests/test_chatkit_server.py::test_delete_thread": _NOT_FOUND_WORDING,
}

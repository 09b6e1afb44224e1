"""How check_paths spreads reports over worker processes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factdesk.claims.run import _batches


@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=2, max_value=8))
def test_batches_keep_every_file_in_order_and_shrink_towards_the_end(total, jobs):
    files = [f"r{i:05}.txt" for i in range(total)]
    batches = _batches(files, jobs)
    assert [f for batch in batches for f in batch] == files  # each report once, in order
    sizes = [len(b) for b in batches]
    assert all(1 <= size <= 64 for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    # the last batch is small, so no worker waits long on another's: a few reports at most
    assert not sizes or sizes[-1] <= 2

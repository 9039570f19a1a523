"""A kernel that dies while starting (a port race between parallel workers) is retried;
one that keeps dying fails the job with its own error."""

from __future__ import annotations

import pytest

from policylab.batch import engine


def test_a_kernel_that_dies_at_start_is_replaced(tmp_path, monkeypatch):
    log = tmp_path / "kernel.log"
    monkeypatch.setattr(engine, "_KERNEL_LOG", log)
    kernel = engine.KeptKernel()
    real_start, calls = kernel._start_once, []

    def dies_first(cwd, timeout):
        calls.append(cwd)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        real_start(cwd, timeout)

    monkeypatch.setattr(kernel, "_start_once", dies_first)
    try:
        kernel.prepare(tmp_path, start_timeout=60)
        assert kernel.alive and kernel.starts == 1 and len(calls) == 2
        assert "kernel start 1/3 failed: Kernel died" in log.read_text()
    finally:
        kernel.shutdown()


def test_a_kernel_that_keeps_dying_fails_with_its_error(tmp_path, monkeypatch):
    kernel = engine.KeptKernel()
    calls = []

    def always_dies(cwd, timeout):
        calls.append(cwd)
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(kernel, "_start_once", always_dies)
    with pytest.raises(RuntimeError, match="Kernel died"):
        kernel.start(tmp_path, start_timeout=60)
    assert len(calls) == engine.START_ATTEMPTS and not kernel.alive

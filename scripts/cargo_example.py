"""Builds a release example of the workspace and returns the path of its binary; shared by the
comparison and parity scripts (`from cargo_example import build_example`)."""

import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_example(package, example):
    """`cargo build --release -p PACKAGE --example EXAMPLE`; the binary's path (honours
    CARGO_TARGET_DIR, else the workspace's target/)."""
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", package, "--example", example],
        cwd=ROOT,
        check=True,
    )
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "examples", example)

"""The spec's Quick Start on the package as scripts/install-python.sh installed it (issue 12).

    /usr/bin/python3 installed_quick_start.py SPEC SOURCE_DIR BUILD_DIR

Run by install_python_script_test.sh after scripts/install-python.sh. The block is taken from the
spec the way test_spec_blocks.py takes it (its own functions, so the two cannot drift), written
into a fresh temporary folder and run there by a fresh /usr/bin/python3 with no PYTHONPATH:
`managers` must come from the system Python's site-packages, not from the source or build tree.
"""

import os
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import test_spec_blocks  # noqa: E402  (imports `managers`: the installed one, nothing else is on the path)

PYTHON = "/usr/bin/python3"


def clean_environment(home):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("ORDER_", "PYTHON", "AWS_"))}  # no PYTHONPATH, no store settings
    env["HOME"] = home  # no ~/.local site-packages of the caller
    return env


def main(spec, source_dir, build_dir):
    block = test_spec_blocks.block_named(pathlib.Path(spec), "quick_start_sqlite")
    with tempfile.TemporaryDirectory(prefix="om-installed-") as folder:
        pathlib.Path(folder, "quick_start.py").write_text(block, encoding="utf-8")
        env = clean_environment(folder)
        where = subprocess.run([PYTHON, "-c", "import managers, managers._core as c; print(managers.__file__); print(c.__file__)"],
                               cwd=folder, env=env, capture_output=True, text=True, timeout=60)
        if where.returncode != 0:
            sys.exit(f"FAIL: the installed package does not import:\n{where.stderr}")
        for path in where.stdout.split():
            resolved = pathlib.Path(path).resolve()
            for tree in (source_dir, build_dir):
                if resolved.is_relative_to(pathlib.Path(tree).resolve()):
                    sys.exit(f"FAIL: {path} was imported from {tree}, not from the installed package")
            if "-packages" not in resolved.parts[-3]:
                sys.exit(f"FAIL: {path} is not in a site-packages folder")
        print(f"managers imported from {where.stdout.split()[0]}")

        result = subprocess.run([PYTHON, "quick_start.py"], cwd=folder, env=env, capture_output=True, text=True,
                                timeout=120)
        if result.returncode != 0:
            sys.exit(f"FAIL: the Quick Start exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        for expected in test_spec_blocks.QUICK_START_SUMMARY:
            if expected not in result.stdout:
                sys.exit(f"FAIL: the Quick Start did not print {expected!r}; it printed:\n{result.stdout}")
        if not pathlib.Path(folder, "conversations.db").is_file():
            sys.exit("FAIL: the Quick Start wrote no conversations.db into its folder")
        print(result.stdout, end="")
        print("the spec's Quick Start ran on the installed package")


if __name__ == "__main__":
    main(*sys.argv[1:4])

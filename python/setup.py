"""Builds the extension managers._core with the project's CMake build (the same target as the
normal build, python/CMakeLists.txt) for the interpreter running this script, and puts it into
the package. Metadata is in pyproject.toml."""

import os
import pathlib
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

PROJECT = pathlib.Path(__file__).resolve().parent.parent  # the C++ project's root


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = PROJECT / "build" / "python-package"
        jobs = os.environ.get("ORDER_MANAGER_JOBS", str(os.cpu_count() or 2))
        subprocess.run(["cmake", "-S", str(PROJECT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                        f"-DPython3_EXECUTABLE={sys.executable}", "-DORDER_MANAGER_BUILD_PYTHON=ON",
                        "-DORDER_MANAGER_BUILD_TESTS=OFF", "-DORDER_MANAGER_BUILD_BENCH=OFF"], check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "-j", jobs, "--target", "managers_python"], check=True)
        built = next((build_dir / "python" / "managers").glob("_core*.so"))
        destination = pathlib.Path(self.get_ext_fullpath(ext.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        self.copy_file(str(built), str(destination))


setup(ext_modules=[CMakeExtension("managers._core")], cmdclass={"build_ext": CMakeBuild})

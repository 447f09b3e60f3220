#!/usr/bin/env bash
# Builds the Python package `managers` and installs it into Debian's system Python 3
# (/usr/bin/python3; ORDER_MANAGER_PYTHON=... picks another interpreter), so that
# `python3 -c "import managers"` works from any folder. Offline: Debian packages only.
#
# The standard route: `pip install --no-build-isolation ./python`. Its build backend is
# setuptools (Debian's python3-setuptools), whose setup.py runs this project's CMake build of
# the extension; --no-build-isolation makes pip use the installed setuptools instead of
# fetching one, --no-index keeps it from any package index, and --break-system-packages is how
# Debian 12's pip agrees to install into the system Python (into /usr/local/lib/python3.*/
# dist-packages, apart from apt's own files). `pip uninstall --break-system-packages managers`
# removes it.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${ORDER_MANAGER_PYTHON:-/usr/bin/python3}

scripts/install-deps.sh --python
"$python" -m pip install --no-build-isolation --no-index --no-deps --break-system-packages \
  --disable-pip-version-check --root-user-action=ignore --upgrade ./python

# From an unrelated folder, so the source tree's python/ cannot be what is imported.
cd /
"$python" - <<'PY'
import managers
from managers import OrderManager, OrderManagerDynamoDB, OrderStatus
from managers.order_manager_factory import OrderManagerFactory, OrderManagerType
manager = OrderManager(db_path=":memory:")
assert manager.create_order("ORD-1", "C-1", "Ann", [{"item_name": "Tea", "quantity": 3, "unit_price": 0.1}], 0.3)
assert manager.get_order("ORD-1")["items"][0]["subtotal"] == 0.3
print(f"managers installed: {managers.__file__}")
PY

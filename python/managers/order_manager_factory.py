"""OrderManagerFactory: build either engine by type, or from the environment.

Both methods go through the C++ factory (managers::OrderManagerFactory), so the environment
variables and their rules are the same as for the C++ library and the order-manager CLI:
ORDER_MANAGER_TYPE ("sqlite" or "dynamodb", any case; default sqlite), ORDER_DB_PATH
(default "conversations.db"), ORDER_TABLE_NAME (default "orders"), and for DynamoDB the AWS
variables (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, credentials). Explicit arguments win.
"""

import os
from enum import Enum

from . import _core
from .order_managers import OrderManager, OrderManagerDynamoDB


class OrderManagerType(Enum):
    """The two engines."""

    SQLITE = "sqlite"
    DYNAMODB = "dynamodb"


# The Python class of each engine, by the C++ engine table's name for it.
_CLASS_OF_BACKEND = {"sqlite": OrderManager, "dynamodb": OrderManagerDynamoDB}


def _wrap(engine):
    return _CLASS_OF_BACKEND[engine.backend_name]._from_engine(engine)


def _optional_path(path):
    return None if path is None else os.fspath(path)


class OrderManagerFactory:
    """Creates OrderManager or OrderManagerDynamoDB instances."""

    @staticmethod
    def create(manager_type, db_path=None, table_name=None, region=None, *, decimal_money=False):
        """Create the engine manager_type (an OrderManagerType, or "sqlite"/"dynamodb").

        SQLite takes db_path (default "conversations.db"); DynamoDB takes table_name (default
        "orders") and region. No ORDER_* variable is read. Raises ConfigurationError for an
        unknown type or an invalid value.
        """
        type_text = manager_type.value if isinstance(manager_type, OrderManagerType) else manager_type
        return _wrap(_core.create(type_text, db_path=_optional_path(db_path), table_name=table_name,
                                  region=region, decimal_money=decimal_money))

    @staticmethod
    def create_from_env(db_path=None, table_name=None, region=None, *, decimal_money=False):
        """Create the engine named by ORDER_MANAGER_TYPE (default sqlite).

        Arguments not given come from ORDER_DB_PATH and ORDER_TABLE_NAME, then the defaults;
        region from the AWS variables. Raises ConfigurationError naming the variable for a bad
        value.
        """
        return _wrap(_core.create_from_env(db_path=_optional_path(db_path), table_name=table_name,
                                           region=region, decimal_money=decimal_money))

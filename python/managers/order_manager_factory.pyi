from enum import Enum
from os import PathLike
from typing import Optional, Union

from . import OrderManager, OrderManagerDynamoDB

class OrderManagerType(Enum):
    SQLITE = "sqlite"
    DYNAMODB = "dynamodb"

class OrderManagerFactory:
    @staticmethod
    def create(manager_type: Union[OrderManagerType, str], db_path: Union[str, PathLike[str], None] = None,
               table_name: Optional[str] = None, region: Optional[str] = None, *,
               decimal_money: bool = False) -> Union[OrderManager, OrderManagerDynamoDB]: ...
    @staticmethod
    def create_from_env(db_path: Union[str, PathLike[str], None] = None, table_name: Optional[str] = None,
                        region: Optional[str] = None, *,
                        decimal_money: bool = False) -> Union[OrderManager, OrderManagerDynamoDB]: ...

# Type stubs of the managers package (the spec's API on the C++ core).
from decimal import Decimal
from enum import Enum
from os import PathLike
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

Money = Union[float, int, Decimal, str]
"""Money in: float, int, Decimal or a decimal str such as "3.50". Kept as exact cents."""

MoneyOut = Union[float, Decimal]
"""Money out: float by default, Decimal with decimal_money=True."""

StatusArgument = Union["OrderStatus", str]
"""An OrderStatus member, its value ("Being prepared") or its name ("PREPARING"), any case."""

class OrderStatus(Enum):
    PENDING = "Pending"
    CONFIRMED = "Confirmed"
    PREPARING = "Being prepared"
    READY = "Ready for pickup"
    COMPLETED = "Completed"
    CANCELLED = "Cancelled"

class OrderManagerError(Exception): ...

class ValidationError(OrderManagerError, ValueError):
    field: Optional[str]
    rule: Optional[str]
    def __init__(self, message: str, field: Optional[str] = ..., rule: Optional[str] = ...) -> None: ...

class StorageError(OrderManagerError):
    backend: Optional[str]
    code: Optional[str]
    backend_message: Optional[str]
    def __init__(self, message: str, backend: Optional[str] = ..., code: Optional[str] = ...,
                 backend_message: Optional[str] = ...) -> None: ...

class ConfigurationError(OrderManagerError): ...

# An order: order_id, customer_id, customer_name, total_price, status, created_at, updated_at,
# estimated_ready_time, conversation_id, metadata, items [{item_name, quantity, unit_price,
# subtotal}], status_history [{status, changed_at}].
OrderRecord = Dict[str, Any]

class _OrderManagerBase:
    @property
    def backend_name(self) -> str: ...
    @property
    def decimal_money(self) -> bool: ...
    def create_order(self, order_id: str, customer_id: str, customer_name: str,
                     items: Sequence[Mapping[str, Any]], total_price: Money,
                     conversation_id: Optional[str] = None, estimated_ready_time: Optional[str] = None,
                     metadata: Optional[Mapping[str, Any]] = None) -> bool: ...
    def get_order(self, order_id: str) -> Optional[OrderRecord]: ...
    def get_customer_orders(self, customer_name: str, limit: Optional[int] = None,
                            status: Optional[StatusArgument] = None) -> List[OrderRecord]: ...
    def get_customer_last_order(self, customer_id: str) -> Optional[OrderRecord]: ...
    def update_order_status(self, order_id: str, status: StatusArgument) -> bool: ...
    def update_order_ready_time(self, order_id: str, estimated_ready_time: str) -> bool: ...
    def get_orders_by_status(self, status: StatusArgument, limit: Optional[int] = None) -> List[OrderRecord]: ...
    def get_order_statistics(self) -> Dict[str, Any]: ...
    def delete_order(self, order_id: str) -> bool: ...
    def clear_all_orders(self) -> None: ...
    def format_order_summary(self, order_id: str) -> str: ...
    def get_order_json(self, order_id: str) -> Optional[str]: ...

class OrderManager(_OrderManagerBase):
    def __init__(self, db_path: Union[str, PathLike[str]] = "conversations.db", *,
                 decimal_money: bool = False) -> None: ...
    @property
    def db_path(self) -> str: ...

class OrderManagerDynamoDB(_OrderManagerBase):
    def __init__(self, table_name: str = "orders", region: Optional[str] = None, *,
                 decimal_money: bool = False) -> None: ...
    @property
    def table_name(self) -> str: ...
    @property
    def region(self) -> str: ...

__all__ = ["OrderManager", "OrderManagerDynamoDB", "OrderStatus", "OrderManagerError", "ValidationError",
           "StorageError", "ConfigurationError"]

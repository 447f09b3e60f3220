"""OrderStatus, exactly as in the spec."""

from enum import Enum


class OrderStatus(Enum):
    """The six statuses of an order. The stored and returned form is the value.

    COMPLETED and CANCELLED are final: an order in them never changes status again.
    """

    PENDING = "Pending"
    CONFIRMED = "Confirmed"
    PREPARING = "Being prepared"
    READY = "Ready for pickup"
    COMPLETED = "Completed"
    CANCELLED = "Cancelled"

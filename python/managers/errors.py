"""The exceptions of the managers package.

Every error the package raises for bad input, a storage failure or a bad configuration
derives from OrderManagerError. The spec's documented results stay what they are: a missing
order is None, a refused update or a duplicate create is False — never an exception.
"""


class OrderManagerError(Exception):
    """Base class of the package's errors."""


class ValidationError(OrderManagerError, ValueError):
    """An argument broke a documented rule; nothing was written.

    ``field`` names the argument (``"items[1].quantity"``), ``rule`` what it must satisfy.
    """

    def __init__(self, message, field=None, rule=None):
        super().__init__(message)
        self.field = field
        self.rule = rule


class StorageError(OrderManagerError):
    """The storage engine failed (disk full, database locked, a DynamoDB or network error).

    ``backend`` is ``"sqlite"`` or ``"dynamodb"``; ``code`` the engine's own code
    (``"SQLITE_BUSY"``, ``"ResourceNotFoundException"``); ``backend_message`` its message.
    """

    def __init__(self, message, backend=None, code=None, backend_message=None):
        super().__init__(message)
        self.backend = backend
        self.code = code
        self.backend_message = backend_message


class ConfigurationError(OrderManagerError):
    """The manager could not be set up as asked (an unknown ORDER_MANAGER_TYPE, a table of
    another layout, a database file of a newer schema)."""

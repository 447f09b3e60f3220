#pragma once

namespace managers::python {

// Maps the library's exceptions onto the package's (managers/errors.py), keeping their
// attributes: ValidationError(field, rule) — also a ValueError —, StorageError(backend, code,
// backend_message), ConfigurationError, and OrderManagerError for anything else of ours.
void register_error_translation();

}  // namespace managers::python

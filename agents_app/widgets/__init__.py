"""Widgets the guide renders, built as plain JSON shapes and checked against the SDK's models."""
from __future__ import annotations

import warnings

# The SDK marks its named widget classes deprecated for *authoring*; we only use them to validate
# shapes a model hands us, which is what they remain good for. Keep that one warning quiet.
warnings.filterwarnings("ignore", message="Direct usage of named widget classes", category=DeprecationWarning)

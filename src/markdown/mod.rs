//! Markdown import (placeholder until the importer lands).

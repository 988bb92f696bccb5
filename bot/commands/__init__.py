"""Click command groups beyond the core listing commands, one module per area."""

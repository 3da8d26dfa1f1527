"""Dashboard pages of engagement (decision 0005), one module per area."""

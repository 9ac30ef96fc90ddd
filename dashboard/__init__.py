"""Every surface a person touches: the `diplomap` CLI, the dashboard, the exports."""

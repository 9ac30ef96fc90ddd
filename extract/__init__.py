"""Articles in, events out: recognition, dates, meetings, merging and the event store."""

"""Writes of webhooks, one module per noun: endpoints, the events services emit, and their deliveries."""

"""The write side: one module per capability, each function taking the acting user."""

"""The Streamlit layer, and its one rule: it draws and decides nothing.

Reads go through `state.py` (cached on the data version and the sensitivities the user may see);
every service call goes through `actions.py`, the one runner and the one outcome renderer. No
file here opens a session or writes SQL (ruff's banned-api in `ui/ruff.toml`), and what a user
may do is asked of `monitor.core.permissions`, never worked out from a role by hand.
"""

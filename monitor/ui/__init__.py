"""The Streamlit layer: pages draw and call monitor services; nothing here decides."""

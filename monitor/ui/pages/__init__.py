"""The pages `app.py` navigates to, and their one rule: widgets -> one state or service call ->
render, in about 80 lines (tests/ui/test_walls.py fails a page over 100).

Anything longer is a component (`monitor.ui.components`). The file names are part of the app:
`app.py` and `AppTest.switch_page` name pages by their files.
"""

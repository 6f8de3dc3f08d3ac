"""`python -m monitor.cli`, as the tests and the browser bench start it."""

from monitor.cli import main

main()

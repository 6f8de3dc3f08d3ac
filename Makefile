# Shortcuts for developers; tasks.py does the work (a fresh machine needs only Python 3.11).
.PHONY: run test lint setup
run:
	python3 tasks.py run
test:
	python3 tasks.py test
lint:
	python3 tasks.py lint
setup:
	python3 tasks.py setup

"""Field limits, named once: the table's column and the input model read these.

Why one place: a limit written twice drifts (a model that accepts 400 characters for a column
of 300 loses what a person typed at save time).

A form's text box is not given the limit as `max_chars`: the browser then refuses a longer
paste without a word and the box stays as it was (a long description pasted into an empty box
was lost, and the empty box saved). The input model refuses it at the save instead, naming the
field and its limit, with the text kept in the box to shorten.
"""

from __future__ import annotations

# evidence
DEMANDS_PER_ENTRY = 20
EVIDENCE_TITLE = 300
EVIDENCE_DESCRIPTION = 20_000
CODE = 32  # region, settlement and draft codes
SETTLEMENT_NAME = 200
URL = 2000
SOURCE_TITLE = 500
PEOPLE_MAX = 10_000_000
CREDIBILITY_MIN, CREDIBILITY_MAX = 1, 6
REASON = 2000  # withdraw, reopen, restore, reject
UID = 64  # an entry's stable id: a UUID, or an id elsewhere with its system (kobo:<uuid>)
LANGUAGE = 16

# assessments
SCORE_MIN, SCORE_MAX = 0, 3
RATIONALE = 10_000
EVIDENCE_IDS_PER_ASSESSMENT = 500

# drafts and coverage
DRAFT_CODE_MIN = 2
DRAFT_TITLE = 300
PROPONENT = 300
CONFIDENCE = 200
DRAFT_NOTES = 4000
DRAFT_SOURCES = 4000
POINT_LABEL = 16
POINT_TEXT = 10_000
COVERAGE_POINTS = 500
COVERAGE_NOTE = 4000

# accounts
USERNAME_MIN, USERNAME = 2, 64
DISPLAY_NAME = 200
EMAIL = 254  # the longest address SMTP can deliver to (RFC 5321 with its erratum)
ORGANISATION_CODE, ORGANISATION_NAME = 16, 200  # an organisation's short code and name
PASSWORD_MIN, PASSWORD = 10, 1024

# settings an admin changes in the app
SETTING_KEY, SETTING_VALUE = 64, 1000

# inbox
INBOX_EXTERNAL_ID = 500
INBOX_TITLE = 500
INBOX_SUMMARY = 4000
INBOX_NOTE = 1000

# captures of a source (what the fetched page said, cut to the columns)
PAGE_TITLE = 500
CONTENT_TYPE = 200
CAPTURE_ERROR = 1000

# files (MB, as the upload widgets announce them) and imports
ATTACHMENT_MB = 20
DRAFT_FILE_MB = 5
IMPORT_FILE_MB = 200  # a 100,000-row evidence briefing is about 40 MB
FEED_MB = 5
FILENAME = 255
# an import streams, so it has no row limit; a file wider than any form, or a cell longer than
# any field could hold, is refused as a whole (with the row named) before it costs memory
IMPORT_COLUMNS = 300
IMPORT_CELL = 100_000
# an XLSX import unpacks to no more than this, packed no more than 100 to 1 (a zip bomb)
IMPORT_XLSX_UNPACKED_MB = 4096
MAPPING_NAME = 64  # the name a saved import mapping is chosen by

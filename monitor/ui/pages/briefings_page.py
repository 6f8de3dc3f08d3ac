"""Briefings: choose a CSV for partners, filter it, preview it, see its provenance, download it."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from monitor import briefings
from monitor.errors import InvalidInput, MonitorError
from monitor.i18n import LANGUAGES, enum_label, t
from monitor.models import Role, Verification
from monitor.queries.filters import EvidenceFilters
from monitor.ui import state

lang = state.lang()
actor = state.actor()
st.title(t("brief.title", lang))
st.caption(t("brief.caption", lang))

demands = state.demand_titles(lang)
regions = state.regions(lang)
titles = dict(zip(demands["code"], demands["title"], strict=True))
names = dict(zip(regions["code"], regions["name"], strict=True))
kinds = [*briefings.KINDS, "pack"]

kind = st.radio(
    t("brief.kind", lang),
    kinds,
    format_func=lambda k: t(f"brief.kind.{k}", lang),
    horizontal=True,
    key="brief.kind",
)
a, b, c = st.columns(3)
chosen_demands = a.multiselect(
    t("field.demands", lang),
    list(titles),
    format_func=lambda d: f"{d} · {titles[d]}",
    placeholder=t("form.choose", lang),
    key="brief.demands",
)
chosen_regions = b.multiselect(
    t("field.region", lang),
    list(names),
    format_func=names.__getitem__,
    placeholder=t("form.choose", lang),
    key="brief.regions",
)
verification = c.multiselect(
    t("field.verification", lang),
    [v.value for v in Verification],
    format_func=lambda v: enum_label("verification", v, lang),
    placeholder=t("form.choose", lang),
    key="brief.verification",
)
a, b, c, d = st.columns(4)
date_from = a.date_input(
    t("register.date_from", lang), value=None, key="brief.from", format="YYYY-MM-DD"
)
date_to = b.date_input(t("register.date_to", lang), value=None, key="brief.to", format="YYYY-MM-DD")
file_lang = c.selectbox(
    t("brief.file_lang", lang),
    list(LANGUAGES),
    index=list(LANGUAGES).index(lang),
    format_func=LANGUAGES.__getitem__,
    key="brief.lang",
)
excel = d.toggle(t("brief.excel", lang), key="brief.excel", help=t("brief.excel_help", lang))
restricted = st.checkbox(
    t("brief.include_restricted", lang), key="brief.restricted", disabled=actor.role == Role.VIEWER
)
confidential = False
if actor.role == Role.ADMIN:
    confidential = st.checkbox(t("brief.include_confidential", lang), key="brief.confidential")

options = briefings.BriefingOptions(
    filters=EvidenceFilters(
        demands=tuple(chosen_demands),
        regions=tuple(chosen_regions),
        date_from=date_from,
        date_to=date_to,
        verification=tuple(verification),
    ),
    lang=file_lang,
    include_restricted=restricted,
    include_confidential=confidential,
)
now = datetime.now(UTC)
try:
    header, first, total = briefings.preview(
        state.engine(), actor, kind, options, today=state.today()
    )
except InvalidInput as err:
    st.error("; ".join(f"{f}: {t(k, lang, **p)}" for f, (k, p) in err.problems.items()) or str(err))
    st.stop()
except MonitorError as err:
    st.error(t(err.key, lang, message=str(err)))
    st.stop()

st.metric(t("brief.rows", lang), f"{total:,}")
st.dataframe(pd.DataFrame(first, columns=header), hide_index=True, width="stretch")
with st.container(border=True):
    st.markdown(
        t(
            "brief.provenance",
            lang,
            when=now.strftime("%Y-%m-%d %H:%M UTC"),
            user=actor.username,
            version=state.data_version(),
            rows=f"{total:,}",
        )
    )
    f = options.filters
    st.caption(
        t(
            "brief.filters_used",
            lang,
            demands=", ".join(f.demands) or "*",
            regions=", ".join(f.regions) or "*",
            start=f.date_from or "*",
            end=f.date_to or "*",
            sensitivity=", ".join(options.sensitivities()),
        )
    )
st.download_button(
    t("brief.download", lang),
    data=lambda: briefings.download_bytes(
        state.engine(), actor, kind, options, excel=excel, now=datetime.now(UTC)
    ),
    file_name=briefings.file_name(kind, excel=excel, now=now),
    mime="application/zip" if kind == "pack" else "text/csv",
    on_click="ignore",
    type="primary",
    key="brief.download",
)

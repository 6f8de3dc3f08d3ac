"""Accounts for an admin: who has which role, add one, change another's role or access."""

from __future__ import annotations

from typing import Any

import streamlit as st

from monitor.core import limits
from monitor.core.models import Role, User
from monitor.core.passwords import hash_password
from monitor.core.permissions import Actor
from monitor.i18n import enum_label, t
from monitor.queries import accounts as account_queries
from monitor.services import accounts
from monitor.ui import actions, state
from monitor.ui.actions import phrase, success

SLOT = "admin"
ROLES = [r.value for r in Role]


def _add_user(
    *, session: Any, actor: Actor, username: str, role: Role, password: str, organisation: str
) -> User:
    """An account with its password checked and hashed, as `monitor user add` makes one."""
    return accounts.add_user(
        session=session,
        actor=actor,
        username=username,
        role=role,
        password_hash=hash_password(accounts.check_password(password)),
        organisation=organisation or None,
    )


def _add_user_and_email(
    *, session: Any, actor: Actor, email: str, password: str, **given: Any
) -> User:
    """`_add_user`, then the e-mail the organisation's provider signs the person in with: in
    one transaction, so a refused e-mail creates no account. With an e-mail and no password,
    the account signs in only through the provider (no password to guess or to leak)."""
    if email.strip() and not password:
        if "organisation" in given:
            given["organisation"] = given["organisation"] or None
        return accounts.add_user_with_email(
            session=session, actor=actor, email=email, password_hash=None, **given
        )
    user = _add_user(session=session, actor=actor, password=password, **given)
    if email.strip():
        accounts.set_email(session=session, actor=actor, username=user.username, email=email)
    return user


@actions.callback(SLOT)
def _save_email(username: str) -> None:
    """The e-mail typed for another user, saved when clicked (blank clears it)."""
    actions.run(
        SLOT,
        accounts.set_email,
        done=success("admin.email_saved", name=username),
        username=username,
        email=st.session_state.get("admin.email") or "",
    )


@actions.callback(SLOT)
def _create() -> None:
    """Read the form when clicked; the password is emptied from the session whatever happens."""
    s = st.session_state
    password = s.get("admin.new_password") or ""
    s["admin.new_password"] = ""
    name = s.get("admin.new_user") or ""
    actions.run(
        SLOT,
        _add_user_and_email,
        done=success("admin.created", name=name),
        email=s.get("admin.new_email") or "",
        username=name,
        role=Role(s["admin.new_role"]),
        password=password,
        organisation=s.get("admin.new_organisation") or "",
    )


@actions.callback(SLOT)
def _apply(username: str) -> None:
    """Another user's role and access as the widgets hold them when clicked."""
    s = st.session_state
    actions.run(
        SLOT,
        accounts.change,
        done=success("entry.done", action=phrase("action.user_changed", name=username)),
        username=username,
        role=Role(s["admin.role"]),
        active=bool(s["admin.is_active"]),
    )


def show(me: str, *, lang: str) -> list[str]:
    """The accounts table and the two forms; returns every user name (the audit filter's)."""
    people = list(state.users().itertuples(index=False, name=None))
    oidc = state.settings().oidc  # e-mails matter only with an organisation's provider
    emails = (actions.read(account_queries.emails) or {}) if oidc else {}
    member = state.memberships()
    st.dataframe(
        [
            {
                t("auth.username", lang): n,
                t("admin.role", lang): enum_label("role", r, lang),
                t("admin.active", lang): t("yes" if a else "no", lang),
                **({t("admin.email", lang): emails.get(n, "")} if oidc else {}),
                t("field.organisation", lang): member.get(n, ""),
            }
            for n, r, a in people
        ],
        hide_index=True,
    )
    with st.expander(t("admin.add_user", lang)):
        st.text_input(t("auth.username", lang), key="admin.new_user", max_chars=limits.USERNAME)
        st.selectbox(
            t("admin.role", lang),
            ROLES,
            key="admin.new_role",
            format_func=lambda r: enum_label("role", r, lang),
        )
        st.selectbox(
            t("field.organisation", lang),
            list(state.organisations()["code"]),
            key="admin.new_organisation",
        )
        st.text_input(
            t("auth.password", lang),
            type="password",
            key="admin.new_password",
            max_chars=limits.PASSWORD,
        )
        if oidc:
            st.text_input(
                t("admin.email", lang),
                key="admin.new_email",
                max_chars=limits.EMAIL,
                help=t("admin.email_help", lang),
            )
        st.button(t("admin.create", lang), on_click=_create, key="admin.create")
    with st.expander(t("admin.change", lang)):
        others = [n for n, _, _ in people if n != me]
        who = st.selectbox(t("auth.username", lang), others, key="admin.who") if others else None
        st.selectbox(
            t("admin.role", lang),
            ROLES,
            key="admin.role",
            format_func=lambda r: enum_label("role", r, lang),
        )
        st.checkbox(t("admin.active", lang), value=True, key="admin.is_active")
        if who:
            st.button(t("admin.apply", lang), key="admin.apply", on_click=_apply, args=(who,))
        if who and oidc:
            st.text_input(t("admin.email", lang), key="admin.email", max_chars=limits.EMAIL)
            st.button(
                t("admin.set_email", lang), key="admin.set_email", on_click=_save_email, args=(who,)
            )
    return [n for n, _, _ in people]

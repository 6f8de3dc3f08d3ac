"""UI text in Ukrainian and English, from one catalogue; t(key, lang, **params)."""

from __future__ import annotations

import pandas as pd

LANGUAGES = {"uk": "Українська", "en": "English"}
DEFAULT_LANGUAGE = "uk"

CATALOGUE: dict[str, dict[str, str]] = {
    "app.title": {"en": "Demands Monitor", "uk": "Монітор вимог"},
    "app.tagline": {
        "en": "Ten human-rights demands for Ukrainians in the temporarily occupied territories, "
        "tracked against evidence and peace drafts.",
        "uk": "Десять правозахисних вимог щодо українців на тимчасово окупованих територіях: "
        "докази та проєкти мирних угод.",
    },
    "sidebar.language": {"en": "Language", "uk": "Мова"},
    "sidebar.local_user": {
        "en": "Single-user mode: acting as local user “{name}” ({role}). Sign-in is not set up.",
        "uk": "Режим одного користувача: дієте як локальний користувач «{name}» ({role}). "
        "Вхід не налаштовано.",
    },
    "sidebar.database": {"en": "Database: {backend}", "uk": "База даних: {backend}"},
    "nav.overview": {"en": "Overview", "uk": "Огляд"},
    "overview.title": {"en": "Where the ten demands stand", "uk": "Стан десяти вимог"},
    "overview.caption": {
        "en": "Current status is the latest published assessment on the Peace Accords Matrix "
        "scale (0 not met to 3 met). Withdrawn evidence is not counted.",
        "uk": "Поточний статус — остання опублікована оцінка за шкалою Peace Accords Matrix "
        "(від 0 «не виконано» до 3 «виконано»). Відкликані докази не враховано.",
    },
    "overview.empty": {
        "en": "No demands are loaded yet. Run `monitor seed` to load the reference data.",
        "uk": "Вимоги ще не завантажено. Виконайте `monitor seed`, щоб завантажити довідкові дані.",
    },
    "overview.metric.demands": {"en": "Demands", "uk": "Вимоги"},
    "overview.metric.evidence": {"en": "Evidence entries", "uk": "Записи доказів"},
    "overview.metric.assessed": {"en": "Demands assessed", "uk": "Оцінені вимоги"},
    "col.code": {"en": "Code", "uk": "Код"},
    "col.title": {"en": "Demand", "uk": "Вимога"},
    "col.status": {"en": "Current status", "uk": "Поточний статус"},
    "col.assessed_on": {"en": "Assessed on", "uk": "Дата оцінки"},
    "col.evidence": {"en": "Evidence", "uk": "Докази"},
    "status.none": {"en": "not assessed", "uk": "не оцінено"},
    "status.0": {"en": "0 not met", "uk": "0 не виконано"},
    "status.1": {"en": "1 minimal", "uk": "1 мінімально"},
    "status.2": {"en": "2 partial", "uk": "2 частково"},
    "status.3": {"en": "3 met", "uk": "3 виконано"},
    "error.generic": {"en": "Something went wrong: {message}", "uk": "Сталася помилка: {message}"},
    "error.config": {
        "en": "Configuration problem: {message}",
        "uk": "Проблема конфігурації: {message}",
    },
    "error.invalid_input": {
        "en": "Some fields need attention: {message}",
        "uk": "Деякі поля потребують уваги: {message}",
    },
    "error.stale_version": {
        "en": "Someone else saved this record first; nothing was overwritten. {message}",
        "uk": "Хтось інший зберіг цей запис раніше; нічого не перезаписано. {message}",
    },
    "error.forbidden": {
        "en": "Your role does not allow this: {message}",
        "uk": "Ваша роль не дозволяє цього: {message}",
    },
    "error.sign_in": {"en": "Please sign in first.", "uk": "Спершу увійдіть."},
    "error.not_found": {"en": "Not found: {message}", "uk": "Не знайдено: {message}"},
    "error.capture": {
        "en": "The source could not be captured: {message}",
        "uk": "Не вдалося зберегти джерело: {message}",
    },
    "invalid.required": {"en": "required", "uk": "обов'язкове поле"},
    "invalid.too_long": {"en": "at most {max} characters", "uk": "не більше {max} символів"},
    "invalid.too_many": {"en": "at most {max} items", "uk": "не більше {max} елементів"},
    "invalid.number": {"en": "a whole number is needed", "uk": "потрібне ціле число"},
    "invalid.min": {"en": "must be at least {min}", "uk": "має бути не менше {min}"},
    "invalid.max": {"en": "must be at most {max}", "uk": "має бути не більше {max}"},
    "invalid.choice": {"en": "choose one of: {choices}", "uk": "оберіть одне з: {choices}"},
    "invalid.text": {"en": "text is needed", "uk": "потрібен текст"},
    "invalid.value": {"en": "not valid: {message}", "uk": "неприпустиме значення: {message}"},
    "invalid.date": {
        "en": "a real date is needed (YYYY-MM-DD)",
        "uk": "потрібна справжня дата (РРРР-ММ-ДД)",
    },
    "invalid.future_date": {
        "en": "cannot be in the future (today is {today})",
        "uk": "не може бути в майбутньому (сьогодні {today})",
    },
    "invalid.range_order": {
        "en": "the end must not be before the start",
        "uk": "кінець не може бути раніше початку",
    },
    "invalid.url": {
        "en": "an http:// or https:// address with a host is needed",
        "uk": "потрібна адреса http:// або https:// з доменом",
    },
    "invalid.unknown_code": {"en": "unknown code: {value}", "uk": "невідомий код: {value}"},
    "invalid.settlement_region": {
        "en": "this settlement is not in the chosen region",
        "uk": "цей населений пункт не в обраному регіоні",
    },
    "invalid.control_chars": {
        "en": "contains control characters (such as NUL) that cannot be stored",
        "uk": "містить керівні символи (як-от NUL), які неможливо зберегти",
    },
    "invalid.duplicate": {"en": "appears twice: {value}", "uk": "повторюється: {value}"},
    "evidence.verified_locked": {
        "en": "a verified entry must be returned to corroborated (with a reason) before editing",
        "uk": "перед редагуванням верифікований запис треба повернути до «підтверджено» "
        "(з причиною)",
    },
    "evidence.withdrawn_locked": {
        "en": "a withdrawn entry cannot be edited",
        "uk": "відкликаний запис не можна редагувати",
    },
    "evidence.already_verified": {"en": "already verified", "uk": "вже верифіковано"},
    "evidence.not_verified": {
        "en": "only a verified entry can be reopened",
        "uk": "повернути можна лише верифікований запис",
    },
    "evidence.already_withdrawn": {"en": "already withdrawn", "uk": "вже відкликано"},
    "evidence.not_withdrawn": {"en": "not withdrawn", "uk": "не відкликано"},
    "invalid.reason_needed": {"en": "a reason is needed", "uk": "потрібна причина"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text of `key` in `lang` (English as the fallback), with {params} filled in."""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def status_label(score: object, lang: str) -> str:
    """The words for a status score; missing (None, NaN, pandas NA) reads 'not assessed'."""
    missing = score is None or bool(pd.isna(score))  # type: ignore[call-overload]
    return t("status.none" if missing else f"status.{int(score)}", lang)  # type: ignore[call-overload]

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
    "attachment.bad_name": {
        "en": "the file needs a plain name",
        "uk": "файлу потрібна звичайна назва",
    },
    "attachment.too_large": {
        "en": "the file is larger than {max_mb} MB",
        "uk": "файл більший за {max_mb} МБ",
    },
    "attachment.bad_type": {
        "en": "accepted: PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT, TXT, CSV, MD "
        "(content must match the name)",
        "uk": "приймаються: PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT, TXT, CSV, MD (вміст має "
        "відповідати назві)",
    },
    "nav.log_evidence": {"en": "Log evidence", "uk": "Внести доказ"},
    "nav.register": {"en": "Evidence register", "uk": "Реєстр доказів"},
    "nav.import": {"en": "Import evidence", "uk": "Імпорт доказів"},
    "field.demands": {"en": "Demands it concerns", "uk": "Вимоги, яких стосується"},
    "field.title": {"en": "Title", "uk": "Назва"},
    "field.description": {"en": "What happened", "uk": "Що сталося"},
    "field.event_start": {"en": "Date of the events (or start)", "uk": "Дата подій (або початок)"},
    "field.event_end": {"en": "End of the events", "uk": "Кінець подій"},
    "field.is_range": {"en": "The events span a range of dates", "uk": "Події тривали кілька днів"},
    "field.region_code": {"en": "Region of the TOT", "uk": "Регіон ТОТ"},
    "field.settlement_search": {
        "en": "Settlement: type a name in Ukrainian",
        "uk": "Населений пункт: введіть назву українською",
    },
    "field.settlement_code": {"en": "Settlement (KATOTTG)", "uk": "Населений пункт (КАТОТТГ)"},
    "field.settlement_none": {"en": "— none —", "uk": "— не вказано —"},
    "field.source_type": {"en": "Source type", "uk": "Тип джерела"},
    "field.source_url": {"en": "Source URL", "uk": "Адреса джерела (URL)"},
    "field.source_title": {"en": "Source title", "uk": "Назва джерела"},
    "field.reliability": {
        "en": "Source reliability (Admiralty A-F)",
        "uk": "Надійність джерела (шкала Адміралтейства A-F)",
    },
    "field.credibility": {
        "en": "Information credibility (1-6)",
        "uk": "Достовірність інформації (1-6)",
    },
    "field.direction": {"en": "Direction on the demand", "uk": "Напрям щодо вимоги"},
    "field.language": {"en": "Language of the entry", "uk": "Мова запису"},
    "field.people_count": {"en": "People concerned", "uk": "Кількість людей"},
    "field.sensitivity": {"en": "Sensitivity", "uk": "Чутливість"},
    "field.attachments": {
        "en": "Attachments (PDF, images, documents; up to 20 MB each)",
        "uk": "Вкладення (PDF, зображення, документи; до 20 МБ кожне)",
    },
    "field.verification": {"en": "Verification", "uk": "Верифікація"},
    "field.withdrawn": {"en": "Withdrawn", "uk": "Відкликано"},
    "field.reason": {"en": "Reason", "uk": "Причина"},
    "field.file": {"en": "File", "uk": "Файл"},
    "field.uid": {"en": "Stable id", "uk": "Постійний ідентифікатор"},
    "field.version": {"en": "Version", "uk": "Версія"},
    "field.id": {"en": "Id", "uk": "Ід."},
    "field.region": {"en": "Region", "uk": "Регіон"},
    "field.settlement_name": {"en": "Settlement", "uk": "Населений пункт"},
    "field.updated_at": {"en": "Last change", "uk": "Остання зміна"},
    "field.created_at": {"en": "Logged", "uk": "Внесено"},
    "field.withdrawn_reason": {"en": "Reason for withdrawal", "uk": "Причина відкликання"},
    "form.choose": {"en": "Choose", "uk": "Оберіть"},
    "form.save": {"en": "Save entry", "uk": "Зберегти запис"},
    "form.save_changes": {"en": "Save changes", "uk": "Зберегти зміни"},
    "form.saved": {
        "en": "Saved as entry {id} (stable id {uid}).",
        "uk": "Збережено як запис {id} (постійний ідентифікатор {uid}).",
    },
    "form.fix_fields": {
        "en": "Nothing was saved; please fix the marked fields. Everything you typed is kept.",
        "uk": "Нічого не збережено; виправте позначені поля. Усе введене збережено у формі.",
    },
    "form.attachment_failed": {
        "en": "The entry was saved, but the file {name} was not attached: {reason}",
        "uk": "Запис збережено, але файл {name} не додано: {reason}",
    },
    "form.stale_intro": {
        "en": "Someone saved this entry first (now version {version}); your changes were not saved. Their values:",
        "uk": "Хтось зберіг цей запис раніше (тепер версія {version}); ваші зміни не збережено. Їхні значення:",
    },
    "form.no_settlement_found": {
        "en": "No settlement of that name in this region.",
        "uk": "У цьому регіоні немає населеного пункту з такою назвою.",
    },
    "log.title": {"en": "Log evidence", "uk": "Внести доказ"},
    "log.caption": {
        "en": "One documented fact about one or more demands. Nothing is saved until every field is valid, and nothing you typed is lost.",
        "uk": "Один задокументований факт щодо однієї чи кількох вимог. Нічого не зберігається, доки всі поля не коректні, і нічого введеного не втрачається.",
    },
    "register.title": {"en": "Evidence register", "uk": "Реєстр доказів"},
    "register.filters": {"en": "Filters", "uk": "Фільтри"},
    "register.text": {"en": "Search text", "uk": "Пошук тексту"},
    "register.date_from": {"en": "From", "uk": "Від"},
    "register.date_to": {"en": "To", "uk": "До"},
    "register.include_withdrawn": {
        "en": "Include withdrawn entries",
        "uk": "Показати відкликані записи",
    },
    "register.sort": {"en": "Sort by", "uk": "Сортувати за"},
    "register.page": {"en": "Page", "uk": "Сторінка"},
    "register.count": {
        "en": "{total} entries match; page {page} of {pages}.",
        "uk": "Знайдено записів: {total}; сторінка {page} з {pages}.",
    },
    "register.empty": {
        "en": "No entries match these filters.",
        "uk": "Немає записів за цими фільтрами.",
    },
    "register.open": {"en": "Open entry by id", "uk": "Відкрити запис за ід."},
    "register.select_hint": {
        "en": "Select a row to open the entry.",
        "uk": "Виберіть рядок, щоб відкрити запис.",
    },
    "register.sort.event_start": {"en": "date of events", "uk": "датою подій"},
    "register.sort.updated_at": {"en": "last change", "uk": "останньою зміною"},
    "register.sort.id": {"en": "newest logged", "uk": "найновішими"},
    "register.sort.title": {"en": "title", "uk": "назвою"},
    "entry.heading": {"en": "Entry {id}: {title}", "uk": "Запис {id}: {title}"},
    "entry.fields": {"en": "Fields", "uk": "Поля"},
    "entry.attachments": {"en": "Attachments", "uk": "Вкладення"},
    "entry.no_attachments": {"en": "No attachments.", "uk": "Вкладень немає."},
    "entry.history": {"en": "History", "uk": "Історія"},
    "entry.edit": {"en": "Edit", "uk": "Редагувати"},
    "entry.verify": {"en": "Verification", "uk": "Верифікація"},
    "entry.withdraw": {"en": "Withdraw", "uk": "Відкликати"},
    "entry.attach": {"en": "Attach a file", "uk": "Додати файл"},
    "entry.not_found": {
        "en": "No entry {id} that you may see.",
        "uk": "Немає запису {id}, доступного вам.",
    },
    "entry.withdrawn_notice": {"en": "Withdrawn: {reason}", "uk": "Відкликано: {reason}"},
    "entry.advance": {"en": "Mark as {step}", "uk": "Позначити як «{step}»"},
    "entry.reopen": {"en": "Return to corroborated", "uk": "Повернути до «підтверджено»"},
    "entry.withdraw_button": {"en": "Withdraw this entry", "uk": "Відкликати цей запис"},
    "entry.restore_button": {"en": "Restore this entry", "uk": "Відновити цей запис"},
    "entry.attach_button": {"en": "Attach", "uk": "Додати"},
    "entry.done": {"en": "Done: {action}.", "uk": "Виконано: {action}."},
    "entry.verified_hint": {
        "en": "A verified entry is locked; return it to corroborated with a reason to edit it.",
        "uk": "Верифікований запис заблоковано; щоб редагувати, поверніть його до «підтверджено» з причиною.",
    },
    "yes": {"en": "yes", "uk": "так"},
    "no": {"en": "no", "uk": "ні"},
    "enum.source_type.ngo_report": {"en": "NGO report", "uk": "Звіт НУО"},
    "enum.source_type.un_report": {"en": "UN report", "uk": "Звіт ООН"},
    "enum.source_type.media": {"en": "Media", "uk": "ЗМІ"},
    "enum.source_type.official": {"en": "Official statement", "uk": "Офіційна заява"},
    "enum.source_type.witness": {"en": "Witness account", "uk": "Свідчення"},
    "enum.source_type.social_media": {"en": "Social media", "uk": "Соцмережі"},
    "enum.source_type.court": {"en": "Court record", "uk": "Судовий документ"},
    "enum.source_type.other": {"en": "Other", "uk": "Інше"},
    "enum.direction.progress": {"en": "Progress", "uk": "Прогрес"},
    "enum.direction.regression": {"en": "Regression", "uk": "Регрес"},
    "enum.direction.neutral": {"en": "Neutral", "uk": "Нейтрально"},
    "enum.verification.unverified": {"en": "Unverified", "uk": "Не перевірено"},
    "enum.verification.corroborated": {"en": "Corroborated", "uk": "Підтверджено"},
    "enum.verification.verified": {"en": "Verified", "uk": "Верифіковано"},
    "enum.sensitivity.public": {"en": "Public", "uk": "Публічний"},
    "enum.sensitivity.restricted": {"en": "Restricted", "uk": "Обмежений"},
    "enum.sensitivity.confidential": {"en": "Confidential", "uk": "Конфіденційний"},
    "enum.language.uk": {"en": "Ukrainian", "uk": "Українська"},
    "enum.language.en": {"en": "English", "uk": "Англійська"},
    "enum.language.crh": {"en": "Crimean Tatar", "uk": "Кримськотатарська"},
    "enum.language.ru": {"en": "Russian", "uk": "Російська"},
    "enum.language.other": {"en": "Other", "uk": "Інша"},
    "enum.reliability.A": {"en": "A: completely reliable", "uk": "A: цілком надійне"},
    "enum.reliability.B": {"en": "B: usually reliable", "uk": "B: зазвичай надійне"},
    "enum.reliability.C": {"en": "C: fairly reliable", "uk": "C: досить надійне"},
    "enum.reliability.D": {"en": "D: not usually reliable", "uk": "D: зазвичай ненадійне"},
    "enum.reliability.E": {"en": "E: unreliable", "uk": "E: ненадійне"},
    "enum.reliability.F": {
        "en": "F: reliability cannot be judged",
        "uk": "F: надійність неможливо оцінити",
    },
    "enum.credibility.1": {
        "en": "1: confirmed by other sources",
        "uk": "1: підтверджено іншими джерелами",
    },
    "enum.credibility.2": {"en": "2: probably true", "uk": "2: імовірно правдиве"},
    "enum.credibility.3": {"en": "3: possibly true", "uk": "3: можливо правдиве"},
    "enum.credibility.4": {"en": "4: doubtful", "uk": "4: сумнівне"},
    "enum.credibility.5": {"en": "5: improbable", "uk": "5: малоймовірне"},
    "enum.credibility.6": {
        "en": "6: truth cannot be judged",
        "uk": "6: достовірність неможливо оцінити",
    },
    "import.refused": {
        "en": "Nothing was imported: {message}",
        "uk": "Нічого не імпортовано: {message}",
    },
    "import.unreadable": {
        "en": "the file cannot be read ({reason})",
        "uk": "файл не вдається прочитати ({reason})",
    },
    "import.bad_type": {
        "en": "a .csv or .xlsx file is needed",
        "uk": "потрібен файл .csv або .xlsx",
    },
    "import.too_many_rows": {
        "en": "more than {max} rows; split the file",
        "uk": "понад {max} рядків; розділіть файл",
    },
    "import.version_needed": {
        "en": "this id exists with other values; give its current version to update it",
        "uk": "цей ідентифікатор уже існує з іншими значеннями; вкажіть поточну версію, щоб оновити",
    },
    "import.stale_version": {
        "en": "the file has version {file}, the entry is now at version {current}: export it again",
        "uk": "у файлі версія {file}, а запис уже має версію {current}: експортуйте його знову",
    },
    "import.title": {"en": "Import evidence", "uk": "Імпорт доказів"},
    "import.caption": {
        "en": "CSV or XLSX, for example a partner's spreadsheet, a KoboToolbox export or an edited evidence briefing. Every row is checked first; then all rows are imported, or none.",
        "uk": "CSV або XLSX, наприклад таблиця партнера, експорт KoboToolbox чи відредагований брифінг доказів. Спершу перевіряється кожен рядок; потім імпортуються всі рядки або жоден.",
    },
    "import.file": {"en": "File", "uk": "Файл"},
    "import.mapping": {"en": "Which field is each column?", "uk": "Яке поле в кожній колонці?"},
    "import.ignore": {"en": "— ignore —", "uk": "— пропустити —"},
    "import.preview": {"en": "Check of every row", "uk": "Перевірка кожного рядка"},
    "import.summary": {
        "en": "{rows} rows: {create} new, {update} updates, {unchanged} unchanged, {invalid} with problems.",
        "uk": "Рядків: {rows}; нових {create}, оновлень {update}, без змін {unchanged}, з проблемами {invalid}.",
    },
    "import.fix_first": {
        "en": "Fix the rows with problems in the file and upload it again; nothing is imported while any row is invalid.",
        "uk": "Виправте рядки з проблемами у файлі й завантажте знову; поки є хоч один некоректний рядок, нічого не імпортується.",
    },
    "import.button": {"en": "Import all rows", "uk": "Імпортувати всі рядки"},
    "import.done": {"en": "Imported: {report}.", "uk": "Імпортовано: {report}."},
    "import.col.row": {"en": "row", "uk": "рядок"},
    "import.col.action": {"en": "result", "uk": "результат"},
    "import.col.problems": {"en": "problems", "uk": "проблеми"},
    "chart.month": {"en": "Month", "uk": "Місяць"},
    "chart.entries": {"en": "Entries", "uk": "Записи"},
    "chart.status.title": {
        "en": "Status of each demand over time (0 not met – 3 met)",
        "uk": "Статус кожної вимоги в часі (0 не виконано – 3 виконано)",
    },
    "chart.status.scale": {"en": "Status", "uk": "Статус"},
    "chart.status.hover": {
        "en": "%{y}<br>%{x}: %{z}<extra></extra>",
        "uk": "%{y}<br>%{x}: %{z}<extra></extra>",
    },
    "chart.index.title": {
        "en": "Overall implementation index (Peace Accords Matrix method)",
        "uk": "Загальний індекс виконання (метод Peace Accords Matrix)",
    },
    "chart.index.axis": {"en": "Share of full implementation", "uk": "Частка повного виконання"},
    "chart.evidence_month.title": {
        "en": "Evidence per demand and month of the events, by direction",
        "uk": "Докази за вимогами та місяцем подій, за напрямом",
    },
    "chart.region.title": {"en": "Evidence by region", "uk": "Докази за регіонами"},
    "chart.source.title": {
        "en": "Evidence by source type and source reliability",
        "uk": "Докази за типом і надійністю джерела",
    },
    "chart.gaps.title": {
        "en": "Gap matrix: how each draft covers each demand",
        "uk": "Матриця прогалин: як кожен проєкт охоплює кожну вимогу",
    },
    "chart.gaps.points": {"en": "points", "uk": "пункти"},
    "overview.filters": {"en": "Filters", "uk": "Фільтри"},
    "overview.include_corroborated": {
        "en": "Include corroborated evidence",
        "uk": "Включити підтверджені докази",
    },
    "overview.include_unverified": {
        "en": "Include unverified evidence",
        "uk": "Включити неперевірені докази",
    },
    "overview.scorecard": {"en": "Scorecard", "uk": "Картка стану"},
    "overview.share_link": {
        "en": "The filters are in the address bar: copy it to share this view.",
        "uk": "Фільтри збережено в адресі сторінки: скопіюйте її, щоб поділитися цим виглядом.",
    },
    "overview.gaps_link": {
        "en": "Drafts and coverage in detail",
        "uk": "Проєкти угод і охоплення докладно",
    },
    "overview.index_now": {"en": "Implementation index", "uk": "Індекс виконання"},
    "overview.stale_demands": {"en": "Stale demands", "uk": "Застарілі вимоги"},
    "overview.no_status": {
        "en": "No published assessment yet: propose one on a demand's page.",
        "uk": "Ще немає опублікованих оцінок: запропонуйте оцінку на сторінці вимоги.",
    },
    "col.change": {"en": "Change", "uk": "Зміна"},
    "col.last_30_days": {"en": "Logged in 30 days", "uk": "Внесено за 30 днів"},
    "col.share_verified": {"en": "Verified", "uk": "Верифіковано"},
    "col.stale": {"en": "Stale", "uk": "Застаріло"},
    "col.previous": {"en": "Previous status", "uk": "Попередній статус"},
    "nav.demand": {"en": "Demand", "uk": "Вимога"},
    "demand.choose": {"en": "Demand", "uk": "Вимога"},
    "demand.text_en": {"en": "Text (English)", "uk": "Текст (англійською)"},
    "demand.text_uk": {"en": "Text (Ukrainian)", "uk": "Текст (українською)"},
    "demand.translation_note": {
        "en": "The Ukrainian text is our translation of the published English wording.",
        "uk": "Український текст — наш переклад опублікованого англійського формулювання.",
    },
    "demand.source": {"en": "Source", "uk": "Джерело"},
    "demand.crosswalk": {
        "en": "Closest codes in earlier peace-agreement datasets: PA-X {pax}; Peace Accords Matrix: {pam}",
        "uk": "Найближчі коди в базах мирних угод: PA-X {pax}; Peace Accords Matrix: {pam}",
    },
    "demand.history": {"en": "Status history", "uk": "Історія статусу"},
    "demand.history_chart": {"en": "Status of {code} over time", "uk": "Статус {code} у часі"},
    "demand.assessments": {"en": "Assessments", "uk": "Оцінки"},
    "demand.evidence": {"en": "Evidence", "uk": "Докази"},
    "demand.propose": {"en": "Propose an assessment", "uk": "Запропонувати оцінку"},
    "demand.score": {"en": "Status", "uk": "Статус"},
    "demand.assessed_on": {"en": "As of", "uk": "Станом на"},
    "demand.rationale": {"en": "Rationale", "uk": "Обґрунтування"},
    "demand.evidence_ids": {
        "en": "Evidence it rests on (entry ids)",
        "uk": "Докази, на яких ґрунтується (ід. записів)",
    },
    "demand.submit": {"en": "Propose", "uk": "Запропонувати"},
    "demand.proposed": {
        "en": "Proposed; a second editor must approve it before it is published.",
        "uk": "Запропоновано; щоб опублікувати, її має схвалити інший редактор.",
    },
    "demand.proposed_self": {
        "en": "Proposed; four-eyes review is off, so you may approve it yourself.",
        "uk": "Запропоновано; перевірку «чотири ока» вимкнено, тож ви можете схвалити її самі.",
    },
    "demand.pending": {"en": "Waiting for review", "uk": "Очікують перевірки"},
    "demand.approve": {"en": "Approve and publish", "uk": "Схвалити й опублікувати"},
    "demand.reject": {"en": "Reject", "uk": "Відхилити"},
    "demand.reject_reason": {"en": "Reason for rejecting", "uk": "Причина відхилення"},
    "demand.self_approved": {"en": "self-approved", "uk": "схвалено автором"},
    "demand.no_pending": {"en": "Nothing waits for review.", "uk": "Нічого не очікує перевірки."},
    "assessment.already_decided": {
        "en": "this assessment is already {state}",
        "uk": "цю оцінку вже позначено як {state}",
    },
    "assessment.four_eyes": {
        "en": "Four-eyes review: a second editor must approve it. {message}",
        "uk": "Перевірка «чотири ока»: схвалити має інший редактор. {message}",
    },
    "col.author": {"en": "Author", "uk": "Автор"},
    "col.approver": {"en": "Approved by", "uk": "Схвалив"},
    "col.rationale": {"en": "Rationale", "uk": "Обґрунтування"},
    "col.state": {"en": "State", "uk": "Стан"},
    "enum.coverage.explicit": {"en": "Explicit", "uk": "Явно"},
    "enum.coverage.partial": {"en": "Partial", "uk": "Частково"},
    "enum.coverage.absent": {"en": "Absent", "uk": "Відсутня"},
    "enum.coverage.contradicts": {"en": "Contradicts", "uk": "Суперечить"},
    "enum.assessment_state.proposed": {"en": "Proposed", "uk": "Запропоновано"},
    "enum.assessment_state.published": {"en": "Published", "uk": "Опубліковано"},
    "enum.assessment_state.rejected": {"en": "Rejected", "uk": "Відхилено"},
    "draft.no_points": {
        "en": "no numbered points were found",
        "uk": "не знайдено нумерованих пунктів",
    },
    "draft.bad_label": {
        "en": "a point label must be 1-16 characters: {value}",
        "uk": "позначка пункту має містити 1-16 символів: {value}",
    },
    "draft.bad_point": {
        "en": "point {value} is empty or longer than 10,000 characters",
        "uk": "пункт {value} порожній або довший за 10 000 символів",
    },
    "coverage.points_needed": {
        "en": "cite at least one point for anything but absent",
        "uk": "для будь-якого рівня, крім «відсутня», вкажіть хоча б один пункт",
    },
    "nav.drafts": {"en": "Draft agreements", "uk": "Проєкти угод"},
    "draft.bad_file": {
        "en": "a .txt, .md or .docx file is needed",
        "uk": "потрібен файл .txt, .md або .docx",
    },
    "drafts.title": {
        "en": "Draft agreements and their gaps",
        "uk": "Проєкти угод та їхні прогалини",
    },
    "drafts.caption": {
        "en": "A gap is a demand that a draft does not explicitly cover: partial, absent, contradicting, or not coded yet. E explicit, P partial, A absent, C contradicts; ? marks coding that rests on unverified text.",
        "uk": "Прогалина — вимога, яку проєкт не охоплює явно: частково, відсутня, суперечить або ще не закодована. E — явно, P — частково, A — відсутня, C — суперечить; ? — кодування спирається на неперевірений текст.",
    },
    "drafts.list": {"en": "All drafts", "uk": "Усі проєкти"},
    "drafts.col.title": {"en": "Title", "uk": "Назва"},
    "drafts.col.proponent": {"en": "Proponent", "uk": "Автор"},
    "drafts.col.published_on": {"en": "Date", "uk": "Дата"},
    "drafts.col.status": {"en": "Status", "uk": "Статус"},
    "drafts.col.supersedes": {"en": "Supersedes", "uk": "Замінює"},
    "drafts.col.gaps": {"en": "Gaps", "uk": "Прогалини"},
    "drafts.col.source_url": {"en": "Source", "uk": "Джерело"},
    "drafts.cell": {"en": "Cell", "uk": "Клітинка"},
    "drafts.cell_hint": {
        "en": "Click a cell of the matrix, or pick a draft and a demand, to see the points and the note.",
        "uk": "Натисніть клітинку матриці або оберіть проєкт і вимогу, щоб побачити пункти й примітку.",
    },
    "drafts.draft": {"en": "Draft", "uk": "Проєкт"},
    "drafts.level": {"en": "Coverage", "uk": "Охоплення"},
    "drafts.points": {"en": "Points cited", "uk": "Цитовані пункти"},
    "drafts.note": {"en": "Note", "uk": "Примітка"},
    "drafts.uncertain": {
        "en": "Rests on unverified text",
        "uk": "Спирається на неперевірений текст",
    },
    "drafts.not_coded": {"en": "not coded yet", "uk": "ще не закодовано"},
    "drafts.tab.matrix": {"en": "Gap matrix", "uk": "Матриця прогалин"},
    "drafts.tab.add": {"en": "Add a draft", "uk": "Додати проєкт"},
    "drafts.tab.code": {"en": "Code coverage", "uk": "Кодувати охоплення"},
    "drafts.tab.compare": {"en": "Compare versions", "uk": "Порівняти версії"},
    "drafts.field.code": {
        "en": "Short code (letters, digits, - _ .)",
        "uk": "Короткий код (літери, цифри, - _ .)",
    },
    "drafts.field.title": {"en": "Title", "uk": "Назва"},
    "drafts.field.proponent": {"en": "Proponent", "uk": "Автор"},
    "drafts.field.published_on": {"en": "Date", "uk": "Дата"},
    "drafts.field.status": {"en": "Status", "uk": "Статус"},
    "drafts.field.source_url": {"en": "Source URL", "uk": "Адреса джерела"},
    "drafts.field.confidence": {"en": "Confidence in the text", "uk": "Довіра до тексту"},
    "drafts.field.supersedes": {"en": "Supersedes", "uk": "Замінює"},
    "drafts.field.notes": {"en": "Notes", "uk": "Примітки"},
    "drafts.field.text": {
        "en": "Paste the text (numbered points: 1., 12), Point 7:, \u041f\u0443\u043d\u043a\u0442 3)",
        "uk": "Вставте текст (нумеровані пункти: 1., 12), Point 7:, Пункт 3)",
    },
    "drafts.field.file": {
        "en": "\u2026or upload a .txt, .md or .docx file",
        "uk": "…або завантажте файл .txt, .md чи .docx",
    },
    "drafts.split_preview": {
        "en": "Points found: {n}. Correct them below before saving.",
        "uk": "Знайдено пунктів: {n}. Виправте їх нижче перед збереженням.",
    },
    "drafts.save": {"en": "Save draft", "uk": "Зберегти проєкт"},
    "drafts.saved": {
        "en": "Saved draft {code} with {n} points.",
        "uk": "Збережено проєкт {code} з {n} пунктами.",
    },
    "drafts.none": {"en": "\u2014 none \u2014", "uk": "— немає —"},
    "drafts.suggestions": {
        "en": "Points most likely to touch this demand",
        "uk": "Пункти, що найімовірніше стосуються цієї вимоги",
    },
    "drafts.no_suggestions": {
        "en": "No point matches this demand's keywords.",
        "uk": "Жоден пункт не відповідає ключовим словам цієї вимоги.",
    },
    "drafts.code_save": {"en": "Save coding", "uk": "Зберегти кодування"},
    "drafts.coded": {"en": "Coded {demand} for {draft}.", "uk": "Закодовано {demand} для {draft}."},
    "drafts.add_point": {"en": "Add a point by hand", "uk": "Додати пункт вручну"},
    "drafts.point_label": {"en": "Label", "uk": "Позначка"},
    "drafts.point_text": {"en": "Text", "uk": "Текст"},
    "drafts.point_add": {"en": "Add point", "uk": "Додати пункт"},
    "drafts.compare_from": {"en": "Earlier version", "uk": "Попередня версія"},
    "drafts.compare_to": {"en": "Later version", "uk": "Пізніша версія"},
    "drafts.compare.before": {"en": "Before", "uk": "До"},
    "drafts.compare.after": {"en": "After", "uk": "Після"},
    "drafts.compare.change": {"en": "Change", "uk": "Зміна"},
    "drafts.compare.points": {
        "en": "Cited points: what changed",
        "uk": "Цитовані пункти: що змінилося",
    },
    "drafts.change.improved": {"en": "improved", "uk": "покращилося"},
    "drafts.change.worsened": {"en": "worsened", "uk": "погіршилося"},
    "drafts.change.unchanged": {"en": "unchanged", "uk": "без змін"},
    "drafts.kind.added": {"en": "added", "uk": "додано"},
    "drafts.kind.removed": {"en": "removed", "uk": "вилучено"},
    "drafts.kind.changed": {"en": "changed", "uk": "змінено"},
    "drafts.kind.same": {"en": "same text", "uk": "той самий текст"},
    "drafts.point_list": {"en": "Points of this draft", "uk": "Пункти цього проєкту"},
    "enum.draft_status.leaked": {"en": "Leaked", "uk": "Витік"},
    "enum.draft_status.proposed": {"en": "Proposed", "uk": "Запропоновано"},
    "enum.draft_status.agreed": {"en": "Agreed", "uk": "Узгоджено"},
    "enum.draft_status.superseded": {"en": "Superseded", "uk": "Замінено"},
    "invalid.reason_needed": {"en": "a reason is needed", "uk": "потрібна причина"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text of `key` in `lang` (English as the fallback), with {params} filled in."""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def enum_label(kind: str, value: object, lang: str) -> str:
    """The words for an enumeration value (source type, direction, verification, ...)."""
    raw = getattr(value, "value", value)
    return t(f"enum.{kind}.{raw}", lang)


def status_label(score: object, lang: str) -> str:
    """The words for a status score; missing (None, NaN, pandas NA) reads 'not assessed'."""
    missing = score is None or bool(pd.isna(score))  # type: ignore[call-overload]
    return t("status.none" if missing else f"status.{int(score)}", lang)  # type: ignore[call-overload]

"""Every text the UI, the briefings and the messages show, in English and Ukrainian."""

CATALOGUE: dict[str, dict[str, str]] = {
    "app.title": {"en": "Demands Monitor", "uk": "Монітор вимог"},
    "app.tagline": {
        "en": "Ten human-rights demands for Ukrainians in the temporarily occupied territories, "
        "tracked against evidence and peace drafts.",
        "uk": "Десять правозахисних вимог щодо українців на тимчасово окупованих територіях: "
        "докази та проєкти мирних угод.",
    },
    "sidebar.language": {"en": "Language", "uk": "Мова"},
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
    "invalid.choose_one": {"en": "choose one", "uk": "оберіть один варіант"},
    "invalid.text": {"en": "text is needed", "uk": "потрібен текст"},
    "invalid.value": {
        "en": "not a valid value",
        "uk": "неприпустиме значення",
    },
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
    # what the services' refusals and errors say (monitor.errors: key and params)
    "forbidden.role": {
        "en": "your role is {role}; this needs {needed}",
        "uk": "ваша роль — {role}; для цього потрібна роль «{needed}»",
    },
    "invalid.unknown_role": {
        "en": "unknown role {value}; choose one of: {choices}",
        "uk": "невідома роль {value}; оберіть одну з: {choices}",
    },
    "invalid.username": {
        "en": "{min} to {max} letters, digits, or . _ @ -",
        "uk": "від {min} до {max} літер, цифр або . _ @ -",
    },
    "invalid.too_short": {
        "en": "at least {min} characters",
        "uk": "щонайменше {min} символів",
    },
    "invalid.code_chars": {
        "en": "letters, digits and - _ . only, starting with a letter or a digit",
        "uk": "лише літери, цифри та - _ ., на початку літера або цифра",
    },
    "invalid.list": {
        "en": "a list is needed",
        "uk": "потрібен список",
    },
    "account.exists": {
        "en": "'{value}' already exists",
        "uk": "«{value}» вже існує",
    },
    "account.unknown": {
        "en": "no user '{value}'",
        "uk": "немає користувача «{value}»",
    },
    "account.own": {
        "en": "an admin cannot change their own account here",
        "uk": "адміністратор не може змінити тут власний обліковий запис",
    },
    "not_found.evidence": {
        "en": "no evidence entry {id}",
        "uk": "немає запису доказу {id}",
    },
    "not_found.assessment": {
        "en": "no assessment {id}",
        "uk": "немає оцінки {id}",
    },
    "not_found.draft": {
        "en": "no draft {code}",
        "uk": "немає проєкту угоди {code}",
    },
    "not_found.inbox_item": {
        "en": "no inbox item {id}",
        "uk": "немає звіту {id} у вхідних",
    },
    "evidence.stale": {
        "en": "Someone else saved entry {id} first: it is now at version {version}, not {expected}; nothing was overwritten. Reload to see the newer values.",
        "uk": "Хтось інший зберіг запис {id} раніше: тепер це версія {version}, а не {expected}; нічого не перезаписано. Оновіть сторінку, щоб побачити новіші значення.",
    },
    "config.bad_url": {
        "en": "MONITOR_DATABASE_URL is not a database URL: {url}",
        "uk": "MONITOR_DATABASE_URL не є адресою бази даних: {url}",
    },
    "config.unsupported": {
        "en": "unsupported database '{backend}': use sqlite:/// or postgresql://",
        "uk": "непідтримувана база даних «{backend}»: використовуйте sqlite:/// або postgresql://",
    },
    "config.folder": {
        "en": "cannot create the data folder {folder}: {reason}",
        "uk": "не вдається створити теку даних {folder}: {reason}",
    },
    "config.unwritable": {
        "en": "the data folder {folder} is not writable",
        "uk": "до теки даних {folder} неможливо записувати",
    },
    "config.driver": {
        "en": "no driver for {driver}",
        "uk": "немає драйвера для {driver}",
    },
    "config.unreachable": {
        "en": "cannot open the database {where}: {reason}",
        "uk": "не вдається відкрити базу даних {where}: {reason}",
    },
    "config.broken_keys": {
        "en": "the migration left {n} broken foreign keys",
        "uk": "після міграції залишилися порушені зовнішні ключі: {n}",
    },
    "config.too_many_demands": {
        "en": "{n} demands cannot be counted: the Overview supports at most {max} (demand ids 1..{max})",
        "uk": "{n} вимог неможливо врахувати: «Огляд» підтримує щонайбільше {max} (ід. вимог 1..{max})",
    },
    "config.no_reference": {
        "en": "load the reference data first (monitor seed)",
        "uk": "спершу завантажте довідкові дані (monitor seed)",
    },
    "capture.tls": {
        "en": "TLS certificate refused: {detail}",
        "uk": "сертифікат TLS відхилено: {detail}",
    },
    "capture.not_json": {
        "en": "the reports API did not answer JSON: {detail}",
        "uk": "API звітів відповів не у форматі JSON: {detail}",
    },
    "capture.not_xml": {
        "en": "the feed is not valid XML: {detail}",
        "uk": "стрічка не є коректним XML: {detail}",
    },
    "backup.not_archive": {
        "en": "not a backup archive ({reason})",
        "uk": "це не архів резервної копії ({reason})",
    },
    "backup.manifest": {
        "en": "the manifest does not list exactly the files in the archive",
        "uk": "маніфест не збігається з переліком файлів в архіві",
    },
    "backup.altered": {
        "en": "{n} files do not match their SHA-256, e.g. {name}",
        "uk": "файлів, що не відповідають своєму SHA-256: {n}, наприклад {name}",
    },
    "backup.unknown_format": {
        "en": "unknown backup format {value}",
        "uk": "невідомий формат резервної копії {value}",
    },
    "backup.not_empty": {
        "en": "not empty (it holds {tables}); restore needs an empty one",
        "uk": "не порожня (містить {tables}); для відновлення потрібна порожня",
    },
    "field.database": {
        "en": "Database",
        "uk": "База даних",
    },
    "field.level": {
        "en": "Coverage",
        "uk": "Охоплення",
    },
    "field.form": {
        "en": "Form",
        "uk": "Форма",
    },
    "enum.inbox_state.new": {
        "en": "new",
        "uk": "новий",
    },
    "enum.inbox_state.accepted": {
        "en": "accepted",
        "uk": "прийнято",
    },
    "enum.inbox_state.dismissed": {
        "en": "dismissed",
        "uk": "відхилено",
    },
    "evidence.verified_locked": {
        "en": "a verified entry must be returned to corroborated first (with a reason) before editing",
        "uk": "перед редагуванням верифікований запис треба повернути до «підтверджено» (з причиною)",
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
    # names of fields a refusal may name (describe() puts them before the reason)
    "field.username": {"en": "User name", "uk": "Ім'я користувача"},
    "field.password": {"en": "Password", "uk": "Пароль"},
    "field.role": {"en": "Role", "uk": "Роль"},
    "field.points": {"en": "Points", "uk": "Пункти"},
    "field.note": {"en": "Note", "uk": "Примітка"},
    "field.code": {"en": "Code", "uk": "Код"},
    "field.proponent": {"en": "Proponent", "uk": "Автор пропозиції"},
    "field.published_on": {"en": "Published on", "uk": "Дата публікації"},
    "field.status": {"en": "Status", "uk": "Статус"},
    "field.confidence": {"en": "Confidence", "uk": "Достовірність"},
    "field.notes": {"en": "Notes", "uk": "Примітки"},
    "field.supersedes": {"en": "Supersedes", "uk": "Замінює"},
    "field.demand": {"en": "Demand", "uk": "Вимога"},
    "field.score": {"en": "Status score", "uk": "Оцінка статусу"},
    "field.assessed_on": {"en": "Assessed on", "uk": "Дата оцінки"},
    "field.rationale": {"en": "Rationale", "uk": "Обґрунтування"},
    "field.evidence_ids": {"en": "Evidence entries", "uk": "Записи доказів"},
    "field.state": {"en": "State", "uk": "Стан"},
    "field.kind": {"en": "Kind of briefing", "uk": "Вид довідки"},
    "field.lang": {"en": "Language of the file", "uk": "Мова файлу"},
    "field.from": {"en": "From", "uk": "Від"},
    "field.to": {"en": "To", "uk": "До"},
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
        "en": "{total} entry matches; page {page} of {pages}. | {total} entries match; page {page} of {pages}.",
        "uk": "Знайдено {total} запис; сторінка {page} з {pages}. | Знайдено {total} записи; сторінка {page} з {pages}. | Знайдено {total} записів; сторінка {page} з {pages}.",
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
    # what entry.done names, in the reader's language
    "action.edit": {"en": "changes saved", "uk": "зміни збережено"},
    "action.withdraw": {"en": "entry withdrawn", "uk": "запис відкликано"},
    "action.restore": {"en": "entry restored", "uk": "запис відновлено"},
    "action.reopen": {"en": "returned to corroborated", "uk": "повернуто до «підтверджено»"},
    "action.attach": {"en": "file attached", "uk": "файл додано"},
    "action.approve": {"en": "assessment published", "uk": "оцінку опубліковано"},
    "action.reject": {"en": "assessment rejected", "uk": "оцінку відхилено"},
    "action.four_eyes": {
        "en": "four-eyes setting saved",
        "uk": "налаштування «чотири ока» збережено",
    },
    "action.add_point": {"en": "point added", "uk": "пункт додано"},
    "action.user_changed": {"en": "account {name} changed", "uk": "обліковий запис {name} змінено"},
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
        "en": "{n} row is invalid, nothing was imported (row {row}: {reasons}) | {n} rows are invalid, nothing was imported (first: row {row}: {reasons})",
        "uk": "некоректних рядків: {n}; нічого не імпортовано (перший: рядок {row}: {reasons})",
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
        "en": "{rows} row: {create} new, {update} updates, {unchanged} unchanged, {invalid} with problems. | {rows} rows: {create} new, {update} updates, {unchanged} unchanged, {invalid} with problems.",
        "uk": "{rows} рядок: нових {create}, оновлень {update}, без змін {unchanged}, з проблемами {invalid}. | {rows} рядки: нових {create}, оновлень {update}, без змін {unchanged}, з проблемами {invalid}. | {rows} рядків: нових {create}, оновлень {update}, без змін {unchanged}, з проблемами {invalid}.",
    },
    "import.fix_first": {
        "en": "Fix the rows with problems in the file and upload it again; nothing is imported while any row is invalid.",
        "uk": "Виправте рядки з проблемами у файлі й завантажте знову; поки є хоч один некоректний рядок, нічого не імпортується.",
    },
    "import.button": {"en": "Import all rows", "uk": "Імпортувати всі рядки"},
    "import.done": {"en": "Imported: {report}.", "uk": "Імпортовано: {report}."},
    "import.report": {
        "en": "created {created}, updated {updated}, unchanged {unchanged}",
        "uk": "створено {created}, оновлено {updated}, без змін {unchanged}",
    },
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
    # the Overview's evidence by month as one heat map, its directions in the tooltip
    "chart.evidence_month.heat_title": {
        "en": "Evidence per demand and month of the events (hover a cell for its directions)",
        "uk": "Докази за вимогами та місяцем подій (наведіть на клітинку, щоб побачити напрями)",
    },
    "overview.more_charts": {
        "en": "Evidence by source, the gap matrix and each demand across the drafts",
        "uk": "Докази за джерелами, матриця прогалин і кожна вимога в усіх проєктах",
    },
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
    "demand.no_history": {
        "en": "No status has been published for this demand yet: the line starts with its first approved assessment.",
        "uk": "Для цієї вимоги ще не опубліковано жодного статусу: лінія почнеться з першої затвердженої оцінки.",
    },
    "assessment.already_decided": {
        "en": "this assessment is already decided: {state}",
        "uk": "цю оцінку вже розглянуто: {state}",
    },
    "assessment.four_eyes": {
        "en": "Four-eyes review: a second editor must approve it; the author cannot approve their own assessment.",
        "uk": "Перевірка «чотири ока»: схвалити має інший редактор; автор не може схвалити власну оцінку.",
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
    "coverage.points_needed": {
        "en": "cite at least one point for anything but absent or not reported",
        "uk": "для будь-якого рівня, крім «відсутня» і «невідомо», вкажіть хоча б один пункт",
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
        "en": "A gap is a demand that a draft does not explicitly cover: partial, absent, contradicting, or not coded yet. Where the draft's text on a demand is not available it is not reported: not a gap, counted apart. Only codes a second editor approved are shown. Reference data: release {release}.",
        "uk": "Прогалина — вимога, яку проєкт не охоплює явно: частково, відсутня, суперечить або ще не закодована. Якщо текст проєкту щодо вимоги недоступний, це «невідомо»: не прогалина, рахується окремо. Показано лише коди, схвалені другим редактором. Довідкові дані: випуск {release}.",
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
    "drafts.section": {"en": "Section", "uk": "Розділ"},
    "drafts.tab.matrix": {"en": "Gap matrix", "uk": "Матриця прогалин"},
    "drafts.tab.add": {"en": "Add a draft", "uk": "Додати проєкт"},
    "drafts.tab.code": {"en": "Code coverage", "uk": "Кодувати охоплення"},
    "drafts.tab.compare": {"en": "Compare versions", "uk": "Порівняти версії"},
    "drafts.field.code": {
        "en": "Short code (letters, digits, - _ .)",
        "uk": "Короткий код (літери, цифри, - _ .)",
    },
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
    "drafts.split_none": {
        "en": "No numbered points found in the text: add them as rows of the table below.",
        "uk": "У тексті не знайдено нумерованих пунктів: додайте їх рядками таблиці нижче.",
    },
    "drafts.save": {"en": "Save draft", "uk": "Зберегти проєкт"},
    "drafts.saved": {
        "en": "Saved draft {code} with {n} point. | Saved draft {code} with {n} points.",
        "uk": "Збережено проєкт {code} з {n} пунктом. | Збережено проєкт {code} з {n} пунктами. | Збережено проєкт {code} з {n} пунктами.",
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
    "brief.status.code": {"en": "demand", "uk": "вимога"},
    "brief.status.title": {"en": "title", "uk": "назва"},
    "brief.status.status": {"en": "current status", "uk": "поточний статус"},
    "brief.status.score": {"en": "current score (0-3)", "uk": "поточна оцінка (0-3)"},
    "brief.status.previous": {"en": "previous status", "uk": "попередній статус"},
    "brief.status.assessed_on": {"en": "assessed on", "uk": "дата оцінки"},
    "brief.status.evidence": {"en": "evidence entries", "uk": "записи доказів"},
    "brief.status.progress": {"en": "progress", "uk": "прогрес"},
    "brief.status.regression": {"en": "regression", "uk": "регрес"},
    "brief.status.neutral": {"en": "neutral", "uk": "нейтрально"},
    "brief.status.last_30_days": {"en": "logged in the last 30 days", "uk": "внесено за 30 днів"},
    "brief.status.last_90_days": {"en": "logged in the last 90 days", "uk": "внесено за 90 днів"},
    "brief.history.code": {"en": "demand", "uk": "вимога"},
    "brief.history.title": {"en": "title", "uk": "назва"},
    "brief.history.assessed_on": {"en": "assessed on", "uk": "дата оцінки"},
    "brief.history.score": {"en": "score (0-3)", "uk": "оцінка (0-3)"},
    "brief.history.status": {"en": "status", "uk": "статус"},
    "brief.history.rationale": {"en": "rationale", "uk": "обґрунтування"},
    "brief.history.self_approved": {"en": "self-approved", "uk": "схвалено автором"},
    "brief.gaps.code": {"en": "draft", "uk": "проєкт"},
    "brief.gaps.title": {"en": "title", "uk": "назва"},
    "brief.gaps.proponent": {"en": "proponent", "uk": "автор"},
    "brief.gaps.published_on": {"en": "date", "uk": "дата"},
    "brief.gaps.status": {"en": "status", "uk": "статус"},
    "brief.gaps.gaps": {"en": "gaps", "uk": "прогалини"},
    "brief.custody.about": {
        "en": "the chain of custody of the attachments and captures of the entries evidence.csv carries",
        "uk": "ланцюг зберігання вкладень і копій джерел записів, які містить evidence.csv",
    },
    "brief.custody.include": {
        "en": "Add the chain of custody of the attachments (custody.csv)",
        "uk": "Додати ланцюг зберігання вкладень (custody.csv)",
    },
    "brief.evidence.about": {
        "en": "the evidence register: one row per entry, with its stable id",
        "uk": "реєстр доказів: один рядок на запис, з постійним ідентифікатором",
    },
    "brief.status.about": {
        "en": "each demand's current and previous status and its evidence counts",
        "uk": "поточний і попередній статус кожної вимоги та кількість доказів",
    },
    "brief.history.about": {
        "en": "every published status assessment, oldest first",
        "uk": "усі опубліковані оцінки статусу, від найдавнішої",
    },
    "brief.gaps.about": {
        "en": "each draft agreement against each demand, with the points cited",
        "uk": "кожен проєкт угоди щодо кожної вимоги, з цитованими пунктами",
    },
    "brief.readme.title": {
        "en": "Demands Monitor briefing pack",
        "uk": "Пакет брифінгів «Монітор вимог»",
    },
    "brief.readme.made": {"en": "Made {when} by {user}.", "uk": "Створено {when}, автор: {user}."},
    "brief.readme.data": {
        "en": "Database at change {version}, last changed {last}.",
        "uk": "База даних на зміні {version}, остання зміна {last}.",
    },
    "brief.readme.filters": {"en": "Filters:", "uk": "Фільтри:"},
    "brief.readme.files": {"en": "Files:", "uk": "Файли:"},
    "brief.readme.manifest": {
        "en": "MANIFEST.sha256 holds the SHA-256 of every file (check with: sha256sum -c MANIFEST.sha256). Files are UTF-8 with a byte-order mark; cells that a spreadsheet would run as formulas start with an apostrophe.",
        "uk": "MANIFEST.sha256 містить SHA-256 кожного файлу (перевірка: sha256sum -c MANIFEST.sha256). Файли в UTF-8 з BOM; клітинки, які таблиця виконала б як формули, починаються з апострофа.",
    },
    "nav.briefings": {"en": "Briefings", "uk": "Брифінги"},
    "brief.title": {"en": "CSV briefings for partners", "uk": "CSV-брифінги для партнерів"},
    "brief.caption": {
        "en": "Files that open in Excel and LibreOffice (Cyrillic included), say what they contain and when they were made, and leave confidential entries out unless an admin asks for them.",
        "uk": "Файли, що відкриваються в Excel і LibreOffice (з кирилицею), кажуть, що містять і коли створені, і не містять конфіденційних записів, якщо адміністратор не попросить.",
    },
    "brief.kind": {"en": "Briefing", "uk": "Брифінг"},
    "brief.kind.evidence": {"en": "Evidence register", "uk": "Реєстр доказів"},
    "brief.kind.status": {"en": "Demand status summary", "uk": "Стан вимог"},
    "brief.kind.history": {"en": "Status history", "uk": "Історія статусу"},
    "brief.kind.gaps": {"en": "Gap matrix", "uk": "Матриця прогалин"},
    "brief.kind.pack": {"en": "Briefing pack (zip)", "uk": "Пакет брифінгів (zip)"},
    "brief.file_lang": {"en": "Language of the file", "uk": "Мова файлу"},
    "brief.excel": {"en": "Excel variant (; and CRLF)", "uk": "Варіант для Excel (; і CRLF)"},
    "brief.excel_help": {
        "en": "Excel in a Ukrainian locale expects semicolons; the standard file uses commas.",
        "uk": "Excel з українськими налаштуваннями очікує крапку з комою; стандартний файл використовує коми.",
    },
    "brief.include_restricted": {
        "en": "Include restricted entries",
        "uk": "Включити записи з обмеженим доступом",
    },
    "brief.include_confidential": {
        "en": "Include confidential entries (admins only; not for partners)",
        "uk": "Включити конфіденційні записи (лише адміністратори; не для партнерів)",
    },
    "brief.rows": {"en": "Rows", "uk": "Рядків"},
    "brief.provenance": {
        "en": "Made **{when}** by **{user}** from the database at change **{version}**: **{rows}** row. | Made **{when}** by **{user}** from the database at change **{version}**: **{rows}** rows.",
        "uk": "Створено **{when}**, автор **{user}**, з бази даних на зміні **{version}**: **{rows}** рядок. | Створено **{when}**, автор **{user}**, з бази даних на зміні **{version}**: **{rows}** рядки. | Створено **{when}**, автор **{user}**, з бази даних на зміні **{version}**: **{rows}** рядків.",
    },
    "brief.filters_used": {"en": "Filters: {filters}.", "uk": "Фільтри: {filters}."},
    "brief.filter.demands": {"en": "demands: {value}", "uk": "вимоги: {value}"},
    "brief.filter.regions": {"en": "regions: {value}", "uk": "регіони: {value}"},
    "brief.filter.dates": {"en": "from {start} to {end}", "uk": "від {start} до {end}"},
    "brief.filter.verification": {"en": "verification: {value}", "uk": "верифікація: {value}"},
    "brief.filter.organisations": {
        "en": "recorded by: {value}",
        "uk": "записали: {value}",
    },
    "brief.filter.sensitivity": {"en": "sensitivity: {value}", "uk": "чутливість: {value}"},
    "brief.download": {"en": "Download", "uk": "Завантажити"},
    "capture.dns": {
        "en": "{host}: the name does not resolve",
        "uk": "{host}: ім'я не вдається розпізнати",
    },
    "capture.blocked": {
        "en": "{host} resolves to a non-public address ({address}); refused",
        "uk": "{host} вказує на непублічну адресу ({address}); відмовлено",
    },
    "capture.bad_url": {
        "en": "not a capturable address (only http:// and https://, also after a redirect): {url}",
        "uk": "цю адресу неможливо зберегти (лише http:// і https://, також після переспрямування): {url}",
    },
    "capture.too_large": {
        "en": "larger than {max_mb} MB; stopped reading",
        "uk": "більше за {max_mb} МБ; читання зупинено",
    },
    "capture.timeout": {
        "en": "no complete answer within {seconds} s",
        "uk": "немає повної відповіді за {seconds} с",
    },
    "capture.redirects": {
        "en": "more than {max} redirects",
        "uk": "понад {max} переспрямувань",
    },
    "capture.connect": {
        "en": "connection failed: {detail}",
        "uk": "не вдалося з'єднатися: {detail}",
    },
    "capture.http": {
        "en": "the fetch failed: {detail}",
        "uk": "завантаження не вдалося: {detail}",
    },
    "entry.captures": {"en": "Captures of the source", "uk": "Збережені копії джерела"},
    "entry.capture_button": {"en": "Capture the source now", "uk": "Зберегти копію джерела зараз"},
    "entry.no_captures": {"en": "Not captured yet.", "uk": "Ще не збережено."},
    "entry.captured": {
        "en": "Captured: SHA-256 {sha}{changed}",
        "uk": "Збережено: SHA-256 {sha}{changed}",
    },
    "entry.capture_changed": {
        "en": " (the content changed since the last capture)",
        "uk": " (вміст змінився від попереднього збереження)",
    },
    "entry.capture_failed": {
        "en": "Capture failed: {message}",
        "uk": "Не вдалося зберегти: {message}",
    },
    "inbox.decided": {"en": "already {state}", "uk": "вже {state}"},
    "nav.inbox": {"en": "Inbox", "uk": "Вхідні"},
    "inbox.title": {"en": "Inbox of public reports", "uk": "Вхідні публічні звіти"},
    "inbox.caption": {
        "en": "Recent reports from the reports API and the organisations' feeds. Accept one to log it as evidence (its source is captured when you save), or dismiss it; either way it will not come back.",
        "uk": "Нові звіти з API звітів і стрічок організацій. Прийміть звіт, щоб внести його як доказ (джерело буде збережено під час збереження), або відхиліть; так чи інакше він не з'явиться знову.",
    },
    "inbox.fetch": {"en": "Fetch new reports now", "uk": "Отримати нові звіти зараз"},
    "inbox.fetched": {"en": "Fetched: {report}.", "uk": "Отримано: {report}."},
    "inbox.report": {
        "en": "{new} new items, {known} already in the inbox",
        "uk": "нових записів: {new}, уже у вхідних: {known}",
    },
    "inbox.report_failed": {
        "en": "{new} new items, {known} already in the inbox; {n} feed failed: {failures} | {new} new items, {known} already in the inbox; {n} feeds failed: {failures}",
        "uk": "нових записів: {new}, уже у вхідних: {known}; не вдалося отримати {n} джерело: {failures} | нових записів: {new}, уже у вхідних: {known}; не вдалося отримати {n} джерела: {failures} | нових записів: {new}, уже у вхідних: {known}; не вдалося отримати {n} джерел: {failures}",
    },
    "inbox.empty": {"en": "Nothing waits in the inbox.", "uk": "У вхідних нічого немає."},
    "inbox.open_form": {
        "en": "Open the pre-filled evidence form",
        "uk": "Відкрити заповнену форму доказу",
    },
    "inbox.accept": {"en": "Log as evidence", "uk": "Внести як доказ"},
    "inbox.dismiss": {"en": "Dismiss", "uk": "Відхилити"},
    "inbox.prefilled": {
        "en": "Pre-filled from the inbox: {title}. Complete the fields and save; the source is then captured.",
        "uk": "Заповнено з вхідних: {title}. Доповніть поля та збережіть; потім джерело буде збережено.",
    },
    "nav.admin": {"en": "Admin", "uk": "Адміністрування"},
    "enum.role.viewer": {"en": "viewer", "uk": "читач"},
    "enum.role.editor": {"en": "editor", "uk": "редактор"},
    "enum.role.admin": {"en": "admin", "uk": "адміністратор"},
    "sidebar.signed_in": {
        "en": "Signed in as \u201c{name}\u201d ({role}).",
        "uk": "Ви увійшли як «{name}» ({role}).",
    },
    "auth.username": {"en": "User name", "uk": "Ім'я користувача"},
    "auth.password": {"en": "Password", "uk": "Пароль"},
    "auth.sign_in": {"en": "Sign in", "uk": "Увійти"},
    "auth.sign_out": {"en": "Sign out", "uk": "Вийти"},
    "auth.failed": {
        "en": "Wrong user name or password.",
        "uk": "Неправильне ім'я користувача або пароль.",
    },
    "auth.throttled": {
        "en": "Too many failed sign-ins; try again in {seconds} s.",
        "uk": "Забагато невдалих спроб входу; спробуйте знову через {seconds} с.",
    },
    "auth.expired": {
        "en": "Your session ended after a time without activity; please sign in again.",
        "uk": "Сеанс завершено через неактивність; увійдіть знову.",
    },
    "admin.title": {"en": "Administration", "uk": "Адміністрування"},
    "admin.users": {"en": "Users", "uk": "Користувачі"},
    "admin.add_user": {"en": "Add a user", "uk": "Додати користувача"},
    "admin.role": {"en": "Role", "uk": "Роль"},
    "admin.active": {"en": "Active", "uk": "Активний"},
    "admin.create": {"en": "Create", "uk": "Створити"},
    "admin.created": {"en": "Created {name}.", "uk": "Створено {name}."},
    "admin.change": {"en": "Change a user", "uk": "Змінити користувача"},
    "admin.apply": {"en": "Apply", "uk": "Застосувати"},
    "admin.four_eyes": {
        "en": "Four-eyes review of status assessments (turn off only when one person runs the tool)",
        "uk": "Перевірка оцінок статусу «чотири ока» (вимикайте, лише якщо інструментом користується одна людина)",
    },
    "admin.audit": {"en": "Audit log", "uk": "Журнал аудиту"},
    "admin.audit_user": {"en": "User", "uk": "Користувач"},
    "admin.audit_entity": {"en": "Record kind", "uk": "Тип запису"},
    "admin.audit_action": {"en": "Action", "uk": "Дія"},
    "admin.audit_since": {"en": "Since", "uk": "Від"},
    "admin.backup": {"en": "Backup", "uk": "Резервна копія"},
    "admin.backup_help": {
        "en": "A consistent copy of the database (all tables, as JSON) with the attachments and captures, and a SHA-256 manifest. A file that no longer matches its SHA-256 is left out and recorded as tampering in its entry's custody log. Restore it with `monitor restore FILE` into an empty database.",
        "uk": "Узгоджена копія бази даних (усі таблиці в JSON) із вкладеннями та збереженими копіями джерел і маніфестом SHA-256. Файл, що більше не відповідає своєму SHA-256, не потрапляє до копії й записується як підробка в журнал зберігання його запису. Відновлення: `monitor restore FILE` у порожню базу.",
    },
    "admin.backup_download": {"en": "Download a backup", "uk": "Завантажити резервну копію"},
    # -- the entry panel's table of fields, and a file's repeated id --
    "entry.col.field": {"en": "Field", "uk": "Поле"},
    "entry.col.value": {"en": "Value", "uk": "Значення"},
    "invalid.repeated_row": {
        "en": "appears twice: first in row {row}",
        "uk": "повторюється: уперше в рядку {row}",
    },
    "invalid.reason_needed": {"en": "a reason is needed", "uk": "потрібна причина"},
    # -- backup, passwords and the capture guard --
    "backup.unexpected_member": {
        "en": "unexpected member {name}: no backup contains such a name",
        "uk": "неочікуваний елемент {name}: у резервній копії такого імені не буває",
    },
    "backup.not_regular": {
        "en": "{name} is not a plain file (a link, a folder or a device)",
        "uk": "{name} не є звичайним файлом (це посилання, тека чи пристрій)",
    },
    "backup.unsupported_member": {
        "en": "{name} is encrypted or packed with a method backups never use",
        "uk": "{name} зашифровано або стиснуто методом, якого резервні копії не використовують",
    },
    "backup.duplicate": {
        "en": "{name} appears more than once in the archive",
        "uk": "{name} трапляється в архіві більше одного разу",
    },
    "backup.too_large": {
        "en": "{name} would unpack to {mb} MB; at most {max_mb} MB",
        "uk": "{name} після розпакування займе {mb} МБ; щонайбільше {max_mb} МБ",
    },
    "backup.total_too_large": {
        "en": "the archive would unpack to {mb} MB; at most {max_mb} MB",
        "uk": "архів після розпакування займе {mb} МБ; щонайбільше {max_mb} МБ",
    },
    "backup.ratio": {
        "en": "{name} unpacks to {ratio} times its packed size (at most {max}): refused as a zip bomb",
        "uk": "{name} розпаковується в {ratio} разів більше за стиснений розмір (щонайбільше {max}): відхилено як архівну бомбу",
    },
    "backup.total_ratio": {
        "en": "the archive unpacks to {ratio} times its size (at most {max}): refused as a zip bomb",
        "uk": "архів розпаковується в {ratio} разів більше за власний розмір (щонайбільше {max}): відхилено як архівну бомбу",
    },
    "backup.size_mismatch": {
        "en": "{name} does not unpack to the {size} bytes it declares",
        "uk": "{name} після розпакування не має заявлених {size} байтів",
    },
    "backup.damaged": {
        "en": "{name} cannot be read ({reason}): the archive is damaged or truncated",
        "uk": "{name} не вдається прочитати ({reason}): архів пошкоджено або обрізано",
    },
    "backup.bad_meta": {
        "en": "{name} cannot be read ({reason})",
        "uk": "не вдається прочитати {name} ({reason})",
    },
    "backup.bad_rows": {
        "en": "{name}, line {line}: the row cannot be loaded ({reason}); nothing was restored",
        "uk": "{name}, рядок {line}: рядок не вдається завантажити ({reason}); нічого не відновлено",
    },
    "backup.rows_refused": {
        "en": "{name}: the database refused the rows ({reason}); nothing was restored",
        "uk": "{name}: база даних відхилила рядки ({reason}); нічого не відновлено",
    },
    "backup.cannot_write": {
        "en": "cannot store {path} ({reason}); nothing was restored",
        "uk": "не вдається зберегти {path} ({reason}); нічого не відновлено",
    },
    # -- the CSV formula guard --
    # -- text shown inert; unexpected errors --
    "error.unexpected": {
        "en": "Something went wrong on our side and this step did not finish. If it happens again, give your administrator the incident number {incident}.",
        "uk": "Сталася помилка з нашого боку, і цей крок не завершено. Якщо це повториться, повідомте адміністраторові номер інциденту {incident}.",
    },
    # -- input checks of every service --
    "invalid.one_line": {
        "en": "one line only: no line breaks or tabs",
        "uk": "лише один рядок: без розривів рядка й табуляції",
    },
    "invalid.broken_character": {
        "en": "contains a broken character (half of a surrogate pair) that cannot be stored",
        "uk": "містить пошкоджений символ (половину сурогатної пари), який неможливо зберегти",
    },
    "draft.point_refused": {
        "en": "the point in row {n}: {reasons}",
        "uk": "пункт у рядку {n}: {reasons}",
    },
    "field.draft": {"en": "Draft", "uk": "Проєкт угоди"},
    "field.label": {"en": "Point label", "uk": "Позначка пункту"},
    "field.text": {"en": "Text of the point", "uk": "Текст пункту"},
    "field.display_name": {"en": "Display name", "uk": "Ім'я для показу"},
    "field.external_id": {"en": "Id in the feed", "uk": "Ідентифікатор у стрічці"},
    "field.url": {"en": "Address (URL)", "uk": "Адреса (URL)"},
    "field.summary": {"en": "Summary", "uk": "Короткий зміст"},
    "field.key": {"en": "Setting", "uk": "Налаштування"},
    "field.value": {"en": "Value", "uk": "Значення"},
    "field.legal_note": {
        "en": "Note for the legal review",
        "uk": "Примітка для юридичної перевірки",
    },
    # -- reference truth: not reported, confidence, releases, coverage review --
    "enum.coverage.not_reported": {"en": "Not reported", "uk": "Невідомо (текст недоступний)"},
    "coverage.not_reported_cites_nothing": {
        "en": "a not-reported cell cites no point (the draft's text on this demand is not available)",
        "uk": "клітинка «невідомо» не посилається на пункти (текст проєкту щодо цієї вимоги недоступний)",
    },
    "config.reference_row": {
        "en": "the reference data is refused, nothing was loaded: {where}: {why}",
        "uk": "довідкові дані відхилено, нічого не завантажено: {where}: {why}",
    },
    "not_found.coverage_proposal": {
        "en": "no proposed coverage code {id}",
        "uk": "немає запропонованого коду покриття {id}",
    },
    "coverage.four_eyes": {
        "en": "Four-eyes review: a second editor must approve this code; its author cannot approve it.",
        "uk": "Перевірка «чотири ока»: цей код має схвалити інший редактор; автор не може схвалити його сам.",
    },
    "drafts.change.unknown": {"en": "unknown", "uk": "невідомо"},
    "brief.gaps.gaps_contradicts": {"en": "contradicts", "uk": "суперечить"},
    "brief.gaps.gaps_absent": {"en": "absent", "uk": "відсутня"},
    "brief.gaps.gaps_partial": {"en": "partial", "uk": "частково"},
    "brief.gaps.gaps_not_coded": {"en": "not coded", "uk": "не закодовано"},
    "brief.gaps.not_reported": {"en": "not reported", "uk": "невідомо"},
    "brief.gaps.uncertain": {"en": "uncertain codes", "uk": "непевні коди"},
    "brief.gaps.confidence": {"en": "confidence of the text", "uk": "достовірність тексту"},
    "brief.gaps.sources": {"en": "sources", "uk": "джерела"},
    "brief.gaps.notes": {"en": "notes on the text", "uk": "примітки до тексту"},
    "brief.gaps.cell_uncertain": {"en": "uncertain", "uk": "непевно"},
    "brief.gaps.cell_legal_review": {
        "en": "needs legal review",
        "uk": "потребує юридичної перевірки",
    },
    "brief.readme.reference": {
        "en": "Reference data: release {release} of the shipped demands, regions, drafts and coverage codes (only approved codes).",
        "uk": "Довідкові дані: випуск {release} вимог, регіонів, проєктів угод і кодів покриття (лише схвалені коди).",
    },
    "chart.gaps.confidence": {"en": "confidence", "uk": "достовірність"},
    "chart.gaps.uncertain": {
        "en": "uncertain (rests on unverified text)",
        "uk": "непевно (на неперевіреному тексті)",
    },
    "chart.gaps.legal_review": {"en": "needs legal review", "uk": "потребує юридичної перевірки"},
    "chart.gaps.legend_tail": {
        "en": "Beside each draft's name: how well its text is known (a leaked full text is high, press summaries low). Not reported is not a gap: the text is unknown.",
        "uk": "Біля назви кожного проєкту — достовірність його тексту (злитий повний текст — висока, переказ у пресі — низька). «Невідомо» — не прогалина: текст недоступний.",
    },
    "chart.strip.no_mark": {
        "en": "no mark after the letter: change unknown",
        "uk": "без позначки після літери: зміна невідома",
    },
    "drafts.col.confidence": {"en": "Confidence of the text", "uk": "Достовірність тексту"},
    "drafts.col.by_kind": {"en": "Gaps by kind", "uk": "Прогалини за видом"},
    "drafts.col.not_reported": {"en": "Not reported", "uk": "Невідомо"},
    "drafts.col.translated": {"en": "Title is our translation", "uk": "Назва — наш переклад"},
    "drafts.by_kind": {
        "en": "contradicts {contradicts} · absent {absent} · partial {partial} · not coded {not_coded}",
        "uk": "суперечить {contradicts} · відсутня {absent} · частково {partial} · не закодовано {not_coded}",
    },
    "drafts.confidence_of": {
        "en": "Confidence of this draft's text: {confidence}",
        "uk": "Достовірність тексту цього проєкту: {confidence}",
    },
    "drafts.legal_review": {"en": "Needs legal review", "uk": "Потребує юридичної перевірки"},
    "drafts.legal_note": {"en": "Question for a lawyer", "uk": "Питання до юриста"},
    "drafts.history": {"en": "History of this cell", "uk": "Історія цієї клітинки"},
    "drafts.translated_points": {
        "en": "The point texts below are our translation of the draft's {original} text.",
        "uk": "Тексти пунктів нижче — наш переклад тексту проєкту мовою «{original}».",
    },
    "drafts.proposed": {
        "en": "Proposed: the code for {demand} in {draft} waits for a second editor.",
        "uk": "Запропоновано: код для {demand} у «{draft}» чекає на другого редактора.",
    },
    "drafts.pending": {
        "en": "Codes waiting for a second editor: {n}",
        "uk": "Коди, що чекають на другого редактора: {n}",
    },
    "drafts.pending_cell": {
        "en": "Proposed for this cell",
        "uk": "Запропоновано для цієї клітинки",
    },
    "drafts.approve": {"en": "Approve", "uk": "Схвалити"},
    "drafts.reject": {"en": "Reject", "uk": "Відхилити"},
    "drafts.reject_reason": {"en": "Why it is rejected", "uk": "Чому відхилено"},
    "drafts.own_proposal": {
        "en": "Your own proposal: another editor approves it.",
        "uk": "Ваша власна пропозиція: її схвалює інший редактор.",
    },
    "drafts.approved": {
        "en": "Approved: {demand} in {draft} now shows this code.",
        "uk": "Схвалено: {demand} у «{draft}» тепер має цей код.",
    },
    "drafts.rejected": {
        "en": "Rejected; the proposal stays in the cell's history.",
        "uk": "Відхилено; пропозиція лишається в історії клітинки.",
    },
    "field.original_language": {"en": "Language of the text", "uk": "Мова тексту"},
    "field.title_translation": {
        "en": "Title in the other language (optional)",
        "uk": "Назва іншою мовою (необов'язково)",
    },
    "field.other_sources": {
        "en": "Other sources (one address a line)",
        "uk": "Інші джерела (одна адреса в рядку)",
    },
    "drafts.compare.confidence": {
        "en": "Confidence of the texts: {before} (earlier), {after} (later). A change is unknown where either cell is not reported or uncertain.",
        "uk": "Достовірність текстів: {before} (раніший), {after} (пізніший). Зміна невідома, якщо будь-яка з клітинок «невідомо» або непевна.",
    },
    "history.col.proposed_at": {"en": "Proposed", "uk": "Запропоновано"},
    "history.col.author": {"en": "By", "uk": "Хто"},
    "history.col.level": {"en": "Level", "uk": "Рівень"},
    "history.col.points": {"en": "Points", "uk": "Пункти"},
    "history.col.note": {"en": "Note", "uk": "Примітка"},
    "history.col.state": {"en": "State", "uk": "Стан"},
    "history.col.approver": {"en": "Decided by", "uk": "Хто вирішив"},
    "history.col.reason": {"en": "Reason", "uk": "Причина"},
    "language.en": {"en": "English", "uk": "англійська"},
    "language.uk": {"en": "Ukrainian", "uk": "українська"},
    "demand.list_note": {
        "en": "The statement names these ten steps among others: the list is not exhaustive. Crosswalk codes from the PA-X Peace Agreements Database codebook, version 8, and the Peace Accords Matrix. Reference data: release {release}.",
        "uk": "Заява називає ці десять кроків серед інших: перелік не вичерпний. Коди відповідності — з кодової книги бази PA-X (версія 8) і Peace Accords Matrix. Довідкові дані: випуск {release}.",
    },
    # -- sign-in, first run, deployment --
    "error.auth_setting": {
        "en": "{setting} must be one of {choices} (it is “{value}”)",
        "uk": "{setting} має бути одним із {choices} (зараз «{value}»)",
    },
    "sidebar.auth_off": {
        "en": "Sign-in is off (MONITOR_AUTH=off): everyone who can open this address acts as “{name}” ({role}).",
        "uk": "Вхід вимкнено (MONITOR_AUTH=off): кожен, хто відкриє цю адресу, діє як «{name}» ({role}).",
    },
    "first_run.title": {
        "en": "First run: create the first admin",
        "uk": "Перший запуск: створіть першого адміністратора",
    },
    "first_run.explain": {
        "en": "No account can sign in yet. The setup code was printed in the terminal where the app was started (it works once, for {hours} hours); `monitor setup-code` prints a new one. The account you create here is an admin: add colleagues on the Admin page afterwards.",
        "uk": "Жоден обліковий запис ще не може увійти. Код налаштування надруковано в терміналі, де запущено застосунок (він діє один раз, {hours} год); `monitor setup-code` надрукує новий. Обліковий запис, який ви тут створите, буде адміністратором: колег додасте потім на сторінці «Адміністрування».",
    },
    "first_run.code": {"en": "Setup code", "uk": "Код налаштування"},
    "first_run.password": {"en": "Password", "uk": "Пароль"},
    "first_run.password_again": {"en": "Password again", "uk": "Пароль ще раз"},
    "first_run.create": {
        "en": "Create the admin and sign in",
        "uk": "Створити адміністратора й увійти",
    },
    "first_run.bad_code": {
        "en": "this is not the current setup code (codes work once and expire; `monitor setup-code` prints a new one)",
        "uk": "це не чинний код налаштування (коди діють один раз і мають строк; `monitor setup-code` надрукує новий)",
    },
    "first_run.done": {
        "en": "An account exists already: sign in instead.",
        "uk": "Обліковий запис уже існує: увійдіть.",
    },
    "invalid.passwords_differ": {"en": "the two passwords differ", "uk": "паролі не збігаються"},
    "field.setup_code": {"en": "Setup code", "uk": "Код налаштування"},
    "field.password_again": {"en": "Password again", "uk": "Пароль ще раз"},
    # -- first screen and labels --
    "month.1": {"en": "Jan", "uk": "січ."},
    "month.2": {"en": "Feb", "uk": "лют."},
    "month.3": {"en": "Mar", "uk": "бер."},
    "month.4": {"en": "Apr", "uk": "квіт."},
    "month.5": {"en": "May", "uk": "трав."},
    "month.6": {"en": "Jun", "uk": "черв."},
    "month.7": {"en": "Jul", "uk": "лип."},
    "month.8": {"en": "Aug", "uk": "серп."},
    "month.9": {"en": "Sep", "uk": "вер."},
    "month.10": {"en": "Oct", "uk": "жовт."},
    "month.11": {"en": "Nov", "uk": "лист."},
    "month.12": {"en": "Dec", "uk": "груд."},
    "start.title": {
        "en": "Nothing logged yet: where to begin",
        "uk": "Ще нічого не внесено: з чого почати",
    },
    "start.intro": {
        "en": "The ten demands and the draft agreements are loaded; the evidence and the status assessments are yours to add. The charts appear once there is something to draw.",
        "uk": "Десять вимог і проєкти угод уже завантажено; докази й оцінки статусу додаєте ви. Діаграми з’являться, щойно буде що показати.",
    },
    "start.log": {
        "en": "One documented fact about one or more demands, with its source.",
        "uk": "Один задокументований факт щодо однієї чи кількох вимог, із джерелом.",
    },
    "start.import": {
        "en": "A CSV or XLSX file: a partner's sheet, a KoboToolbox export, an edited briefing.",
        "uk": "Файл CSV або XLSX: таблиця партнера, експорт KoboToolbox, відредагований брифінг.",
    },
    "start.drafts": {
        "en": "Code how each draft agreement covers each demand.",
        "uk": "Закодуйте, як кожен проєкт угоди охоплює кожну вимогу.",
    },
    "start.viewer": {
        "en": "Logging and importing evidence needs an editor's account.",
        "uk": "Вносити й імпортувати докази може обліковий запис редактора.",
    },
    "start.demo": {
        "en": "To look around first, load synthetic demo data from a terminal in the project's folder (it adds made-up entries and a status history; not for a real database):",
        "uk": "Щоб спершу роздивитися, завантажте синтетичні демонстраційні дані з термінала в теці проєкту (вигадані записи та історія статусу; не для справжньої бази):",
    },
    "overview.no_evidence": {
        "en": "No evidence logged yet: the evidence charts appear with the first entry.",
        "uk": "Доказів ще не внесено: діаграми доказів з’являться з першим записом.",
    },
    "entry.withdrawn_hint": {
        "en": "A withdrawn entry is not edited; an admin may restore it (with a reason) on the Withdraw tab.",
        "uk": "Відкликаний запис не редагують; адміністратор може відновити його (з причиною) на вкладці «Відкликати».",
    },
    "import.action.create": {"en": "new", "uk": "новий"},
    "import.action.update": {"en": "update", "uk": "оновлення"},
    "import.action.unchanged": {"en": "unchanged", "uk": "без змін"},
    "import.action.invalid": {"en": "has problems", "uk": "з проблемами"},
    "brief.any": {"en": "all", "uk": "усі"},
    "admin.audit_every": {"en": "— all —", "uk": "— усі —"},
    "audit.action.create": {"en": "created", "uk": "створено"},
    "audit.action.change": {"en": "changed", "uk": "змінено"},
    "audit.action.edit": {"en": "edited", "uk": "відредаговано"},
    "audit.action.set": {"en": "set", "uk": "встановлено"},
    "audit.action.delete": {"en": "deleted", "uk": "видалено"},
    "audit.action.sign-in": {"en": "signed in", "uk": "вхід"},
    "audit.action.sign-in-failed": {"en": "sign-in failed", "uk": "невдалий вхід"},
    "audit.action.sign-in-refused": {
        "en": "sign-in refused (single sign-on)",
        "uk": "вхід відхилено (єдиний вхід)",
    },
    "audit.action.setup-code": {"en": "setup code issued", "uk": "видано код налаштування"},
    "audit.action.first-admin": {
        "en": "first admin created",
        "uk": "створено першого адміністратора",
    },
    "audit.action.propose": {"en": "proposed", "uk": "запропоновано"},
    "audit.action.approve": {"en": "approved", "uk": "схвалено"},
    "audit.action.reject": {"en": "rejected", "uk": "відхилено"},
    "audit.action.verify:corroborated": {
        "en": "marked corroborated",
        "uk": "позначено «підтверджено»",
    },
    "audit.action.verify:verified": {"en": "marked verified", "uk": "позначено «верифіковано»"},
    "audit.action.reopen": {"en": "returned to corroborated", "uk": "повернуто до «підтверджено»"},
    "audit.action.reopen-reason": {
        "en": "reason for returning to corroborated",
        "uk": "причина повернення до «підтверджено»",
    },
    "audit.action.withdraw": {"en": "withdrawn", "uk": "відкликано"},
    "audit.action.restore": {"en": "restored", "uk": "відновлено"},
    "audit.action.restore-reason": {"en": "reason for restoring", "uk": "причина відновлення"},
    "audit.action.attach": {"en": "file attached", "uk": "файл додано"},
    "audit.action.tampering-found": {"en": "stored file altered", "uk": "збережений файл змінено"},
    "audit.action.download-original": {
        "en": "original file downloaded",
        "uk": "оригінал файлу завантажено",
    },
    "audit.action.capture": {"en": "source captured", "uk": "джерело збережено"},
    "audit.action.backup": {"en": "backup made", "uk": "резервну копію створено"},
    "audit.action.export": {"en": "exported", "uk": "експортовано"},
    "audit.action.import": {"en": "imported", "uk": "імпортовано"},
    "audit.action.save": {"en": "saved", "uk": "збережено"},
    "audit.action.accept": {"en": "accepted", "uk": "прийнято"},
    "audit.action.dismiss": {"en": "dismissed", "uk": "відкинуто"},
    "audit.action.inbox-fetch": {"en": "feeds read", "uk": "джерела прочитано"},
    "audit.action.link": {"en": "linked to an incident", "uk": "пов'язано з інцидентом"},
    "audit.action.unlink": {"en": "unlinked from an incident", "uk": "відв'язано від інциденту"},
    "audit.action.dissolve": {"en": "incident dissolved", "uk": "інцидент розформовано"},
    "audit.action.merge": {
        "en": "another entry merged into it",
        "uk": "до нього приєднано інший запис",
    },
    "audit.action.merged": {"en": "merged into another entry", "uk": "приєднано до іншого запису"},
    "audit.action.unmerge": {"en": "merge undone", "uk": "об'єднання скасовано"},
    "audit.action.unmerged": {"en": "taken out of a merge", "uk": "вилучено з об'єднання"},
    "audit.action.add-point": {"en": "draft point added", "uk": "додано пункт проєкту"},
    "audit.action.kobo-pull": {
        "en": "KoboToolbox submissions read",
        "uk": "подання з KoboToolbox прочитано",
    },
    "audit.action.kobo-pull-failed": {
        "en": "KoboToolbox read failed",
        "uk": "не вдалося прочитати KoboToolbox",
    },
    "audit.action.seed": {"en": "reference data loaded", "uk": "довідкові дані завантажено"},
    "audit.action.demo-data": {
        "en": "demonstration data loaded",
        "uk": "демонстраційні дані завантажено",
    },
    "audit.entity.evidence": {"en": "evidence", "uk": "докази"},
    "audit.entity.assessment": {"en": "assessment", "uk": "оцінка"},
    "audit.entity.draft": {"en": "draft", "uk": "проєкт угоди"},
    "audit.entity.coverage": {"en": "coverage code", "uk": "код охоплення"},
    "audit.entity.user": {"en": "user", "uk": "користувач"},
    "audit.entity.briefing": {"en": "briefing", "uk": "брифінг"},
    "audit.entity.inbox": {"en": "inbox", "uk": "вхідні"},
    "audit.entity.capture": {"en": "capture", "uk": "копія джерела"},
    "audit.entity.setting": {"en": "setting", "uk": "налаштування"},
    "audit.entity.reference": {"en": "reference data", "uk": "довідкові дані"},
    "audit.entity.organisation": {"en": "organisation", "uk": "організація"},
    "audit.entity.incident": {"en": "incident", "uk": "інцидент"},
    "audit.entity.kobo": {"en": "KoboToolbox", "uk": "KoboToolbox"},
    "audit.entity.brief": {"en": "PDF brief", "uk": "PDF-довідка"},
    "audit.entity.database": {"en": "database", "uk": "база даних"},
    "audit.entity.import_mapping": {"en": "import mapping", "uk": "зіставлення імпорту"},
    "audit.entity.publication": {"en": "open data publication", "uk": "публікація відкритих даних"},
    "audit.col.id": {"en": "Id", "uk": "Ід."},
    "audit.col.at": {"en": "When", "uk": "Коли"},
    "audit.col.user": {"en": "User", "uk": "Користувач"},
    "audit.col.action": {"en": "Action", "uk": "Дія"},
    "audit.col.entity": {"en": "Record kind", "uk": "Тип запису"},
    "audit.col.record": {"en": "Record", "uk": "Запис"},
    "audit.col.before": {"en": "Before", "uk": "До"},
    "audit.col.after": {"en": "After", "uk": "Після"},
    # -- across drafts --
    "chart.strip.title": {
        "en": "Each demand across every draft (in date order)",
        "uk": "Кожна вимога в усіх проєктах (за датою)",
    },
    "chart.strip.change": {"en": "change from the draft before", "uk": "зміна від попереднього"},
    "across.demand_title": {"en": "Across every draft", "uk": "В усіх проєктах"},
    "across.overview_title": {
        "en": "Each demand across every draft",
        "uk": "Кожна вимога в усіх проєктах",
    },
    "across.caption": {
        "en": "One cell per draft, in date order (a draft that supersedes another comes after "
        "it). The mark after the letter is the change from the draft before: unknown where "
        "either side is not reported or uncertain. Hover for the draft, the confidence of its "
        "text and the cited points.",
        "uk": "Одна клітинка на проєкт, за датою (проєкт, що замінює інший, іде після нього). "
        "Знак після літери — зміна від попереднього проєкту: невідомо, якщо будь-який бік "
        "невідомий або непевний. Наведіть курсор: проєкт, достовірність тексту, пункти.",
    },
    "across.beside_title": {
        "en": "Evidence beside coverage",
        "uk": "Докази поруч із покриттям",
    },
    "across.beside_caption": {
        "en": "Entries by event date in the last 30 and 90 days, and in the 30 and 90 days "
        "before (same filters as above); coverage in the latest draft; and in how many drafts "
        "the demand is contradicted, absent, partial or not reported.",
        "uk": "Записи за датою події за останні 30 і 90 днів і за 30 і 90 днів перед тим (ті "
        "самі фільтри); покриття в останньому проєкті; у скількох проєктах вимогу порушено, "
        "пропущено, покрито частково або текст невідомий.",
    },
    "across.col.demand": {"en": "Demand", "uk": "Вимога"},
    "across.col.status": {"en": "Status", "uk": "Статус"},
    "across.col.regression_30": {
        "en": "Regression 30 d (before)",
        "uk": "Регрес 30 дн. (перед тим)",
    },
    "across.col.progress_30": {"en": "Progress 30 d (before)", "uk": "Прогрес 30 дн. (перед тим)"},
    "across.col.regression_90": {
        "en": "Regression 90 d (before)",
        "uk": "Регрес 90 дн. (перед тим)",
    },
    "across.col.progress_90": {"en": "Progress 90 d (before)", "uk": "Прогрес 90 дн. (перед тим)"},
    "across.col.verified_share": {"en": "Verified", "uk": "Перевірено"},
    "across.col.latest": {"en": "Latest draft", "uk": "Останній проєкт"},
    "across.col.latest_change": {"en": "Change", "uk": "Зміна"},
    "across.col.drafts_contradicts": {"en": "Contradicts", "uk": "Суперечить"},
    "across.col.drafts_absent": {"en": "Absent", "uk": "Відсутня"},
    "across.col.drafts_partial": {"en": "Partial", "uk": "Частково"},
    "across.col.drafts_not_reported": {"en": "Not reported", "uk": "Невідомо"},
    "across.download": {"en": "Download the strip (CSV)", "uk": "Завантажити смугу (CSV)"},
    "drafts.compare.download": {
        "en": "Download the comparison (CSV)",
        "uk": "Завантажити порівняння (CSV)",
    },
    "brief.kind.strip": {"en": "Across drafts", "uk": "В усіх проєктах"},
    "brief.kind.comparison": {"en": "Two drafts compared", "uk": "Порівняння двох проєктів"},
    "brief.strip.about": {
        "en": "each demand in every draft in date order, with the change from the draft before",
        "uk": "кожна вимога в кожному проєкті за датою, зі зміною від попереднього",
    },
    "brief.comparison.about": {
        "en": "two drafts compared per demand, with the cited points added and removed",
        "uk": "порівняння двох проєктів за вимогами, з доданими та вилученими пунктами",
    },
    "brief.strip.demand": {"en": "demand", "uk": "вимога"},
    "brief.strip.draft": {"en": "draft", "uk": "проєкт"},
    "brief.strip.published_on": {"en": "date", "uk": "дата"},
    "brief.strip.confidence": {"en": "confidence of the text", "uk": "достовірність тексту"},
    "brief.strip.level": {"en": "level", "uk": "рівень"},
    "brief.strip.uncertain": {"en": "uncertain", "uk": "непевно"},
    "brief.strip.points": {"en": "points", "uk": "пункти"},
    "brief.strip.change": {"en": "change", "uk": "зміна"},
    "brief.comparison.demand": {"en": "demand", "uk": "вимога"},
    "brief.comparison.title": {"en": "title", "uk": "назва"},
    "brief.comparison.before": {"en": "before", "uk": "до"},
    "brief.comparison.after": {"en": "after", "uk": "після"},
    "brief.comparison.change": {"en": "change", "uk": "зміна"},
    "brief.comparison.points_added": {"en": "points added", "uk": "додані пункти"},
    "brief.comparison.points_removed": {"en": "points removed", "uk": "вилучені пункти"},
    "brief.comparison.points_changed": {"en": "points changed", "uk": "змінені пункти"},
    "invalid.unknown_draft": {
        "en": "no draft has the code {value}",
        "uk": "немає проєкту з кодом {value}",
    },
    "invalid.same_draft": {
        "en": "choose two different drafts (both are {value})",
        "uk": "оберіть два різні проєкти (обидва — {value})",
    },
    # -- confidence of a draft's text --
    "confidence.high": {"en": "high", "uk": "висока"},
    "confidence.medium-high": {"en": "medium-high", "uk": "середньо-висока"},
    "confidence.medium": {"en": "medium", "uk": "середня"},
    "confidence.low": {"en": "low", "uk": "низька"},
    # -- PDF briefs --
    "pdf.kicker": {"en": "Demands Monitor · brief", "uk": "Монітор вимог · довідка"},
    "pdf.title.all": {
        "en": "The ten demands: where they stand",
        "uk": "Десять вимог: де вони зараз",
    },
    "pdf.title.draft": {
        "en": "{code}: gaps against the demands ({title})",
        "uk": "{code}: прогалини щодо вимог ({title})",
    },
    "pdf.page": {"en": "Page {page} of {pages}", "uk": "Сторінка {page} з {pages}"},
    "pdf.banner.confidential": {
        "en": "CONFIDENTIAL: this brief counts confidential evidence at an admin's request. Not for partners.",
        "uk": "КОНФІДЕНЦІЙНО: ця довідка враховує конфіденційні докази на запит адміністратора. Не для партнерів.",
    },
    "pdf.banner.restricted": {
        "en": "Restricted entries are counted in this brief: share it only with those who may read them.",
        "uk": "Ця довідка враховує записи з обмеженим доступом: передавайте її лише тим, хто може їх читати.",
    },
    "pdf.s.key": {"en": "In short", "uk": "Коротко"},
    "pdf.s.status": {"en": "Status and its history", "uk": "Статус та його історія"},
    "pdf.s.coverage": {"en": "Coverage across drafts", "uk": "Покриття в усіх проєктах"},
    "pdf.s.gaps": {"en": "This draft against each demand", "uk": "Цей проєкт щодо кожної вимоги"},
    "pdf.s.evidence": {"en": "Evidence", "uk": "Докази"},
    "pdf.s.latest": {
        "en": "The newest entries (at most {n})",
        "uk": "Найновіші записи (не більше {n})",
    },
    "pdf.s.sources": {"en": "Sources of every draft", "uk": "Джерела кожного проєкту"},
    "pdf.s.text": {"en": "The demand", "uk": "Вимога"},
    "pdf.s.texts": {"en": "The demands", "uk": "Вимоги"},
    "pdf.s.method": {"en": "Method", "uk": "Методика"},
    "pdf.s.provenance": {"en": "Provenance and citation", "uk": "Походження та цитування"},
    "pdf.key.demand": {
        "en": "{code}: status {status} (assessed {since}); in the latest draft ({draft}): {level}, against the draft before: {change}; regression entries in the last 90 days: {regression} ({regression_before} in the 90 days before), progress: {progress} ({progress_before}).",
        "uk": "{code}: статус {status} (оцінено {since}); в останньому проєкті ({draft}): {level}, порівняно з попереднім проєктом — {change}; записів про регрес за останні 90 днів: {regression} ({regression_before} за 90 днів перед тим), про прогрес: {progress} ({progress_before}).",
    },
    "pdf.key.draft": {
        "en": "{code} leaves {gaps} of the {total} demands without explicit coverage: contradicts {contradicts}, absent {absent}, partial {partial}, not coded {not_coded}. Not reported: {not_reported} (not gaps: the text is unknown). Uncertain codes: {uncertain}.",
        "uk": "{code} лишає {gaps} із {total} вимог без явного покриття: суперечить {contradicts}, відсутня {absent}, частково {partial}, не закодовано {not_coded}. Невідомо: {not_reported} (не прогалини: текст недоступний). Непевних кодів: {uncertain}.",
    },
    "pdf.draft.meta": {
        "en": "Proponent: {proponent} · published {date} · status: {status} · confidence of the text: {confidence} · supersedes: {supersedes}",
        "uk": "Ініціатор: {proponent} · оприлюднено {date} · стан: {status} · достовірність тексту: {confidence} · замінює: {supersedes}",
    },
    "pdf.change_from_before": {
        "en": "change from the draft before",
        "uk": "зміна від попереднього",
    },
    "pdf.proponent_date": {"en": "proponent, date", "uk": "ініціатор, дата"},
    "pdf.legend": {
        "en": "“{uncertain}” after a level: the code rests on unverified text. Change from the draft before: {changes}. Drafts are in date order; a draft that supersedes another comes after it.",
        "uk": "«{uncertain}» після рівня: код спирається на неперевірений текст. Зміна від попереднього проєкту: {changes}. Проєкти — за датою; проєкт, що замінює інший, іде після нього.",
    },
    "pdf.chart.grid": {
        "en": "Status of each demand at the end of each month",
        "uk": "Статус кожної вимоги на кінець кожного місяця",
    },
    "pdf.no_assessment": {
        "en": "No published assessment yet.",
        "uk": "Опублікованих оцінок ще немає.",
    },
    "pdf.all_demands": {"en": "all demands", "uk": "усі вимоги"},
    "pdf.all_regions": {"en": "all regions", "uk": "усі регіони"},
    "pdf.any_verification": {
        "en": "verified, corroborated and unverified",
        "uk": "верифіковані, підтверджені й неперевірені",
    },
    "pdf.period.any": {"en": "events of any date", "uk": "події будь-якої дати"},
    "pdf.period.from": {"en": "events from {start}", "uk": "події від {start}"},
    "pdf.period.to": {"en": "events until {end}", "uk": "події до {end}"},
    "pdf.period.between": {
        "en": "events from {start} to {end}",
        "uk": "події від {start} до {end}",
    },
    "pdf.filters": {
        "en": "Evidence counted: entries that are {sensitivity}; demands: {demands}; regions: {regions}; {period}; verification: {verification}. Withdrawn entries are never counted.",
        "uk": "Враховані докази: записи з чутливістю {sensitivity}; вимоги: {demands}; регіони: {regions}; {period}; перевірка: {verification}. Відкликані записи не враховуються ніколи.",
    },
    "pdf.evidence.total": {
        "en": "{n} entry matches these filters. | {n} entries match these filters.",
        "uk": "Цим фільтрам відповідає {n} запис. | Цим фільтрам відповідають {n} записи. | Цим фільтрам відповідають {n} записів.",
    },
    "pdf.evidence.windows": {
        "en": "30 d, 90 d: entries by event date in the last 30 or 90 days; in brackets, the 30 or 90 days before. An entry about two demands counts for both.",
        "uk": "30 дн., 90 дн.: записи за датою події за останні 30 або 90 днів; у дужках — за 30 або 90 днів перед тим. Запис про дві вимоги враховано для обох.",
    },
    "pdf.not_exhaustive": {
        "en": "The statement names these steps among others: the list is not exhaustive.",
        "uk": "Заява називає ці кроки серед інших: перелік не вичерпний.",
    },
    "pdf.method.meaning": {"en": "what it means", "uk": "що означає"},
    "pdf.method.status": {
        "en": "Status: the latest published assessment of each demand on the Peace Accords Matrix scale. An assessment is proposed by one editor and published when a second editor approves it (or marked self-approved where an admin turned four-eyes review off).",
        "uk": "Статус: остання опублікована оцінка кожної вимоги за шкалою Peace Accords Matrix. Оцінку пропонує один редактор, а публікує схвалення другого (або вона позначена як схвалена автором, якщо адміністратор вимкнув перевірку «чотири ока»).",
    },
    "pdf.method.score.0": {
        "en": "nothing done towards the demand, or only words",
        "uk": "щодо вимоги нічого не зроблено або лише слова",
    },
    "pdf.method.score.1": {
        "en": "first steps taken, far from what is demanded",
        "uk": "зроблено перші кроки, далеко від вимоги",
    },
    "pdf.method.score.2": {
        "en": "partly done: some of what is demanded happens",
        "uk": "частково: частина вимоги виконується",
    },
    "pdf.method.score.3": {"en": "done as demanded", "uk": "виконано, як вимагається"},
    "pdf.method.index": {
        "en": "Implementation index (Peace Accords Matrix method): the sum of the demands' scores divided by three times the number of demands; a demand not yet assessed counts as 0.",
        "uk": "Індекс виконання (метод Peace Accords Matrix): сума балів вимог, поділена на потроєну кількість вимог; ще не оцінена вимога рахується як 0.",
    },
    "pdf.method.coverage": {
        "en": "Coverage: how a draft agreement's text treats each demand, coded by one editor and approved by a second; only approved codes are shown. A gap is a demand the draft does not cover explicitly.",
        "uk": "Покриття: як текст проєкту угоди ставиться до кожної вимоги; код пропонує один редактор і схвалює другий, показано лише схвалені коди. Прогалина — вимога, яку проєкт не покриває явно.",
    },
    "pdf.method.level.contradicts": {
        "en": "the draft provides the opposite of the demand (a gap, the worst kind)",
        "uk": "проєкт передбачає протилежне до вимоги (прогалина, найгірший вид)",
    },
    "pdf.method.level.absent": {
        "en": "the draft says nothing on the demand (a gap)",
        "uk": "проєкт нічого не каже про вимогу (прогалина)",
    },
    "pdf.method.level.partial": {
        "en": "the draft covers part of the demand, or in weaker terms (a gap)",
        "uk": "проєкт покриває частину вимоги або слабшими словами (прогалина)",
    },
    "pdf.method.level.explicit": {
        "en": "the draft states the demand's step in its own words",
        "uk": "проєкт прямо передбачає крок, якого вимагають",
    },
    "pdf.method.level.not_reported": {
        "en": "the draft's text on this demand is not available: not a gap, counted apart",
        "uk": "текст проєкту щодо цієї вимоги недоступний: не прогалина, рахується окремо",
    },
    "pdf.method.level.not_coded": {
        "en": "nobody has coded this demand in this draft yet (counted as a gap)",
        "uk": "цю вимогу в цьому проєкті ще ніхто не закодував (рахується як прогалина)",
    },
    "pdf.method.not_reported": {
        "en": "Not reported means nobody knows what the draft says on the demand (its text was never published, as for the Geneva framework). It cites no point and is never counted as a gap.",
        "uk": "«Невідомо» означає, що ніхто не знає, що проєкт каже про вимогу (його текст не оприлюднено, як женевську рамку). Такий код не посилається на пункти й ніколи не рахується як прогалина.",
    },
    "pdf.method.uncertain": {
        "en": "Uncertain means the code rests on text that is not verified (a readout or a press summary instead of the text itself). It is written after the level.",
        "uk": "«Непевно» означає, що код спирається на неперевірений текст (переказ чи виклад у пресі замість самого тексту). Це слово стоїть після рівня.",
    },
    "pdf.method.change": {
        "en": "Change from the draft before: better or worse by contradicts < absent < partial < explicit (not coded counts as absent); unknown whenever either side is not reported or uncertain: never better or worse on unknown ground.",
        "uk": "Зміна від попереднього проєкту: краще чи гірше за порядком суперечить < відсутня < частково < явно (не закодовано = відсутня); невідомо, якщо будь-який бік «невідомо» або непевний: ніколи «краще» чи «гірше» на невідомому ґрунті.",
    },
    "pdf.method.confidence": {
        "en": "Confidence of a draft's text: how it is known, from high (a leaked full text) through medium-high and medium to low (press summaries).",
        "uk": "Достовірність тексту проєкту: звідки він відомий, від високої (злитий повний текст) через середньо-високу й середню до низької (виклади в пресі).",
    },
    "pdf.method.evidence": {
        "en": "Evidence: entries logged and graded by the organisations (source, reliability, verification), counted by the direction they show (progress, regression, neutral). Counts are not a sample of all events: they are what was documented.",
        "uk": "Докази: записи, внесені й оцінені організаціями (джерело, надійність, перевірка), пораховані за напрямом (прогрес, регрес, нейтрально). Кількість — не вибірка всіх подій, а те, що задокументовано.",
    },
    "pdf.prov.made": {"en": "Generated {when} by {user}.", "uk": "Створено {when}, автор: {user}."},
    "pdf.prov.data_sha": {
        "en": "SHA-256 of the data in this brief (every text, figure and table above, with the data version and the filters, as canonical JSON; not when or by whom it was made): {sha}",
        "uk": "SHA-256 даних цієї довідки (усі тексти, числа й таблиці вище, з версією даних і фільтрами, як канонічний JSON; без часу й автора створення): {sha}",
    },
    "pdf.prov.file_sha": {
        "en": "The SHA-256 of this file cannot be written inside it, because writing it would change the file. It is shown beside the download button, printed by the command line and kept in the audit log.",
        "uk": "SHA-256 цього файлу не можна записати в нього самого: запис змінив би файл. Його показано біля кнопки завантаження, виводить командний рядок і зберігає журнал аудиту.",
    },
    "pdf.cite": {
        "en": "Cite as: Demands Monitor, “{title}”, brief of {day}, data version {version}, reference release {release}, data SHA-256 {sha}….",
        "uk": "Посилання: Монітор вимог, «{title}», довідка від {day}, версія даних {version}, випуск довідкових даних {release}, SHA-256 даних {sha}….",
    },
    "pdf.error.both": {
        "en": "a brief is about one demand or one draft: give one of them, not both",
        "uk": "довідка стосується однієї вимоги або одного проєкту: вкажіть щось одне",
    },
    "pdf.error.one_demand": {
        "en": "one demand only (a brief is about one demand, one draft or all of them): {value}",
        "uk": "лише одна вимога (довідка — про одну вимогу, один проєкт або всі): {value}",
    },
    "pdf.error.kind": {
        "en": "choose one of: {choices}",
        "uk": "оберіть одне з: {choices}",
    },
    "pdf.ui.heading": {"en": "Printable brief (PDF)", "uk": "Довідка для друку (PDF)"},
    "pdf.ui.caption": {
        "en": "A brief a diplomat can cite: texts, status, coverage across drafts, evidence counts, sources, method and provenance. Public evidence only, unless you ask for more below.",
        "uk": "Довідка, на яку може послатися дипломат: тексти, статус, покриття в проєктах, кількість доказів, джерела, методика й походження. Лише публічні докази, якщо нижче не попросите більше.",
    },
    "pdf.ui.draft": {"en": "Draft the brief is about", "uk": "Проєкт, про який довідка"},
    "pdf.ui.prepare": {"en": "Prepare the PDF brief", "uk": "Підготувати PDF-довідку"},
    "pdf.ui.download": {"en": "Download the PDF brief", "uk": "Завантажити PDF-довідку"},
    "pdf.ui.sha": {"en": "SHA-256 of this file: `{sha}`", "uk": "SHA-256 цього файлу: `{sha}`"},
    "pdf.ui.ready": {
        "en": "Brief ready ({count} page). | Brief ready ({count} pages).",
        "uk": "Довідку підготовлено ({count} сторінка). | Довідку підготовлено ({count} сторінки). | Довідку підготовлено ({count} сторінок).",
    },
    # -- map of the regions and the Overview's leftovers --
    "region_map.title": {"en": "Evidence by region: map", "uk": "Докази за регіонами: мапа"},
    "region_map.entries": {
        "en": "{count} entry | {count} entries",
        "uk": "{count} запис | {count} записи | {count} записів",
    },
    "region_map.not_tracked": {
        "en": "not tracked by the monitor (shown for context)",
        "uk": "монітор не відстежує (показано для орієнтації)",
    },
    "region_map.left_out": {
        "en": "left out by the region filter",
        "uk": "не входить до обраних регіонів",
    },
    "region_map.caption": {
        "en": "Entries matching the filters above, each counted once, by the region of the "
        "events; the darker, the more. The colour counts entries, it does not draw the "
        "occupation: an oblast only partly occupied is coloured whole. Grey: oblasts the "
        "monitor does not track, or left out by the region filter. Outlines: the "
        "pygal-maps-ua package (LGPL), drawn here, without any map server.",
        "uk": "Записи, що відповідають фільтрам вище, кожен один раз, за регіоном подій; що "
        "темніше, то більше. Колір рахує записи, а не показує окупацію: область, окуповану "
        "частково, зафарбовано повністю. Сірим: області, яких монітор не відстежує або які не "
        "входять до обраних регіонів. Межі: пакет pygal-maps-ua (LGPL), намальовано тут, без "
        "жодного картографічного сервера.",
    },
    "across.download_help_demand": {
        "en": "This demand in every draft, as drawn above.",
        "uk": "Ця вимога в кожному проєкті, як на смузі вище.",
    },
    "across.download_help": {
        "en": "The strip of the demands chosen above. Coverage is a property of the drafts, so "
        "the region, date and verification filters do not change it.",
        "uk": "Смуга вимог, обраних вище. Покриття є властивістю проєктів, тож фільтри за "
        "регіоном, датою та перевіркою його не змінюють.",
    },
    "region_map.oblast.crimea": {
        "en": "Autonomous Republic of Crimea",
        "uk": "Автономна Республіка Крим",
    },
    "region_map.oblast.vinnytsia": {"en": "Vinnytsia oblast", "uk": "Вінницька область"},
    "region_map.oblast.volyn": {"en": "Volyn oblast", "uk": "Волинська область"},
    "region_map.oblast.dnipropetrovsk": {
        "en": "Dnipropetrovsk oblast",
        "uk": "Дніпропетровська область",
    },
    "region_map.oblast.donetsk": {"en": "Donetsk oblast", "uk": "Донецька область"},
    "region_map.oblast.zhytomir": {"en": "Zhytomyr oblast", "uk": "Житомирська область"},
    "region_map.oblast.zakarpattia": {"en": "Zakarpattia oblast", "uk": "Закарпатська область"},
    "region_map.oblast.zaporizhzhia": {"en": "Zaporizhzhia oblast", "uk": "Запорізька область"},
    "region_map.oblast.ivano-frankivsk": {
        "en": "Ivano-Frankivsk oblast",
        "uk": "Івано-Франківська область",
    },
    "region_map.oblast.kyiv": {"en": "Kyiv oblast", "uk": "Київська область"},
    "region_map.oblast.kirovohrad": {"en": "Kirovohrad oblast", "uk": "Кіровоградська область"},
    "region_map.oblast.luhansk": {"en": "Luhansk oblast", "uk": "Луганська область"},
    "region_map.oblast.lviv": {"en": "Lviv oblast", "uk": "Львівська область"},
    "region_map.oblast.mykolaiv": {"en": "Mykolaiv oblast", "uk": "Миколаївська область"},
    "region_map.oblast.odesa": {"en": "Odesa oblast", "uk": "Одеська область"},
    "region_map.oblast.poltava": {"en": "Poltava oblast", "uk": "Полтавська область"},
    "region_map.oblast.rivne": {"en": "Rivne oblast", "uk": "Рівненська область"},
    "region_map.oblast.sumy": {"en": "Sumy oblast", "uk": "Сумська область"},
    "region_map.oblast.ternopil": {"en": "Ternopil oblast", "uk": "Тернопільська область"},
    "region_map.oblast.kharkiv": {"en": "Kharkiv oblast", "uk": "Харківська область"},
    "region_map.oblast.kherson": {"en": "Kherson oblast", "uk": "Херсонська область"},
    "region_map.oblast.khmelnitskyi": {"en": "Khmelnytskyi oblast", "uk": "Хмельницька область"},
    "region_map.oblast.cherkasy": {"en": "Cherkasy oblast", "uk": "Черкаська область"},
    "region_map.oblast.chernivtsi": {"en": "Chernivtsi oblast", "uk": "Чернівецька область"},
    "region_map.oblast.chernihiv": {"en": "Chernihiv oblast", "uk": "Чернігівська область"},
    "region_map.oblast.kyivcity": {"en": "Kyiv (city)", "uk": "м. Київ"},
    "region_map.oblast.sevastopolcity": {"en": "Sevastopol (city)", "uk": "м. Севастополь"},
    # -- import at scale and column mapping --
    "import.unknown_fields": {
        "en": "the mapping names fields that do not exist: {names}",
        "uk": "у зіставленні є поля, яких не існує: {names}",
    },
    "import.field_twice": {
        "en": "two columns are mapped to the same field: {names}",
        "uk": "дві колонки зіставлено з тим самим полем: {names}",
    },
    "import.bad_system": {
        "en": "the system of an external id is a short lower-case name of Latin letters and digits, not «{system}»",
        "uk": "система зовнішнього ідентифікатора має бути коротким словом з малих латинських літер і цифр, а не «{system}»",
    },
    "import.id_twice": {
        "en": "the id comes from column «{column}» already: map no other column to the stable id",
        "uk": "ідентифікатор уже береться з колонки «{column}»: не зіставляйте з ним іншої колонки",
    },
    "import.unknown_columns": {
        "en": "the file has no column {names}",
        "uk": "у файлі немає колонки {names}",
    },
    "import.unmapped": {
        "en": "required, but no column of the file and no default gives it",
        "uk": "обов'язкове, але його не дає жодна колонка файлу і жодне типове значення",
    },
    "import.bad_profile": {
        "en": "the mapping cannot be read ({reason})",
        "uk": "зіставлення не вдається прочитати ({reason})",
    },
    "import.unknown_profile": {
        "en": "there is no mapping named «{name}» (there are: {names})",
        "uk": "зіставлення з назвою «{name}» немає (є: {names})",
    },
    "import.bad_pair": {
        "en": "{option} takes name=value, not {names}",
        "uk": "{option} приймає назва=значення, а не {names}",
    },
    "import.empty": {
        "en": "the file is empty: it has no header line",
        "uk": "файл порожній: у ньому немає рядка заголовків",
    },
    "import.no_rows": {
        "en": "the file has a header but no rows",
        "uk": "у файлі є заголовки, але немає жодного рядка",
    },
    "import.too_many_columns": {
        "en": "the file has {n} columns; an import takes at most {max}",
        "uk": "у файлі колонок: {n}; імпорт приймає щонайбільше {max}",
    },
    "import.same_column_twice": {
        "en": "two columns have the same name: {names}; rename one",
        "uk": "дві колонки мають однакову назву: {names}; перейменуйте одну",
    },
    "import.binary": {
        "en": "this is not a text table but a binary file ({kind}); save the sheet as CSV or XLSX",
        "uk": "це не текстова таблиця, а двійковий файл ({kind}); збережіть аркуш як CSV або XLSX",
    },
    "import.mixed_encoding": {
        "en": "line {line} is not in the file's encoding ({encoding}): the file mixes encodings; save it again as {utf8}",
        "uk": "рядок {line} не в кодуванні файлу ({encoding}): у файлі змішано кодування; збережіть його знову як {utf8}",
    },
    "import.line_too_long": {
        "en": "line {line} is longer than {max_mb} MB",
        "uk": "рядок {line} довший за {max_mb} МБ",
    },
    "import.cell_too_long": {
        "en": "row {row} has a cell longer than {max} characters",
        "uk": "у рядку {row} є клітинка, довша за {max} символів",
    },
    "import.bad_line": {
        "en": "row {row} cannot be read ({reason})",
        "uk": "рядок {row} не вдається прочитати ({reason})",
    },
    "import.unpacks_too_large": {
        "en": "the spreadsheet unpacks to more than {max_mb} MB",
        "uk": "таблиця після розпакування більша за {max_mb} МБ",
    },
    "import.zip_bomb": {
        "en": "the spreadsheet is packed more than {max} to 1 or encrypted: refused as a possible zip bomb",
        "uk": "таблицю стиснуто понад {max} до 1 або зашифровано: відхилено як можливу зіп-бомбу",
    },
    "import.start_from": {"en": "Start from", "uk": "Почати з"},
    "import.id_column": {
        "en": "Column with each row's id in the system it came from (for example _uuid)",
        "uk": "Колонка з ідентифікатором рядка в системі, звідки він (наприклад, _uuid)",
    },
    "import.no_id_column": {
        "en": "— none: the id column, or one made from the content —",
        "uk": "— немає: колонка ідентифікатора або ідентифікатор зі змісту —",
    },
    "import.id_system": {
        "en": "Name of that system (for example kobo): ids become system:id",
        "uk": "Назва цієї системи (наприклад, kobo): ідентифікатори стануть система:ід",
    },
    "import.from_headers": {
        "en": "the file's headers (suggested)",
        "uk": "заголовків файлу (запропоновано)",
    },
    "import.defaults": {
        "en": "Values for fields the file has no column for",
        "uk": "Значення для полів, яких немає у файлі",
    },
    "import.defaults_hint": {
        "en": "Each row without a value in this field takes the value given here (for example a form that asks no reliability question).",
        "uk": "Кожен рядок без значення в цьому полі отримає вказане тут значення (наприклад, якщо форма не питає про надійність).",
    },
    "import.save_name": {
        "en": "Save this mapping as",
        "uk": "Зберегти це зіставлення як",
    },
    "import.save": {"en": "Save the mapping", "uk": "Зберегти зіставлення"},
    "import.saved": {
        "en": "Mapping saved as «{name}»: choose it under «Start from» for the next file.",
        "uk": "Зіставлення збережено як «{name}»: оберіть його в «Почати з» для наступного файлу.",
    },
    "import.policy": {
        "en": "Verification of the imported entries",
        "uk": "Верифікація імпортованих записів",
    },
    "import.policy.unverified": {
        "en": "unverified: every new entry starts unverified (the usual choice)",
        "uk": "неверифіковані: кожен новий запис починає неверифікованим (звичайний вибір)",
    },
    "import.policy.trusted": {
        "en": "keep the file's verification: the source is trusted (a partner's verified register)",
        "uk": "зберегти верифікацію з файлу: джерело довірене (верифікований реєстр партнера)",
    },
    "import.policy_shown.unverified": {
        "en": "New entries come in unverified, whatever the file says.",
        "uk": "Нові записи надходять неверифікованими, хоч би що було у файлі.",
    },
    "import.policy_shown.trusted": {
        "en": "New entries keep the verification the file gives (trusted source); the choice is recorded in the audit log.",
        "uk": "Нові записи зберігають верифікацію з файлу (довірене джерело); цей вибір записано в журнал аудиту.",
    },
    "import.more_problems": {
        "en": "… and {count} more row with problems (the first {shown} are listed). | … and {count} more rows with problems (the first {shown} are listed).",
        "uk": "… і ще {count} рядок з проблемами (показано перші {shown}). | … і ще {count} рядки з проблемами (показано перші {shown}). | … і ще {count} рядків з проблемами (показано перші {shown}).",
    },
    "import.too_many_cells": {
        "en": "the row has {n} cells, the header only {max}: is the delimiter right?",
        "uk": "у рядку клітинок: {n}, а в заголовку лише {max}: чи правильний роздільник?",
    },
    # -- KoboToolbox sync and the field form --
    "fieldform.title": {"en": "Evidence for the ten demands", "uk": "Доказ щодо десяти вимог"},
    "fieldform.intro": {
        "en": "One documented fact about one or more of the ten demands for Ukrainians in the "
        "temporarily occupied territories. Do not write names of people who could be "
        "endangered unless the entry is confidential.",
        "uk": "Один задокументований факт щодо однієї чи кількох із десяти вимог для українців "
        "на тимчасово окупованих територіях. Не пишіть імен людей, яким це може загрожувати, "
        "якщо запис не конфіденційний.",
    },
    "fieldform.future_date": {
        "en": "cannot be in the future",
        "uk": "не може бути в майбутньому",
    },
    "fieldform.hint.event_end": {
        "en": "Leave empty when the events took one day.",
        "uk": "Залиште порожнім, якщо події тривали один день.",
    },
    "fieldform.hint.settlement": {
        "en": "Type the first letters of the name (in Ukrainian); the list shows the chosen "
        "region's settlements only.",
        "uk": "Введіть перші літери назви; у списку лише населені пункти обраного регіону.",
    },
    "fieldform.hint.settlement_name": {
        "en": "Only when the settlement is not in the list.",
        "uk": "Лише якщо населеного пункту немає в списку.",
    },
    "fieldform.hint.source_url": {
        "en": "An address starting with http:// or https://.",
        "uk": "Адреса, що починається з http:// або https://.",
    },
    "fieldform.hint.sensitivity": {
        "en": "Confidential: only editors and admins will see it; restricted: not in public "
        "briefings.",
        "uk": "Конфіденційний: бачитимуть лише редактори й адміністратори; обмежений: не "
        "потрапить до публічних довідок.",
    },
    "fieldform.files": {"en": "Photo or document", "uk": "Фото або документ"},
    "fieldform.photo": {"en": "Photo", "uk": "Фото"},
    "fieldform.document": {
        "en": "Document (PDF, DOCX, XLSX, ODT, TXT, CSV, MD, or an image)",
        "uk": "Документ (PDF, DOCX, XLSX, ODT, TXT, CSV, MD або зображення)",
    },
    "kobo.failed": {
        "en": "{kobo} could not be pulled; nothing was changed.",
        "uk": "Не вдалося отримати дані з {kobo}; нічого не змінено.",
    },
    "kobo.not_configured": {
        "en": "{kobo} is not set up yet: an admin gives the server and the project here "
        "(or with {command}).",
        "uk": "{kobo} ще не налаштовано: адміністратор вказує тут сервер і проєкт (або "
        "командою {command}).",
    },
    "kobo.no_token": {
        "en": "No {kobo} token: set {name} in the environment the app and the command run "
        "in; it is never stored in the database.",
        "uk": "Немає токена {kobo}: задайте {name} у середовищі, де працюють застосунок і "
        "команда; у базі даних його ніколи не зберігають.",
    },
    "kobo.unauthorized": {
        "en": "{kobo} refused the token (HTTP {status}): check {name} and that its account "
        "may view this project's submissions. Nothing was changed.",
        "uk": "{kobo} не прийняв токен (HTTP {status}): перевірте {name} і чи може його "
        "обліковий запис переглядати дані цього проєкту. Нічого не змінено.",
    },
    "kobo.not_found": {
        "en": "{kobo} at {server} has no project {asset} (HTTP 404). Nothing was changed.",
        "uk": "На {server} у {kobo} немає проєкту {asset} (HTTP 404). Нічого не змінено.",
    },
    "kobo.server_error": {
        "en": "{kobo} answered HTTP {status}, a fault on its side. Nothing was changed; "
        "try again later.",
        "uk": "{kobo} відповів HTTP {status}, це збій на його боці. Нічого не змінено; "
        "спробуйте пізніше.",
    },
    "kobo.http": {
        "en": "{kobo} answered HTTP {status}. Nothing was changed.",
        "uk": "{kobo} відповів HTTP {status}. Нічого не змінено.",
    },
    "kobo.timeout": {
        "en": "{kobo} did not answer within {seconds} s. Nothing was changed; try again.",
        "uk": "{kobo} не відповів за {seconds} с. Нічого не змінено; спробуйте ще раз.",
    },
    "kobo.unreachable": {
        "en": "{kobo} could not be reached ({reason}). Nothing was changed.",
        "uk": "Не вдалося з'єднатися з {kobo} ({reason}). Нічого не змінено.",
    },
    "kobo.malformed": {
        "en": "The answer of {kobo} is not in the shape of its API (expected {expected}). "
        "Nothing was changed.",
        "uk": "Відповідь {kobo} не має форми, яку дає його програмний інтерфейс (очікувалося "
        "{expected}). Нічого не змінено.",
    },
    "kobo.too_large": {
        "en": "larger than {max_mb} MB: not downloaded",
        "uk": "більше за {max_mb} МБ: не завантажено",
    },
    "kobo.foreign_address": {
        "en": "not on the {kobo} server: not downloaded (the token goes to that server only)",
        "uk": "не на сервері {kobo}: не завантажено (токен надсилається лише туди)",
    },
    "kobo.no_identity": {
        "en": "the submission has no {fields}",
        "uk": "у поданні немає {fields}",
    },
    "kobo.bad_asset": {
        "en": "8 to 64 letters and digits: the project's id, as in its address (/forms/<id>)",
        "uk": "від 8 до 64 латинських літер і цифр: ідентифікатор проєкту з його адреси",
    },
    "kobo.title": {"en": "KoboToolbox", "uk": "KoboToolbox"},
    "kobo.caption": {
        "en": "New and edited submissions of the project come in as unverified entries, with "
        "their photos and files; a submission deleted there is reported, never removed here.",
        "uk": "Нові та змінені подання проєкту надходять як неперевірені записи, з фото й "
        "файлами; подання, видалене там, лише позначається, тут його не видаляють.",
    },
    "kobo.server": {"en": "Server address", "uk": "Адреса сервера"},
    "kobo.asset": {"en": "Project id", "uk": "Ідентифікатор проєкту"},
    "kobo.token": {"en": "API token", "uk": "Токен API"},
    "kobo.token_set": {
        "en": "set in the environment ({name}); never shown",
        "uk": "задано в середовищі ({name}); ніколи не показується",
    },
    "kobo.token_missing": {
        "en": "not set: set {name} where the app runs",
        "uk": "не задано: задайте {name} там, де працює застосунок",
    },
    "kobo.save": {"en": "Save the project", "uk": "Зберегти проєкт"},
    "kobo.saved": {"en": "the KoboToolbox project", "uk": "проєкт KoboToolbox"},
    "kobo.pull": {"en": "Pull new submissions", "uk": "Отримати нові подання"},
    "kobo.pulled": {
        "en": "Pulled: new {created}, updated {updated}, unchanged {unchanged}, files "
        "{attachments}.",
        "uk": "Отримано: нових {created}, оновлено {updated}, без змін {unchanged}, файлів "
        "{attachments}.",
    },
    "kobo.attention": {
        "en": "Needs attention: refused {refused}, conflicts {conflict}, deleted in KoboToolbox "
        "{deleted}, to retry {failed}. See the table below.",
        "uk": "Потребує уваги: відхилено {refused}, конфліктів {conflict}, видалено в "
        "KoboToolbox {deleted}, повторити {failed}. Див. таблицю нижче.",
    },
    "kobo.reached": {
        "en": "Pulled up to submissions of {time} (UTC).",
        "uk": "Отримано подання до {time} (UTC).",
    },
    "kobo.never": {"en": "Nothing pulled yet.", "uk": "Ще нічого не отримано."},
    "kobo.form_download": {
        "en": "Download the field form (XLSForm)",
        "uk": "Завантажити польову форму (XLSForm)",
    },
    "kobo.form_help": {
        "en": "Deploy it as a new KoboToolbox project (or an ODK Central form) and give its id "
        "above; documenters fill it on phones, offline.",
        "uk": "Розгорніть її як новий проєкт KoboToolbox (або форму ODK Central) і вкажіть тут "
        "його ідентифікатор; документатори заповнюють її на телефонах, офлайн.",
    },
    "kobo.col.submission": {"en": "submission", "uk": "подання"},
    "kobo.col.entry": {"en": "entry", "uk": "запис"},
    "kobo.col.what": {"en": "what", "uk": "що"},
    "kobo.col.why": {"en": "why", "uk": "чому"},
    "kobo.what.refused": {"en": "refused", "uk": "відхилено"},
    "kobo.what.conflict": {"en": "conflict", "uk": "конфлікт"},
    "kobo.what.deleted": {"en": "deleted in KoboToolbox", "uk": "видалено в KoboToolbox"},
    "kobo.what.failed": {"en": "to retry", "uk": "повторити"},
    "kobo.what.attachment": {"en": "file not stored", "uk": "файл не збережено"},
    "field.server_url": {"en": "Server address", "uk": "Адреса сервера"},
    "field.asset_uid": {"en": "Project id", "uk": "Ідентифікатор проєкту"},
    # -- open data publication --
    "publication.unwritable": {
        "en": "cannot write the publication to {folder}: {reason}",
        "uk": "не вдається записати публікацію до {folder}: {reason}",
    },
    "publication.busy": {
        "en": "another publication to {path} is running; try again when it has finished",
        "uk": "інша публікація до {path} ще триває; спробуйте, коли вона завершиться",
    },
    "publication.not_a_publication": {
        "en": "{path} holds other files: choose an empty folder or an earlier publication",
        "uk": "у {path} є інші файли: оберіть порожню теку або попередню публікацію",
    },
    "publication.no_database": {
        "en": "{path} holds no published database: run the publication first",
        "uk": "у {path} немає опублікованої бази даних: спершу виконайте публікацію",
    },
    "field.dir": {"en": "Folder", "uk": "Тека"},
    "admin.publication": {"en": "Open data publication", "uk": "Публікація відкритих даних"},
    "admin.publication_help": {
        "en": "Writes what is public to {folder}: the demands, statuses, coverage of every "
        "draft, the gap matrix, counts of public evidence and public entries by their "
        "structured fields (no titles, descriptions, sources or names), as CSV with HXL "
        "tags, a Data Package, a SQLite file for Datasette and an Atom feed. Restricted and "
        "confidential entries are never published.",
        "uk": "Записує до {folder} лише публічне: вимоги, статуси, охоплення кожного проєкту, "
        "матрицю прогалин, підрахунки публічних доказів і публічні записи за їхніми "
        "структурованими полями (без назв, описів, джерел та імен) — CSV з тегами HXL, "
        "Data Package, файл SQLite для Datasette і стрічку Atom. Обмежені й конфіденційні "
        "записи не публікуються ніколи.",
    },
    "admin.publication_now": {"en": "Publish now", "uk": "Опублікувати зараз"},
    "admin.publication_current": {
        "en": "Published now: {version}, data as of {as_of}.",
        "uk": "Зараз опубліковано: {version}, дані станом на {as_of}.",
    },
    "admin.publication_none": {
        "en": "Nothing is published in this folder yet.",
        "uk": "У цій теці ще нічого не опубліковано.",
    },
    "admin.publication_done": {
        "en": "Published {count} public entry to {folder}. | "
        "Published {count} public entries to {folder}.",
        "uk": "Опубліковано {count} публічний запис до {folder}. | "
        "Опубліковано {count} публічні записи до {folder}. | "
        "Опубліковано {count} публічних записів до {folder}.",
    },
    "admin.publication_unchanged": {
        "en": "Nothing changed since the last publication ({folder}).",
        "uk": "Від останньої публікації нічого не змінилося ({folder}).",
    },
    # -- attachments, custody and duplicates --
    "attachment.program": {
        "en": "the file is a program, and programs are not accepted",
        "uk": "файл є програмою, а програми не приймаються",
    },
    "attachment.name_mismatch": {
        "en": "the content does not match the name (it is a {suffix} file): rename it or choose another",
        "uk": "вміст не відповідає назві (це файл {suffix}): перейменуйте його або оберіть інший",
    },
    "attachment.bomb": {
        "en": "the image is too large to open safely (more than {max_mp} megapixels), so it was refused",
        "uk": "зображення завелике, щоб безпечно його відкрити (понад {max_mp} мегапікселів), тому його відхилено",
    },
    "attachment.unreadable": {
        "en": "the file cannot be opened ({reason})",
        "uk": "файл не вдається відкрити ({reason})",
    },
    "attachment.tampered": {
        "en": "{name} no longer matches its SHA-256: it was changed after it was stored, so no copy is handed out; this has been recorded",
        "uk": "{name} більше не відповідає своєму SHA-256: його змінено після збереження, тому копію не видано; це записано",
    },
    "not_found.attachment": {"en": "no attachment {id}", "uk": "немає вкладення {id}"},
    "not_found.capture": {"en": "no stored capture {id}", "uk": "немає збереженої копії {id}"},
    "attachment.row": {
        "en": "**{name}** · {media_type} · {size} bytes · SHA-256 {sha}",
        "uk": "**{name}** · {media_type} · {size} байтів · SHA-256 {sha}",
    },
    "attachment.open": {"en": "Open", "uk": "Відкрити"},
    "attachment.close": {"en": "Close", "uk": "Закрити"},
    "attachment.tampered_shown": {
        "en": "**Tampering:** {name} does not match its SHA-256 (recorded {recorded}, read now {seen}). It is not shown or handed out; the audit log and the chain of custody record this.",
        "uk": "**Підробка:** {name} не відповідає своєму SHA-256 (записано {recorded}, прочитано зараз {seen}). Файл не показано й не видано; це записано в журналі аудиту та ланцюгу зберігання.",
    },
    "attachment.missing_shown": {
        "en": "**The stored file of {name} is missing** (recorded SHA-256 {recorded}). The audit log and the chain of custody record this.",
        "uk": "**Збережений файл {name} відсутній** (записаний SHA-256 {recorded}). Це записано в журналі аудиту та ланцюгу зберігання.",
    },
    "attachment.content_differs": {
        "en": "The content is not what the name says: it is {media_type}. It is treated by its content, never by its name.",
        "uk": "Вміст не такий, як каже назва: це {media_type}. Файл обробляється за вмістом, а не за назвою.",
    },
    "attachment.pdf_scripts": {
        "en": "This PDF contains scripts or automatic actions (JavaScript, OpenAction). Its pages are shown as pictures only, and the working copy you download has them removed.",
        "uk": "Цей PDF містить сценарії або автоматичні дії (JavaScript, OpenAction). Його сторінки показано лише як зображення, а з робочої копії для завантаження їх вилучено.",
    },
    "attachment.pages_shown": {
        "en": "Pages shown: {shown} of {total} (drawn on the server as pictures).",
        "uk": "Показано сторінок: {shown} з {total} (намальовано на сервері як зображення).",
    },
    "attachment.cannot_draw": {
        "en": "This file could not be opened to draw it ({reason}). It is kept as received; no working copy can be made of it, and only an admin can take the original.",
        "uk": "Цей файл не вдалося відкрити, щоб показати ({reason}). Його збережено як отримано; робочу копію зробити не можна, оригінал може взяти лише адміністратор.",
    },
    "attachment.download_only": {
        "en": "This type is not previewed: download a working copy to open it.",
        "uk": "Цей тип не переглядається: завантажте робочу копію, щоб відкрити її.",
    },
    "attachment.download": {"en": "Download a working copy", "uk": "Завантажити робочу копію"},
    "attachment.download_help": {
        "en": "Metadata that could reveal a witness (GPS position, device, author) is removed; the original stays as stored. The download is recorded in the chain of custody.",
        "uk": "Метадані, що можуть викрити свідка (координати GPS, пристрій, автор), вилучено; оригінал лишається як збережено. Завантаження записується в ланцюг зберігання.",
    },
    "attachment.download_original": {
        "en": "Download the original (metadata kept; recorded in the audit log)",
        "uk": "Завантажити оригінал (метадані збережено; записується в журнал аудиту)",
    },
    "attachment.metadata_warning": {
        "en": "**{name}** carries metadata that could reveal a witness: {found}. Every copy that leaves the system has it removed.",
        "uk": "**{name}** містить метадані, що можуть викрити свідка: {found}. З кожної копії, що залишає систему, їх вилучено.",
    },
    "metadata.gps": {"en": "GPS position", "uk": "координати GPS"},
    "metadata.make": {"en": "device make", "uk": "виробник пристрою"},
    "metadata.model": {"en": "device model", "uk": "модель пристрою"},
    "metadata.serial": {"en": "serial number", "uk": "серійний номер"},
    "metadata.software": {"en": "software", "uk": "програма"},
    "metadata.artist": {"en": "author", "uk": "автор"},
    "metadata.owner": {"en": "owner", "uk": "власник"},
    "metadata.lens": {"en": "lens", "uk": "об'єктив"},
    "metadata.taken": {"en": "taken at", "uk": "час зйомки"},
    "metadata.xmp": {"en": "XMP record", "uk": "запис XMP"},
    "metadata.author": {"en": "author", "uk": "автор"},
    "metadata.creator": {"en": "made with", "uk": "створено в"},
    "metadata.producer": {"en": "producer", "uk": "виробник файлу"},
    "custody.heading": {"en": "Chain of custody", "uk": "Ланцюг зберігання"},
    "custody.empty": {
        "en": "No one has handled these files yet.",
        "uk": "З цими файлами ще ніхто не працював.",
    },
    "custody.csv": {
        "en": "Download the chain of custody (CSV)",
        "uk": "Завантажити ланцюг зберігання (CSV)",
    },
    "custody.rehash": {
        "en": "Check the stored files again",
        "uk": "Перевірити збережені файли ще раз",
    },
    "custody.rehashed": {
        "en": "Stored files checked: {n}; all match their SHA-256.",
        "uk": "Перевірено збережених файлів: {n}; усі відповідають своєму SHA-256.",
    },
    "custody.rehash_failed": {
        "en": "Stored files checked: {n}; these no longer match their SHA-256 (recorded as tampering): {names}",
        "uk": "Перевірено збережених файлів: {n}; ці більше не відповідають своєму SHA-256 (записано як підробку): {names}",
    },
    "custody.col.at": {"en": "when", "uk": "коли"},
    "custody.col.user": {"en": "who", "uk": "хто"},
    "custody.col.action": {"en": "action", "uk": "дія"},
    "custody.col.evidence_id": {"en": "entry", "uk": "запис"},
    "custody.col.item": {"en": "item", "uk": "об'єкт"},
    "custody.col.item_id": {"en": "item id", "uk": "номер об'єкта"},
    "custody.col.file": {"en": "file or address", "uk": "файл або адреса"},
    "custody.col.sha256_recorded": {"en": "SHA-256 recorded", "uk": "SHA-256 записаний"},
    "custody.col.sha256_seen": {"en": "SHA-256 read", "uk": "SHA-256 прочитаний"},
    "custody.col.sha256_out": {"en": "SHA-256 of the copy given", "uk": "SHA-256 виданої копії"},
    "custody.col.matched": {"en": "matches", "uk": "збігається"},
    "custody.col.detail": {"en": "detail", "uk": "подробиці"},
    # -- a custody event's detail, as the services store it in English, said in each language
    "custody.detail.stored": {
        "en": "stored under its SHA-256",
        "uk": "збережено під своїм SHA-256",
    },
    "custody.detail.preview_drawn": {
        "en": "preview: {kind}, {n} image(s) drawn on the server",
        "uk": "перегляд: {kind}, зображень намальовано на сервері: {n}",
    },
    "custody.detail.preview": {"en": "preview: {kind}", "uk": "перегляд: {kind}"},
    "custody.detail.working_copy_cleaned": {
        "en": "working copy, metadata removed",
        "uk": "робоча копія, метадані вилучено",
    },
    "custody.detail.working_copy": {
        "en": "working copy, as stored",
        "uk": "робоча копія, як збережено",
    },
    "custody.detail.original": {
        "en": "original as stored, metadata kept (an admin's choice)",
        "uk": "оригінал, як збережено, з метаданими (вибір адміністратора)",
    },
    "custody.detail.capture_received": {
        "en": "capture as received",
        "uk": "збережена копія, як отримано",
    },
    "custody.detail.rehash_matches": {
        "en": "checked again: matches",
        "uk": "перевірено ще раз: збігається",
    },
    "custody.detail.refused_missing": {
        "en": "refused: file missing",
        "uk": "відмовлено: файлу немає",
    },
    "custody.detail.refused_tampered": {
        "en": "refused: SHA-256 differs from the record: tampering",
        "uk": "відмовлено: SHA-256 відрізняється від запису: підробка",
    },
    "custody.detail.backup_missing": {
        "en": "left out of a backup: file missing",
        "uk": "не включено до резервної копії: файлу немає",
    },
    "custody.detail.backup_tampered": {
        "en": "left out of a backup: SHA-256 differs from the record: tampering",
        "uk": "не включено до резервної копії: SHA-256 відрізняється від запису: підробка",
    },
    "custody.detail.restored": {
        "en": "from a backup, checked against its manifest",
        "uk": "з резервної копії, звірено з її маніфестом",
    },
    "custody.detail.not_in_backup": {
        "en": "file not in backup",
        "uk": "файлу немає в резервній копії",
    },
    "custody.detail.exported_csv": {
        "en": "custody log of the entry (CSV)",
        "uk": "журнал зберігання запису (CSV)",
    },
    "custody.detail.exported_pack": {
        "en": "custody log in a briefing pack",
        "uk": "журнал зберігання в пакеті для брифінгу",
    },
    "custody.detail.fetched": {"en": "fetched from {url}", "uk": "завантажено з {url}"},
    "custody.detail.kept_from_merge": {
        "en": "kept from entry #{entry} (attachment #{item}) when it was merged",
        "uk": "збережено із запису #{entry} (вкладення #{item}) під час об'єднання",
    },
    "custody.kind.image": {"en": "image", "uk": "зображення"},
    "custody.kind.pdf": {"en": "PDF", "uk": "PDF"},
    "custody.kind.text": {"en": "text", "uk": "текст"},
    "custody.kind.document": {"en": "document", "uk": "документ"},
    "custody.kind.executable": {"en": "program", "uk": "програма"},
    "custody.kind.other": {"en": "other", "uk": "інше"},
    "custody.action.attach": {"en": "attached", "uk": "додано"},
    "custody.action.capture": {"en": "captured", "uk": "збережено з джерела"},
    "custody.action.view": {"en": "viewed", "uk": "переглянуто"},
    "custody.action.download": {"en": "downloaded", "uk": "завантажено"},
    "custody.action.export": {"en": "exported", "uk": "експортовано"},
    "custody.action.rehash": {"en": "re-hashed", "uk": "перевірено знову"},
    "custody.action.restore": {"en": "restored", "uk": "відновлено"},
    "custody.item.attachment": {"en": "attachment", "uk": "вкладення"},
    "custody.item.capture": {"en": "capture", "uk": "копія джерела"},
    "capture.choose": {"en": "A capture to download", "uk": "Копія джерела для завантаження"},
    "capture.download": {
        "en": "Download the capture as received",
        "uk": "Завантажити копію джерела в отриманому вигляді",
    },
    # --- storage ---
    "storage.cannot_write": {
        "en": "Files cannot be stored in {where}: {reason}. Nothing was stored; ask an admin "
        "to check the storage.",
        "uk": "Файли не вдається зберегти в {where}: {reason}. Нічого не збережено; попросіть "
        "адміністратора перевірити сховище.",
    },
    "storage.cannot_read": {
        "en": "Files cannot be read from {where}: {reason}. Ask an admin to check the storage.",
        "uk": "Файли не вдається прочитати з {where}: {reason}. Попросіть адміністратора "
        "перевірити сховище.",
    },
    "storage.unreachable": {
        "en": "The file storage {where} cannot be reached ({reason}); nothing was stored or "
        "read there. Try again later, or ask an admin to check the storage settings.",
        "uk": "Сховище файлів {where} недоступне ({reason}); там нічого не збережено й не "
        "прочитано. Спробуйте пізніше або попросіть адміністратора перевірити налаштування "
        "сховища.",
    },
    "storage.denied": {
        "en": "The file storage {where} refused access ({reason}); nothing was stored or read "
        "there. Ask an admin to check its credentials and permissions.",
        "uk": "Сховище файлів {where} відмовило в доступі ({reason}); там нічого не збережено "
        "й не прочитано. Попросіть адміністратора перевірити облікові дані та дозволи.",
    },
    "storage.no_credentials": {
        "en": "The file storage {where} needs credentials and none were given (the standard "
        "AWS variables or files); nothing was stored or read there.",
        "uk": "Сховище файлів {where} потребує облікових даних, а їх не надано (стандартні "
        "змінні середовища чи файли облікових даних); там нічого не збережено й не прочитано.",
    },
    "storage.no_bucket_there": {
        "en": "The file storage {where} has no such bucket; ask an admin to create it or to "
        "correct {setting}.",
        "uk": "У сховищі файлів {where} немає такого кошика; попросіть адміністратора створити "
        "його або виправити {setting}.",
    },
    "storage.no_bucket": {
        "en": "Files are to be stored in object storage, but {setting} names no bucket.",
        "uk": "Файли мають зберігатися в об'єктному сховищі, але {setting} не називає жодного "
        "кошика.",
    },
    "storage.bad_endpoint": {
        "en": "{setting} must be an address starting with {schemes}.",
        "uk": "{setting} має бути адресою, що починається з {schemes}.",
    },
    # --- oidc ---
    "oidc.incomplete": {
        "en": "Sign-in with the organisation's provider is only half set up: {settings} missing",
        "uk": "Вхід через постачальника організації налаштовано лише наполовину: бракує {settings}",
    },
    "oidc.bad_url": {
        "en": "{setting} must be an address starting with {schemes} (it is “{value}”)",
        "uk": "{setting} має бути адресою, що починається з {schemes} (зараз «{value}»)",
    },
    "oidc.bad_callback": {
        "en": "{setting} must be the app's own address ending in {path}",
        "uk": "{setting} має бути адресою самого застосунку, що закінчується на {path}",
    },
    "oidc.short_secret": {
        "en": "{setting} must be at least {min} characters long",
        "uk": "{setting} має містити щонайменше {min} символів",
    },
    "oidc.bad_email": {"en": "not an e-mail address", "uk": "це не адреса електронної пошти"},
    "oidc.email_taken": {
        "en": "another account has this e-mail already: {value}",
        "uk": "ця адреса пошти вже належить іншому обліковому запису: {value}",
    },
    "oidc.password_or_email": {
        "en": "a password is needed, or an e-mail for sign-in with the organisation's provider",
        "uk": "потрібен пароль або адреса пошти для входу через постачальника організації",
    },
    "oidc.no_email": {
        "en": "Your organisation's sign-in did not say your e-mail address, so no account here can be found for you. Ask your organisation's administrator to release the e-mail to this app.",
        "uk": "Вхід вашої організації не повідомив адресу вашої пошти, тож тут не знайти вашого облікового запису. Попросіть адміністратора вашої організації передавати адресу пошти цьому застосунку.",
    },
    "oidc.unverified": {
        "en": "Your organisation's sign-in has not confirmed the e-mail {email}, so it cannot open an account here. Confirm the address with your organisation, then sign in again.",
        "uk": "Вхід вашої організації не підтвердив адресу {email}, тож за нею тут не можна увійти. Підтвердьте адресу у своїй організації й увійдіть знову.",
    },
    "oidc.unknown": {
        "en": "No account here has the e-mail {email}. Ask an admin of this instance to add it to your account, then sign in again.",
        "uk": "Жоден обліковий запис тут не має адреси {email}. Попросіть адміністратора цього екземпляра додати її до вашого облікового запису й увійдіть знову.",
    },
    "oidc.inactive": {
        "en": "The account with the e-mail {email} is switched off. Ask an admin of this instance.",
        "uk": "Обліковий запис з адресою {email} вимкнено. Зверніться до адміністратора цього екземпляра.",
    },
    "oidc.sign_in_with": {"en": "Sign in with {provider}", "uk": "Увійти через {provider}"},
    "oidc.default_label": {
        "en": "your organisation's account",
        "uk": "обліковий запис вашої організації",
    },
    "oidc.or_local": {
        "en": "Or with an account of this instance:",
        "uk": "Або з обліковим записом цього екземпляра:",
    },
    "oidc.not_started": {
        "en": "Sign-in with {provider} is set up, but this server was started without it (start it with {command}). Meanwhile use an account of this instance.",
        "uk": "Вхід через {provider} налаштовано, але сервер запущено без нього (запустіть його командою {command}). Доти входьте з обліковим записом цього екземпляра.",
    },
    "admin.email": {
        "en": "E-mail for sign-in with the organisation's provider",
        "uk": "Пошта для входу через постачальника організації",
    },
    "admin.email_help": {
        "en": "Leave the password empty for an account that signs in only with the organisation's provider.",
        "uk": "Залиште пароль порожнім для облікового запису, що входить лише через постачальника організації.",
    },
    "admin.set_email": {"en": "Save the e-mail", "uk": "Зберегти пошту"},
    "admin.email_saved": {
        "en": "E-mail of {name} saved.",
        "uk": "Пошту користувача {name} збережено.",
    },
    # --- organisations ---
    "enum.sensitivity.organisation": {
        "en": "My organisation only",
        "uk": "Лише моя організація",
    },
    "field.organisation": {"en": "Organisation", "uk": "Організація"},
    "field.organisation_id": {"en": "Recorded by (organisation)", "uk": "Внесла організація"},
    "field.name_en": {"en": "Name", "uk": "Назва"},
    "field.name_uk": {"en": "Name in Ukrainian", "uk": "Назва українською"},
    "organisation.unknown": {
        "en": "no organisation has the code {value}",
        "uk": "жодна організація не має коду {value}",
    },
    "organisation.exists": {
        "en": "an organisation with the code {value} exists already",
        "uk": "організація з кодом {value} вже існує",
    },
    "org.title": {"en": "Organisations", "uk": "Організації"},
    "org.help": {
        "en": "Every user belongs to one organisation; entries, assessments, coverage codes and imports record the organisation of whoever made them. An entry marked “My organisation only” is read by its organisation's members and by admins, nobody else.",
        "uk": "Кожен користувач належить до однієї організації; записи, оцінки, коди покриття та імпорти зберігають організацію того, хто їх створив. Запис із позначкою «Лише моя організація» читають учасники цієї організації та адміністратори, більше ніхто.",
    },
    "org.code": {"en": "Code", "uk": "Код"},
    "org.name_en": {"en": "Name (English, or the only one)", "uk": "Назва (англійською або єдина)"},
    "org.name_uk": {"en": "Name in Ukrainian", "uk": "Назва українською"},
    "org.members": {"en": "Accounts", "uk": "Облікових записів"},
    "org.add": {"en": "Add an organisation", "uk": "Додати організацію"},
    "org.added": {"en": "Added the organisation {code}.", "uk": "Додано організацію {code}."},
    "org.rename": {"en": "Rename an organisation", "uk": "Перейменувати організацію"},
    "org.renamed": {
        "en": "Renamed the organisation {code}.",
        "uk": "Перейменовано організацію {code}.",
    },
    "org.assign": {
        "en": "Move a user to an organisation",
        "uk": "Перевести користувача до організації",
    },
    "org.assigned": {
        "en": "{name} now belongs to {code} (from the next sign-in).",
        "uk": "{name} тепер належить до {code} (з наступного входу).",
    },
    "org.save": {"en": "Save", "uk": "Зберегти"},
    "org.remove": {"en": "Remove an organisation", "uk": "Вилучити організацію"},
    "org.remove_help": {
        "en": "Only an organisation with no accounts and nothing recorded can be removed (one added by mistake): what an organisation recorded stays credited to it.",
        "uk": "Вилучити можна лише організацію без облікових записів і без жодних внесених даних (додану помилково): внесене організацією й надалі зараховується їй.",
    },
    "org.remove_button": {"en": "Remove", "uk": "Вилучити"},
    "org.removed": {"en": "Removed the organisation {code}.", "uk": "Вилучено організацію {code}."},
    "sensitivity.no_organisation": {
        "en": "Your account belongs to no organisation, so an entry for your organisation only would be for nobody: choose another sensitivity, or ask an admin to put your account in an organisation.",
        "uk": "Ваш обліковий запис не належить до жодної організації, тож запис лише для вашої організації не був би доступний нікому: оберіть інший рівень доступу або попросіть адміністратора додати ваш обліковий запис до організації.",
    },
    "organisation.in_use": {
        "en": "The organisation {value} cannot be removed: accounts in it — {users}, records it made — {rows}.",
        "uk": "Організацію {value} не можна вилучити: облікових записів у ній — {users}, внесених нею записів — {rows}.",
    },
    "organisation.last": {
        "en": "The organisation {value} is the only one: every account belongs to one.",
        "uk": "Організація {value} — єдина: кожен обліковий запис належить до якоїсь організації.",
    },
    "brief.include_organisation": {
        "en": "Include my organisation's “organisation only” entries (admins: every organisation's; not for partners)",
        "uk": "Включити записи «Лише моя організація» моєї організації (адміністратори: усіх організацій; не для партнерів)",
    },
    "brief.recorded_by": {"en": "Recorded by: {credits}.", "uk": "Записали: {credits}."},
    "brief.recorded_by_none": {"en": "(no organisation)", "uk": "(без організації)"},
    "pdf.banner.organisation": {
        "en": "ORGANISATION ONLY: this brief counts entries only their organisation may read. Not for partners.",
        "uk": "ЛИШЕ ДЛЯ ОРГАНІЗАЦІЇ: ця довідка враховує записи, які може читати лише їхня організація. Не для партнерів.",
    },
    # --- duplicates ---
    "duplicates.found": {
        "en": "Likely duplicates of this entry: {count}. Choose below whether it is a separate entry, another report of the same incident, or the same entry, then save again.",
        "uk": "Імовірні дублікати цього запису: {count}. Оберіть нижче, чи це окремий запис, ще одне повідомлення про той самий інцидент, чи той самий запис, і збережіть ще раз.",
    },
    "duplicates.changed": {
        "en": "The values changed since likely duplicates were looked for: saving looks again.",
        "uk": "Значення змінилися після пошуку імовірних дублікатів: під час збереження пошук повториться.",
    },
    "duplicates.heading": {"en": "Likely duplicates", "uk": "Імовірні дублікати"},
    "duplicates.reason.url": {"en": "same source address", "uk": "та сама адреса джерела"},
    "duplicates.reason.file": {"en": "same attached file", "uk": "той самий вкладений файл"},
    "duplicates.reason.text": {"en": "similar text ({score}%)", "uk": "схожий текст ({score}%)"},
    "duplicates.col.why": {"en": "Why", "uk": "Чому"},
    "duplicates.col.incident": {"en": "Incident", "uk": "Інцидент"},
    "duplicates.choice": {"en": "What is this entry?", "uk": "Що це за запис?"},
    "duplicates.choice.separate": {
        "en": "A separate entry (save it on its own)",
        "uk": "Окремий запис (зберегти самостійно)",
    },
    "duplicates.choice.link": {
        "en": "Another report of the same incident (link as corroboration)",
        "uk": "Ще одне повідомлення про той самий інцидент (пов'язати як підтвердження)",
    },
    "duplicates.choice.merge": {
        "en": "The same entry (merge into the existing one; its source and files are kept there)",
        "uk": "Той самий запис (об'єднати з наявним; його джерело та файли зберігаються там)",
    },
    "duplicates.other": {"en": "Existing entry", "uk": "Наявний запис"},
    "duplicates.other_id": {
        "en": "Or type the number of another entry",
        "uk": "Або введіть номер іншого запису",
    },
    "duplicates.done_link": {
        "en": "Linked as corroboration of the incident of entry #{id}.",
        "uk": "Пов'язано як підтвердження інциденту запису №{id}.",
    },
    "duplicates.done_merge": {
        "en": "Merged into entry #{id}: its source and files are kept there.",
        "uk": "Об'єднано із записом №{id}: джерело та файли збережено там.",
    },
    "duplicates.choice_failed": {
        "en": "Saved as a separate entry, because the link or merge was refused: {reason}",
        "uk": "Збережено як окремий запис, бо пов'язання чи об'єднання відхилено: {reason}",
    },
    "duplicates.withdrawn": {
        "en": "Entry #{id} is withdrawn (or merged into another): it cannot be linked or merged.",
        "uk": "Запис №{id} відкликано (або об'єднано з іншим): його не можна пов'язати чи об'єднати.",
    },
    "duplicates.same_entry": {
        "en": "An entry cannot be linked to or merged with itself (#{id}).",
        "uk": "Запис не можна пов'язати чи об'єднати із самим собою (№{id}).",
    },
    "duplicates.not_linked": {
        "en": "Entry #{id} is not part of any incident.",
        "uk": "Запис №{id} не належить до жодного інциденту.",
    },
    "duplicates.choose_entry": {
        "en": "Choose the entry to link to or merge with.",
        "uk": "Оберіть запис, з яким треба пов'язати чи об'єднати.",
    },
    "duplicates.tab": {"en": "Duplicates and incident", "uk": "Дублікати та інцидент"},
    "duplicates.incident": {
        "en": "Incident #{id}: entries you may see — {entries}, independent sources — {sources}",
        "uk": "Інцидент №{id}: видимих вам записів — {entries}, незалежних джерел — {sources}",
    },
    "duplicates.independent_help": {
        "en": "Independent sources: the distinct sites the entries' addresses are on (on a social platform, the account), or their source titles where there is no address, including the sources kept from merged entries; an entry with neither counts as a source of its own. Only entries you may see are counted.",
        "uk": "Незалежні джерела: різні сайти, на яких розміщено адреси записів (у соціальній мережі — обліковий запис), або назви джерел, якщо адреси немає, разом із джерелами, збереженими з об'єднаних записів; запис без жодного з них вважається окремим джерелом. Враховано лише записи, які ви можете бачити.",
    },
    "duplicates.no_incident": {
        "en": "This entry is not linked to an incident.",
        "uk": "Цей запис не пов'язано з жодним інцидентом.",
    },
    "duplicates.kept_sources": {
        "en": "Sources kept from merged entries",
        "uk": "Джерела, збережені з об'єднаних записів",
    },
    "duplicates.merged_notice": {
        "en": "This entry was merged into entry #{id}.",
        "uk": "Цей запис об'єднано із записом №{id}.",
    },
    "duplicates.withdrawn_hint": {
        "en": "A withdrawn entry is not linked or merged.",
        "uk": "Відкликаний запис не пов'язують і не об'єднують.",
    },
    "duplicates.none": {
        "en": "No likely duplicates among the entries you may see.",
        "uk": "Серед видимих вам записів імовірних дублікатів немає.",
    },
    "duplicates.link_button": {"en": "Link as corroboration", "uk": "Пов'язати як підтвердження"},
    "duplicates.merge_here": {
        "en": "Merge that entry into this one",
        "uk": "Об'єднати той запис із цим",
    },
    "duplicates.merge_there": {
        "en": "Merge this entry into that one",
        "uk": "Об'єднати цей запис із тим",
    },
    "duplicates.unlink_button": {"en": "Take out of the incident", "uk": "Вилучити з інциденту"},
    "duplicates.merge_help": {
        "en": "Merging keeps one entry: the other's source, files and demands are kept on it, and the other is withdrawn as merged (its record and history stay).",
        "uk": "Після об'єднання лишається один запис: джерело, файли та вимоги іншого зберігаються в ньому, а інший відкликається як об'єднаний (його запис та історія лишаються).",
    },
    "action.link": {"en": "linked as corroboration", "uk": "пов'язано як підтвердження"},
    "action.unlink": {"en": "taken out of the incident", "uk": "вилучено з інциденту"},
    "action.merge": {"en": "entries merged", "uk": "записи об'єднано"},
    "field.from_evidence_id": {"en": "From entry", "uk": "Із запису"},
    "field.added_at": {"en": "Kept on", "uk": "Збережено"},
    "field.incident_id": {"en": "Incident", "uk": "Інцидент"},
    "field.sources": {"en": "Independent sources", "uk": "Незалежні джерела"},
    "field.other": {"en": "Other entry", "uk": "Інший запис"},
    "field.duplicate": {"en": "Duplicate", "uk": "Дублікат"},
    "field.incident": {"en": "Incident number", "uk": "Номер інциденту"},
    "overview.metric.incidents": {"en": "Incidents", "uk": "Інциденти"},
    "overview.incidents_help": {
        "en": "Entries linked as corroboration of one incident count once; every other entry is an incident of its own.",
        "uk": "Записи, пов'язані як підтвердження одного інциденту, враховано один раз; кожен інший запис — окремий інцидент.",
    },
    "register.incidents": {
        "en": "They report {incidents} incident (linked entries count once). | They report {incidents} incidents (linked entries count once).",
        "uk": "Вони повідомляють про інциденти: {incidents} (пов'язані записи враховано один раз).",
    },
    "col.incidents": {"en": "Incidents", "uk": "Інциденти"},
    "import.likely_duplicates": {
        "en": "Likely duplicates: {count} row (within the file or of entries already here). It is imported as a separate entry; once it is, the import lists it here to link or merge, or remove it from the file. | Likely duplicates: {count} rows (within the file or of entries already here). They are imported as separate entries; once they are, the import lists them here to link or merge, or remove them from the file.",
        "uk": "Імовірні дублікати: рядків — {count} (у файлі або серед наявних записів). Їх буде імпортовано як окремі записи; після імпорту їх буде перелічено тут, щоб пов'язати чи об'єднати, або вилучіть їх із файлу.",
    },
    "import.duplicate_of_row": {"en": "row {row}", "uk": "рядок {row}"},
    "import.duplicate_of_entry": {"en": "entry #{id}", "uk": "запис №{id}"},
    "import.col.duplicate_of": {"en": "Likely duplicate of", "uk": "Імовірний дублікат"},
    # --- duplicates: an import's result, undoing a merge, an edit looked at again ---
    "import.result.heading": {
        "en": "Imported: new entries with likely duplicates",
        "uk": "Імпортовано: нові записи з імовірними дублікатами",
    },
    "import.result.intro": {
        "en": "{count} new entry looks like an entry you may see. Open it to link or merge it, or link every one below. | {count} new entries look like entries you may see. Open one to link or merge it, or link them all below.",
        "uk": "Нових записів, схожих на видимі вам записи: {count}. Відкрийте запис, щоб пов'язати чи об'єднати його, або пов'яжіть усі нижче.",
    },
    "import.result.col.resembles": {"en": "Resembles", "uk": "Схожий на"},
    "import.result.more": {
        "en": "{count} more not shown here (the first {shown} are); linking them all includes them.",
        "uk": "Не показано ще {count} (показано перші {shown}); «пов'язати всі» охоплює і їх.",
    },
    "import.result.open": {
        "en": "Open a new entry to link or merge it",
        "uk": "Відкрити новий запис, щоб пов'язати чи об'єднати його",
    },
    "import.result.close": {"en": "Close this list", "uk": "Закрити цей перелік"},
    "import.result.confirm": {
        "en": "Yes: link each of these new entries with every entry it resembles as corroboration of one incident ({count} link). | Yes: link each of these new entries with every entry it resembles as corroboration of one incident ({count} links).",
        "uk": "Так: пов'язати кожен із цих нових записів з усіма схожими на нього записами як підтвердження одного інциденту (зв'язків: {count}).",
    },
    "import.result.confirm_first": {
        "en": "Tick the box first to confirm linking them all.",
        "uk": "Спершу позначте поле, щоб підтвердити пов'язання всіх.",
    },
    "import.result.link_all": {
        "en": "Link all as corroboration",
        "uk": "Пов'язати всі як підтвердження",
    },
    "import.result.linked": {
        "en": "{count} pair linked as corroboration. | {count} pairs linked as corroboration.",
        "uk": "Пов'язано як підтвердження пар записів: {count}.",
    },
    "import.result.refused": {
        "en": "Entries #{first} and #{second} were not linked: {reason}",
        "uk": "Записи №{first} і №{second} не пов'язано: {reason}",
    },
    "import.result.more_refused": {
        "en": "{count} more pair was not linked for the same kinds of reason. | {count} more pairs were not linked for the same kinds of reason.",
        "uk": "Не пов'язано ще пар записів: {count}, з подібних причин.",
    },
    "duplicates.not_merged": {
        "en": "Entry #{id} was not merged into another entry.",
        "uk": "Запис №{id} не об'єднували з іншим записом.",
    },
    "duplicates.undo_unrecorded": {
        "en": "The merge of entry #{id} was recorded before merges could be undone: undo it by hand (an admin restores the entry).",
        "uk": "Об'єднання запису №{id} записано ще до того, як об'єднання стало можливо скасувати: скасуйте його вручну (адміністратор відновлює запис).",
    },
    "duplicates.undo_changed": {
        "en": "Entry #{id} changed since the merge (version {then} then, {now} now): what the merge gave it may be part of that change, so the merge is not undone.",
        "uk": "Запис №{id} змінився після об'єднання (версія {then} тоді, {now} тепер): те, що дало об'єднання, може бути частиною цієї зміни, тому об'єднання не скасовано.",
    },
    "duplicates.undo_button": {"en": "Undo the merge", "uk": "Скасувати об'єднання"},
    "duplicates.undo_help": {
        "en": "Undoing brings this entry back as it was (its status, source, files and demands) and takes from entry #{id} only what the merge gave it; the two stay linked as corroboration.",
        "uk": "Скасування повертає цей запис таким, яким він був (стан, джерело, файли та вимоги), і забирає в запису №{id} лише те, що дало йому об'єднання; обидва лишаються пов'язаними як підтвердження.",
    },
    "duplicates.undone": {
        "en": "Merge undone: entry #{merged} is open again as it was. Entry #{survivor} gave back what the merge gave it: sources — {sources}, attachments — {attachments}, demands — {demands}. Both stay linked as corroboration; take one out of the incident if they are not.",
        "uk": "Об'єднання скасовано: запис №{merged} знову відкритий, як був. Запис №{survivor} повернув те, що дало йому об'єднання: джерел — {sources}, вкладень — {attachments}, вимоги — {demands}. Обидва лишаються пов'язаними як підтвердження; вилучіть один з інциденту, якщо це не так.",
    },
    "duplicates.no_demands": {"en": "none", "uk": "жодної"},
    "duplicates.edit_found": {
        "en": "The changed entry looks like other entries: {count}. Choose below whether it stays separate, is linked as corroboration or is merged, then save again.",
        "uk": "Змінений запис схожий на інші записи: {count}. Оберіть нижче, чи лишити його окремим, пов'язати як підтвердження чи об'єднати, і збережіть ще раз.",
    },
    # -- log evidence: files checked when chosen, before the entry is saved --
    "form.file_refused": {
        "en": "{name} cannot be attached: {reason}. Remove it from the list to save the entry.",
        "uk": "{name} не можна додати: {reason}. Приберіть його зі списку, щоб зберегти запис.",
    },
    "form.files_refused": {
        "en": "Nothing was saved: remove the file(s) the entry cannot keep ({names}). Everything you typed is kept.",
        "uk": "Нічого не збережено: приберіть файли, яких запис не може зберегти ({names}). Усе введене збережено у формі.",
    },
}

<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../panels/alerts_panel.py" line="109"/>
        <source>postgresql://… or a register file (NPS_ID_ALERT_REGISTER)</source>
        <translation>postgresql://… или файл реестра (NPS_ID_ALERT_REGISTER)</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="110"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="116"/>
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="117"/>
        <source>The shown clusters as CSV, for the national focal point</source>
        <translation>Показанные кластеры в CSV — для национального координатора</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="120"/>
        <source>Register</source>
        <translation>Реестр</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="123"/>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="234"/>
        <location filename="../panels/alerts_panel.py" line="139"/>
        <source>Select a cluster to see its spectrum (against the current query, if any)</source>
        <translation>Выберите кластер, чтобы увидеть его спектр (в сравнении с текущим запросом, если он есть)</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="160"/>
        <source>Give the register (a postgresql:// URL or a register file).</source>
        <translation>Укажите реестр (URL postgresql:// или файл реестра).</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="175"/>
        <source>Read the early-warning register</source>
        <translation>Чтение реестра раннего оповещения</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="179"/>
        <source>Reading the register…</source>
        <translation>Чтение реестра…</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="196"/>
        <source>{0} cluster(s) in the register; {1} lab report(s) counted by lab. Most recent first. Other labs' reports are shown only as these summaries.</source>
        <translation>Кластеров в реестре: {0}; сообщений лабораторий (по одному на лабораторию): {1}. Сначала самые свежие. Сообщения других лабораторий показаны только в виде этих сводок.</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="206"/>
        <source>The register could not be read: {0}</source>
        <translation>Не удалось прочитать реестр: {0}</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="236"/>
        <source>cluster #{0} ({1})</source>
        <translation>кластер №{0} ({1})</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="238"/>
        <source>Current query</source>
        <translation>Текущий запрос</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="240"/>
        <source>cluster #{0}, report 1</source>
        <translation>кластер №{0}, сообщение 1</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="241"/>
        <source>report {0}</source>
        <translation>сообщение {0}</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="247"/>
        <source>Export emerging substances</source>
        <translation>Экспорт новых веществ</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="252"/>
        <source>Wrote {0} cluster(s) to {1}</source>
        <translation>Кластеров записано: {0} → {1}</translation>
    </message>
</context><context>
    <name>AnalogueTable</name>
    <message>
        <location filename="../views/analogue_view.py" line="25"/>
        <source>Rank by hybrid score</source>
        <translation>Место по гибридной оценке</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="26"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="26"/>
        <source>Library compound</source>
        <translation>Соединение из библиотеки</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="27"/>
        <source>Hybrid</source>
        <translation>Гибр.</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="28"/>
        <source>Hybrid similarity (0-999): fragment ions and neutral losses matched across the mass shift</source>
        <translation>Гибридное сходство (0–999): фрагментные ионы и нейтральные потери, совпадающие с учётом сдвига массы</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="30"/>
        <source>Direct</source>
        <translation>Прямое</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="31"/>
        <source>Ordinary match factor of the same pair, without the shift (0-999)</source>
        <translation>Обычный фактор совпадения той же пары, без сдвига (0–999)</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="32"/>
        <source>Shift</source>
        <translation>Сдвиг</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="33"/>
        <source>Unknown's nominal mass minus the library compound's (Da)</source>
        <translation>Номинальная масса неизвестного минус масса соединения из библиотеки (Да)</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="34"/>
        <source>Explanation</source>
        <translation>Объяснение</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="35"/>
        <source>Common substitution that explains the shift, where there is one</source>
        <translation>Типичное замещение, объясняющее сдвиг (если есть)</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="36"/>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="37"/>
        <source>Substance class of the library compound</source>
        <translation>Класс вещества соединения из библиотеки</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="38"/>
        <source>Control</source>
        <translation>Контроль</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="39"/>
        <source>Control status of the library compound, when known</source>
        <translation>Контрольный статус соединения из библиотеки, если известен</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="89"/>
        <source>Formula {0}</source>
        <translation>Формула {0}</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="91"/>
        <source>MW {0}</source>
        <translation>ММ {0}</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="93"/>
        <source>{0} peaks matched across the shift</source>
        <translation>Пиков, совпавших с учётом сдвига: {0}</translation>
    </message>
</context><context>
    <name>AnalogueView</name>
    <message>
        <location filename="../views/analogue_view.py" line="113"/>
        <source>Find analogues</source>
        <translation>Найти аналоги</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="177"/>
        <location filename="../views/analogue_view.py" line="114"/>
        <source>Hybrid similarity search of the library for compounds related to this spectrum by a mass shift (homologues, halogen or O substitutions…)</source>
        <translation>Гибридный поиск по сходству: соединения библиотеки, связанные с этим спектром сдвигом массы (гомологи, замещение галогеном или O…)</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="121"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="160"/>
        <source>{0} nearest library compounds by direct score — no molecular ion was seen, so no mass shift can be formed</source>
        <translation>Ближайших соединений библиотеки по прямой оценке: {0} — молекулярный ион не виден, поэтому сдвиг массы не определить</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="163"/>
        <source>{0} analogues — library compounds related to the unknown by a mass shift</source>
        <translation>Аналогов: {0} — соединения библиотеки, связанные с неизвестным сдвигом массы</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="166"/>
        <source>No analogues: no library compound is related to this spectrum by a mass shift.</source>
        <translation>Аналогов нет: ни одно соединение библиотеки не связано с этим спектром сдвигом массы.</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="169"/>
        <source>No analogue search yet for this spectrum.</source>
        <translation>Поиск аналогов для этого спектра ещё не выполнялся.</translation>
    </message>
    <message>
        <location filename="../views/analogue_view.py" line="188"/>
        <source>Searching for analogues…</source>
        <translation>Поиск аналогов…</translation>
    </message>
</context><context>
    <name>AnswerForm</name>
    <message>
        <location filename="../quiz/window.py" line="31"/>
        <source>Your answer</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="32"/>
        <source>Compound:</source>
        <translation>Соединение:</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="33"/>
        <source>Class:</source>
        <translation>Класс:</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="34"/>
        <source>Not in the library</source>
        <translation>Нет в библиотеке</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="41"/>
        <source>type a compound name from the library</source>
        <translation>введите название соединения из библиотеки</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="46"/>
        <source>Why? (base peak, molecular ion, bands, retention…)</source>
        <translation>Почему? (основной пик, молекулярный ион, полосы, удерживание…)</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="48"/>
        <source>Commit answer</source>
        <translation>Зафиксировать ответ</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="49"/>
        <source>Fix your answer; the hits and the expected answer are shown then</source>
        <translation>Зафиксировать ответ; после этого будут показаны совпадения и ожидаемый ответ</translation>
    </message>
</context><context>
    <name>CaseActions</name>
    <message>
        <location filename="../case_actions.py" line="39"/>
        <source>&amp;Case panel</source>
        <translation>Панель &amp;дела</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="40"/>
        <source>Cases, exhibits, their analyses, conclusion, review and report</source>
        <translation>Дела, объекты исследования, их анализы, заключение, рецензия и отчёт</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="41"/>
        <source>Save sessio&amp;n…</source>
        <translation>Сохранить се&amp;анс…</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="42"/>
        <source>Save the opened files, processing and selections as a .npsid file</source>
        <translation>Сохранить открытые файлы, обработку и выбор в файл .npsid</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="44"/>
        <source>Open session…</source>
        <translation>Открыть сеанс…</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="45"/>
        <source>Re-open a saved .npsid session</source>
        <translation>Снова открыть сохранённый сеанс .npsid</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="46"/>
        <source>Export table as CS&amp;V…</source>
        <translation>Экспорт таблицы в CS&amp;V…</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="47"/>
        <source>Save the hit table or the GC-MS component table (class, control status, verdict, isomers) as CSV</source>
        <translation>Сохранить таблицу совпадений или таблицу компонентов ГХ-МС (класс, контрольный статус, вердикт, изомеры) в CSV</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="57"/>
        <source>&amp;Case</source>
        <translation>&amp;Дело</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="72"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="88"/>
        <source>Save session</source>
        <translation>Сохранить сеанс</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="104"/>
        <location filename="../case_actions.py" line="90"/>
        <source>NPS-ID sessions (*.npsid)</source>
        <translation>Сеансы NPS-ID (*.npsid)</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="95"/>
        <source>Cannot save the session</source>
        <translation>Не удалось сохранить сеанс</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="97"/>
        <source>Session saved: {0}</source>
        <translation>Сеанс сохранён: {0}</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="103"/>
        <source>Open session</source>
        <translation>Открыть сеанс</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="109"/>
        <source>Cannot open the session</source>
        <translation>Не удалось открыть сеанс</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="117"/>
        <source>Export table as CSV</source>
        <translation>Экспорт таблицы в CSV</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="124"/>
        <source>Cannot export</source>
        <translation>Не удалось экспортировать</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="126"/>
        <source>Table written: {0}</source>
        <translation>Таблица записана: {0}</translation>
    </message>
</context><context>
    <name>CaseForms</name>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="44"/>
        <source>New case</source>
        <translation>Новое дело</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="45"/>
        <source>Case number</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="45"/>
        <source>e.g. 2026-0042</source>
        <translation>например, 2026-0042</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="46"/>
        <source>Laboratory</source>
        <translation>Лаборатория</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="47"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="47"/>
        <source>e.g. seized cards, HMP</source>
        <translation>например, изъятые марки, HMP</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="83"/>
        <location filename="../dialogs/case_dialogs.py" line="48"/>
        <source>Analyst</source>
        <translation>Эксперт</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="98"/>
        <location filename="../dialogs/case_dialogs.py" line="49"/>
        <source>Reviewer</source>
        <translation>Рецензент</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="49"/>
        <source>someone other than the analyst (optional)</source>
        <translation>не тот же, кто эксперт (необязательно)</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="62"/>
        <source>New exhibit</source>
        <translation>Новый объект исследования</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="63"/>
        <source>Exhibit</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="63"/>
        <source>e.g. 1 or FL22/0049</source>
        <translation>например, 1 или FL22/0049</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="64"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="64"/>
        <source>e.g. paper card, blotter</source>
        <translation>например, бумажная марка, промокашка</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="65"/>
        <source>Weight</source>
        <translation>Масса</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="65"/>
        <source>e.g. 0.41 g</source>
        <translation>например, 0,41 г</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="77"/>
        <source>Conclude exhibit</source>
        <translation>Заключение по объекту</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="78"/>
        <source>Software suggestion (not a conclusion):
</source>
        <translation>Предложение программы (не заключение):
</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="79"/>
        <source>Your conclusion</source>
        <translation>Ваше заключение</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="79"/>
        <source>e.g. Etizolam identified</source>
        <translation>например, идентифицирован этизолам</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="104"/>
        <location filename="../dialogs/case_dialogs.py" line="82"/>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="84"/>
        <source>Amendment reason</source>
        <translation>Причина изменения</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="84"/>
        <source>required: the exhibit is reviewed</source>
        <translation>обязательно: объект уже прошёл рецензию</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="85"/>
        <source>only when amending a reviewed exhibit</source>
        <translation>только при изменении объекта, прошедшего рецензию</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="97"/>
        <source>Review exhibit</source>
        <translation>Рецензия объекта</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="97"/>
        <source>The reviewer must be someone other than the analyst.</source>
        <translation>Рецензентом должен быть не тот, кто проводил исследование.</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="100"/>
        <source>approved</source>
        <translation>утверждено</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="101"/>
        <source>returned</source>
        <translation>возвращено</translation>
    </message>
    <message>
        <location filename="../dialogs/case_dialogs.py" line="103"/>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
</context><context>
    <name>CasePanel</name>
    <message>
        <location filename="../panels/case_panel.py" line="31"/>
        <source>open</source>
        <extracomment>The words the case file stores (exhibit states, review decisions, verdicts, techniques: see :mod:`nps_id.report.words`) as the panel shows them; the stored values themselves stay English.</extracomment>
        <translation>открыт</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="31"/>
        <source>concluded</source>
        <translation>заключение сделано</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="32"/>
        <source>reviewed</source>
        <translation>проверен</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="36"/>
        <location filename="../panels/case_panel.py" line="33"/>
        <source>returned</source>
        <translation>возвращено</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="34"/>
        <source>amended</source>
        <translation>с поправкой</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="35"/>
        <source>approved</source>
        <translation>одобрено</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="37"/>
        <source>identified</source>
        <translation>идентифицировано</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="38"/>
        <source>ambiguous</source>
        <translation>неоднозначно</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="39"/>
        <source>not_in_library</source>
        <translation>нет в библиотеке</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="40"/>
        <source>MS</source>
        <translation>МС</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="40"/>
        <source>IR</source>
        <translation>ИК</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="571"/>
        <source>no library compound identified</source>
        <translation>соединения библиотеки не идентифицированы</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="66"/>
        <source>No case file open</source>
        <translation>Файл дел не открыт</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="69"/>
        <source>Cases in this case file</source>
        <translation>Дела в этом файле дел</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="71"/>
        <source>New case…</source>
        <translation>Новое дело…</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="73"/>
        <source>Open case file…</source>
        <translation>Открыть файл дел…</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="80"/>
        <source>Case / exhibit / analysis</source>
        <translation>Дело / объект / анализ</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="80"/>
        <source>State or result</source>
        <translation>Состояние или результат</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="92"/>
        <source>Add exhibit…</source>
        <translation>Добавить объект…</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="94"/>
        <source>Add analyses…</source>
        <translation>Добавить анализы…</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="95"/>
        <source>GC-MS runs, EI or IR spectrum files of the selected exhibit</source>
        <translation>Прогоны ГХ-МС, файлы спектров ЭИ или ИК выбранного вещественного доказательства</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="97"/>
        <source>Add .D run…</source>
        <translation>Добавить прогон .D…</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="98"/>
        <source>An Agilent .D run folder of the selected exhibit</source>
        <translation>Папка прогона Agilent .D выбранного вещественного доказательства</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="100"/>
        <source>Conclude…</source>
        <translation>Заключение…</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="102"/>
        <source>Review…</source>
        <translation>Рецензия…</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="104"/>
        <source>Report (PDF)…</source>
        <translation>Отчёт (PDF)…</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="106"/>
        <source>Verify audit trail</source>
        <translation>Проверить журнал аудита</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="115"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="155"/>
        <source>Cannot open the case file</source>
        <translation>Не удалось открыть файл дел</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="160"/>
        <source>Case file: {0}</source>
        <translation>Файл дел: {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="184"/>
        <source>Cannot open the case</source>
        <translation>Не удалось открыть дело</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="191"/>
        <source>Case {0} opened</source>
        <translation>Дело {0} открыто</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="291"/>
        <location filename="../panels/case_panel.py" line="216"/>
        <source>Case {0}</source>
        <translation>Дело {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="217"/>
        <source>analyst {0}</source>
        <translation>эксперт {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="301"/>
        <location filename="../panels/case_panel.py" line="219"/>
        <source>Exhibit {0}</source>
        <translation>Объект {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="225"/>
        <source>Conclusion (amended)</source>
        <translation>Заключение (с поправкой)</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="225"/>
        <source>Conclusion</source>
        <translation>Заключение</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="228"/>
        <source>Review</source>
        <translation>Рецензия</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="229"/>
        <source>{0} by {1}</source>
        <translation>{0}, рецензент: {1}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="231"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="232"/>
        <source>case</source>
        <translation>дело</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="293"/>
        <source>Lab: {0}; analyst: {1}; reviewer: {2}</source>
        <translation>Лаборатория: {0}; эксперт: {1}; рецензент: {2}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="296"/>
        <source>Audit trail: {0} entries; head {1}</source>
        <translation>Журнал аудита: записей {0}; последняя {1}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="306"/>
        <source>Analyst's conclusion</source>
        <translation>Заключение эксперта</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="310"/>
        <location filename="../panels/case_panel.py" line="308"/>
        <source>Software suggestion</source>
        <translation>Предложение программы</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="310"/>
        <source>not concluded yet</source>
        <translation>заключения ещё нет</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="317"/>
        <source>added {0} by {1}</source>
        <translation>добавлен {0}, эксперт {1}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="322"/>
        <source>Library {0} revision {1}, content SHA-256 {2}; NPS-ID {3}</source>
        <translation>Библиотека {0}, ревизия {1}, SHA-256 содержимого {2}; NPS-ID {3}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="329"/>
        <source>score {0}</source>
        <translation>оценка {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="341"/>
        <source>Cannot add the exhibit</source>
        <translation>Не удалось добавить объект</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="352"/>
        <source>No library</source>
        <translation>Нет библиотеки</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="352"/>
        <source>Open a reference library first (Library menu).</source>
        <translation>Сначала откройте справочную библиотеку (меню «Библиотека»).</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="356"/>
        <source>analysing {0}</source>
        <translation>анализ {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="375"/>
        <source>Cannot add the analysis</source>
        <translation>Не удалось добавить анализ</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="376"/>
        <source>{0} analysis added to exhibit {1}</source>
        <translation>{0} анализ добавлен к объекту {1}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="377"/>
        <source>{0} analyses added to exhibit {1}</source>
        <translation>Анализов добавлено к объекту {1}: {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="381"/>
        <source>Analysing {0} file(s)</source>
        <translation>Анализ файлов: {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="390"/>
        <source>Cannot conclude</source>
        <translation>Не удалось сохранить заключение</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="401"/>
        <source>Cannot record the review</source>
        <translation>Не удалось записать рецензию</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="412"/>
        <source>writing the report</source>
        <translation>запись отчёта</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="421"/>
        <source>Report written: {0} (SHA-256 {1}…)</source>
        <translation>Отчёт записан: {0} (SHA-256 {1}…)</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="424"/>
        <source>Writing the report</source>
        <translation>Запись отчёта</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="429"/>
        <source>Audit trail NOT intact</source>
        <translation>Журнал аудита НАРУШЕН</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="430"/>
        <source>Audit trail NOT intact: {0} problem(s)</source>
        <translation>Журнал аудита НАРУШЕН: проблем {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="432"/>
        <source>Audit trail intact ({0} entries checked)</source>
        <translation>Журнал аудита цел (проверено записей: {0})</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="468"/>
        <source>{0}: cancelled</source>
        <translation>{0}: отменено</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="492"/>
        <source>Open or create a case file</source>
        <translation>Открыть или создать файл дел</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="493"/>
        <source>Case files</source>
        <translation>Файлы дел</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="510"/>
        <location filename="../panels/case_panel.py" line="494"/>
        <source>All files</source>
        <translation>Все файлы</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="507"/>
        <source>Analyses of exhibit {0}</source>
        <translation>Анализы объекта {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="509"/>
        <source>Spectra and GC-MS runs</source>
        <translation>Спектры и прогоны ГХ-МС</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="516"/>
        <source>GC-MS run folder (.D) of exhibit {0}</source>
        <translation>Папка прогона ГХ-МС (.D) объекта {0}</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="530"/>
        <source>no analyses yet</source>
        <translation>анализов ещё нет</translation>
    </message>
    <message>
        <location filename="../panels/case_panel.py" line="550"/>
        <source>Write the report</source>
        <translation>Записать отчёт</translation>
    </message>
</context><context>
    <name>ClusterTable</name>
    <message>
        <location filename="../panels/alerts_panel.py" line="22"/>
        <source>All classes</source>
        <translation>Все классы</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="36"/>
        <source>Cluster number in the register</source>
        <translation>Номер кластера в реестре</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="37"/>
        <source>Last seen</source>
        <translation>Последнее</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="38"/>
        <source>Date of the most recent report</source>
        <translation>Дата последнего сообщения</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="39"/>
        <source>First seen</source>
        <translation>Первое</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="40"/>
        <source>Date of the first report</source>
        <translation>Дата первого сообщения</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="41"/>
        <source>Labs</source>
        <translation>Лаб.</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="41"/>
        <source>How many labs reported it</source>
        <translation>Сколько лабораторий сообщили о веществе</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="42"/>
        <source>Reports</source>
        <translation>Сообщ.</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="43"/>
        <source>Reports in the cluster</source>
        <translation>Сообщений в кластере</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="44"/>
        <source>Regions</source>
        <translation>Регионы</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="45"/>
        <source>Regions of the reporting labs</source>
        <translation>Регионы сообщивших лабораторий</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="46"/>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="47"/>
        <source>Predicted class (most common among the reports)</source>
        <translation>Предсказанный класс (самый частый среди сообщений)</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="48"/>
        <source>Tech</source>
        <translation>Метод</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="48"/>
        <source>EI-MS or IR</source>
        <translation>ЭИ-МС или ИК</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="49"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="50"/>
        <source>Curator's status: open / identified as X / withdrawn</source>
        <translation>Статус от куратора: открыт / идентифицирован как X / отозван</translation>
    </message>
    <message>
        <location filename="../panels/alerts_panel.py" line="92"/>
        <source>cluster #{0}: {1} lab(s), {2} report(s), countries {3}; {4}</source>
        <translation>кластер №{0}: лабораторий {1}, сообщений {2}, страны {3}; {4}</translation>
    </message>
</context><context>
    <name>ComponentTable</name>
    <message>
        <location filename="../views/gcms_view.py" line="31"/>
        <source>RT (min)</source>
        <extracomment>translated when shown (context "ComponentTable")</extracomment>
        <translation>Вр. уд. (мин)</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="31"/>
        <source>RI</source>
        <translation>ИУ</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="32"/>
        <source>Area %</source>
        <translation>Площадь, %</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="32"/>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="33"/>
        <source>Top hit</source>
        <translation>Лучшее совпадение</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="33"/>
        <source>Match</source>
        <translation>Совп.</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="34"/>
        <source>ΔRI</source>
        <translation>ΔИУ</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="35"/>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="36"/>
        <source>Retention time (apex)</source>
        <translation>Время удерживания (вершина пика)</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="37"/>
        <source>Retention index</source>
        <translation>Индекс удерживания</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="38"/>
        <source>Share of the total area</source>
        <translation>Доля от общей площади</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="39"/>
        <source>Verdict of the library search: identified, ambiguous or not in library (with its confidence)</source>
        <translation>Вердикт поиска по библиотеке: «идентифицировано», «неоднозначно» или «нет в библиотеке» (с достоверностью)</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="41"/>
        <source>Best library hit — the identification only when the verdict says 'identified'</source>
        <translation>Лучшее совпадение из библиотеки — идентификация только при вердикте «идентифицировано»</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="43"/>
        <source>Match factor of the top hit (0-999), with the retention-index term when both RIs are known</source>
        <translation>Фактор совпадения лучшего совпадения (0–999), с поправкой на индекс удерживания, когда известны оба ИУ</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="45"/>
        <source>Component RI minus the top hit's library RI: within 20 supports, beyond 50 contradicts (red)</source>
        <translation>ИУ компонента минус библиотечный ИУ лучшего совпадения: в пределах 20 — подтверждает, больше 50 — противоречит (красным)</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="48"/>
        <source>&lt;b&gt;Verdict&lt;/b&gt; of the library search of this component: ✔ &lt;b&gt;identified&lt;/b&gt; (the top hit, with the calibrated confidence that it is right), ⚠ &lt;b&gt;ambiguous&lt;/b&gt; (candidates the spectrum cannot tell apart — the retention index, IR or a reference standard decides) or ✖ &lt;b&gt;not in library&lt;/b&gt; (the top hit is only the nearest spectrum; the component is labelled 'not in library'). A retention index more than 50 units from the library's never leaves a component identified.</source>
        <translation>&lt;b&gt;Вердикт&lt;/b&gt; поиска этого компонента по библиотеке: ✔ &lt;b&gt;идентифицировано&lt;/b&gt; (лучшее совпадение, с калиброванной достоверностью того, что оно верно), ⚠ &lt;b&gt;неоднозначно&lt;/b&gt; (кандидаты, которых спектр не различает, — решают индекс удерживания, ИК-спектр или стандартный образец) или ✖ &lt;b&gt;нет в библиотеке&lt;/b&gt; (лучшее совпадение — лишь ближайший спектр; компонент помечается «нет в библиотеке»). Компонент, индекс удерживания которого отличается от библиотечного больше чем на 50 единиц, никогда не считается идентифицированным.</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="126"/>
        <source>RI {0} vs library {1}: more than 50 units apart — the retention index contradicts this hit</source>
        <translation>ИУ {0}, в библиотеке {1}: расхождение больше 50 единиц — индекс удерживания противоречит этому совпадению</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="155"/>
        <source>nearest: {0}</source>
        <translation>ближайшее: {0}</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="170"/>
        <source>Not an identification: {0}</source>
        <translation>Это не идентификация: {0}</translation>
    </message>
</context><context>
    <name>Errors</name>
    <message>
        <location filename="../dialogs/errors.py" line="60"/>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../dialogs/errors.py" line="61"/>
        <source>{0}

NPS-ID keeps running; the details were logged.</source>
        <translation>{0}

NPS-ID продолжает работу; подробности записаны в журнал.</translation>
    </message>
</context><context>
    <name>GCMSSettings</name>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="14"/>
        <source>Sensitivity</source>
        <extracomment>(key, label, tooltip); translated when shown (context "GCMSSettings")</extracomment>
        <translation>Чувствительность</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="15"/>
        <source>How weak a peak may be and still become a component</source>
        <translation>Насколько слабым может быть пик, чтобы ещё стать компонентом</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="16"/>
        <source>Resolution</source>
        <translation>Разрешение</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="17"/>
        <source>How close two compounds may elute and still be separated</source>
        <translation>Насколько близко могут элюироваться два соединения, чтобы ещё быть разделёнными</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="18"/>
        <source>Shape requirements</source>
        <translation>Требования к форме пика</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="19"/>
        <source>How closely an ion's profile must follow the model peak</source>
        <translation>Насколько точно профиль иона должен повторять модельный пик</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="21"/>
        <source>low</source>
        <extracomment>The core's preset levels (nps_id.gcms.settings), shown translated, passed on as they are.</extracomment>
        <translation>низкая</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="21"/>
        <source>medium</source>
        <translation>средняя</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="22"/>
        <source>high</source>
        <translation>высокая</translation>
    </message>
</context><context>
    <name>GCMSSettingsDialog</name>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="43"/>
        <source>GC-MS analysis settings</source>
        <translation>Параметры анализа ГХ-МС</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="52"/>
        <source>{0} (AMDIS-like; medium suits forensic screening)</source>
        <translation>{0} (как в AMDIS; для судебно-химического скрининга подходит «средняя»)</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="56"/>
        <source>RI calibration</source>
        <translation>Калибровка ИУ</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="57"/>
        <source>Alkane/FAME ladder run (.D, .cdf…) or a table of RT and RI / carbon number</source>
        <translation>Прогон смеси н-алканов / метиловых эфиров жирных кислот (.D, .cdf…) или таблица времён удерживания и ИУ / числа атомов углерода</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="59"/>
        <source>Method</source>
        <translation>Методика</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="60"/>
        <source>Method file (.toml or .csv): targets, qualifier ions, internal standard</source>
        <translation>Файл методики (.toml или .csv): целевые вещества, подтверждающие ионы, внутренний стандарт</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="63"/>
        <source>e.g. ^QC|solvent check</source>
        <translation>напр. ^QC|холостая</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="64"/>
        <source>Sequences: sample names matching this regular expression are blanks too (names saying blank, BLK, solvent or MeOH always are)</source>
        <translation>Серии: образцы, названия которых соответствуют этому регулярному выражению, тоже считаются холостыми (названия со словами blank, BLK, solvent или MeOH — всегда)</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="66"/>
        <source>Blank names</source>
        <translation>Названия холостых проб</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="67"/>
        <source>The settings are recorded with every analysis (recipe and history).</source>
        <translation>Параметры записываются при каждом анализе (в рецепт и историю).</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="78"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../dialogs/gcms_settings.py" line="85"/>
        <source>{0} (.D folder)</source>
        <translation>{0} (папка .D)</translation>
    </message>
</context><context>
    <name>GCMSTools</name>
    <message>
        <location filename="../gcms_tools.py" line="38"/>
        <source>no spectrum shown: select a component or average a scan range first</source>
        <translation>спектр не показан: сначала выберите компонент или усредните диапазон сканов</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="41"/>
        <source>no library is open</source>
        <translation>библиотека не открыта</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="71"/>
        <source>Analysing {0} runs</source>
        <translation>Анализ прогонов: {0}</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="185"/>
        <location filename="../gcms_tools.py" line="93"/>
        <source>Sequence</source>
        <translation>Серия</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="98"/>
        <source>GC-MS &amp;settings…</source>
        <translation>&amp;Параметры ГХ-МС…</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="99"/>
        <source>Deconvolution sensitivity/resolution/shape, RI calibration, method</source>
        <translation>Чувствительность, разрешение и форма пиков деконволюции, калибровка ИУ, метод</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="101"/>
        <source>Analyse a &amp;folder of runs (sequence)…</source>
        <translation>Анализ &amp;папки прогонов (серия)…</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="103"/>
        <source>Every run of a folder, in parallel, one summary table</source>
        <translation>Все прогоны папки параллельно, одна сводная таблица</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="141"/>
        <source>GC-MS settings</source>
        <translation>Параметры ГХ-МС</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="157"/>
        <source>Average scans</source>
        <translation>Усреднение сканов</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="173"/>
        <location filename="../gcms_tools.py" line="166"/>
        <location filename="../gcms_tools.py" line="162"/>
        <source>Add to library</source>
        <translation>Добавить в библиотеку</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="163"/>
        <source>Select a component or average a scan range first.</source>
        <translation>Сначала выберите компонент или усредните диапазон сканов.</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="167"/>
        <source>Name of the compound:</source>
        <translation>Название соединения:</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="179"/>
        <source>Folder of GC-MS runs</source>
        <translation>Папка прогонов ГХ-МС</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="197"/>
        <source>Save the sequence summary into</source>
        <translation>Сохранить сводку серии в</translation>
    </message>
    <message>
        <location filename="../gcms_tools.py" line="202"/>
        <source>Save sequence</source>
        <translation>Сохранить серию</translation>
    </message>
</context><context>
    <name>GCMSView</name>
    <message>
        <location filename="../views/gcms_view.py" line="464"/>
        <location filename="../views/gcms_view.py" line="225"/>
        <location filename="../views/gcms_view.py" line="220"/>
        <source>Retention time (min)</source>
        <translation>Время удерживания (мин)</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="349"/>
        <location filename="../views/gcms_view.py" line="220"/>
        <source>TIC</source>
        <translation>ПИТ</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="225"/>
        <source>XIC</source>
        <translation>Масс-хроматограмма</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="246"/>
        <source>m/z for XIC, e.g. 342, 344, 313</source>
        <translation>напр. 342, 344, 313</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="247"/>
        <source>Extracted-ion chromatograms: type one or more m/z, press Enter</source>
        <translation>Масс-хроматограммы выбранных ионов: введите одно или несколько m/z и нажмите Enter</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="252"/>
        <source>Show XIC</source>
        <translation>Показать</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="254"/>
        <source>Clear XIC</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="258"/>
        <source>Scan range</source>
        <translation>Диапазон сканов</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="260"/>
        <source>Select scans to average: drag the blue band on the chromatogram, then Average</source>
        <translation>Выберите сканы для усреднения: перетащите синюю полосу на хроматограмме, затем нажмите «Усреднить»</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="263"/>
        <source>Background</source>
        <translation>Фон</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="265"/>
        <source>Also subtract the mean of the grey band (drag it beside the peak)</source>
        <translation>Также вычесть среднее по серой полосе (поместите её рядом с пиком)</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="267"/>
        <source>Average</source>
        <translation>Усреднить</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="268"/>
        <source>Show the averaged (background-subtracted) spectrum; Ctrl+F searches it</source>
        <translation>Показать усреднённый спектр (за вычетом фона); Ctrl+F ищет его в библиотеке</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="270"/>
        <source>Add to library…</source>
        <translation>Добавить в библиотеку…</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="271"/>
        <source>Add the spectrum shown (component or averaged scans) to the open library</source>
        <translation>Добавить показанный спектр (компонент или усреднённые сканы) в открытую библиотеку</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="275"/>
        <source>Manual:</source>
        <translation>Вручную:</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="282"/>
        <source>XIC:</source>
        <translation>Ионы m/z:</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="357"/>
        <location filename="../views/gcms_view.py" line="305"/>
        <source>Components</source>
        <translation>Компоненты</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="386"/>
        <source>{0} scans</source>
        <translation>сканов: {0}</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="387"/>
        <source>{0}–{1} min</source>
        <translation>{0}–{1} мин</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="389"/>
        <source>SIM run: no library search possible</source>
        <translation>Прогон в режиме SIM: поиск по библиотеке невозможен</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="393"/>
        <source>Components ({0})</source>
        <translation>Компоненты ({0})</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="394"/>
        <source>Components — not analysed yet (Search / Analyse run)</source>
        <translation>Компоненты — прогон ещё не проанализирован («Поиск» / «Анализ прогона»)</translation>
    </message>
    <message>
        <location filename="../views/gcms_view.py" line="444"/>
        <source>Drag the blue band over the scans to average, then press Average again</source>
        <translation>Перетащите синюю полосу на сканы для усреднения и снова нажмите «Усреднить»</translation>
    </message>
</context><context>
    <name>HelpWindow</name>
    <message>
        <location filename="../help/window.py" line="55"/>
        <source>NPS-ID manual</source>
        <translation>Руководство NPS-ID</translation>
    </message>
    <message>
        <location filename="../help/window.py" line="63"/>
        <source>Contents</source>
        <translation>Содержание</translation>
    </message>
    <message>
        <location filename="../help/window.py" line="65"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../help/window.py" line="87"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
</context><context>
    <name>HitDetails</name>
    <message>
        <location filename="../views/results_view.py" line="486"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="486"/>
        <source>Formula</source>
        <translation>Формула</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="487"/>
        <source>MW</source>
        <translation>ММ</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="488"/>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="489"/>
        <source>Control</source>
        <translation>Контроль</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="490"/>
        <source>Library ID</source>
        <translation>ID в библиотеке</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="491"/>
        <source>Match / R.Match</source>
        <translation>Совп. / обр. совп.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="493"/>
        <source>Hybrid / Direct</source>
        <translation>Гибридное / прямое</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="497"/>
        <source>Mass shift</source>
        <translation>Сдвиг массы</translation>
    </message>
</context><context>
    <name>HitTable</name>
    <message>
        <location filename="../views/results_view.py" line="25"/>
        <source>Rank</source>
        <translation>Место</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="26"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="26"/>
        <source>Compound name of the library entry</source>
        <translation>Название соединения в записи библиотеки</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="27"/>
        <source>Match</source>
        <translation>Совп.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="27"/>
        <source>Forward match factor (0-999)</source>
        <translation>Прямое совпадение, фактор 0–999</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="28"/>
        <source>R.Match</source>
        <translation>Обр. совп.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="29"/>
        <source>Reverse match factor (0-999): ignores peaks absent from the reference</source>
        <translation>Обратное совпадение, фактор 0–999: пики, отсутствующие в эталоне, не учитываются</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="30"/>
        <source>Prob. %</source>
        <translation>Вер. %</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="31"/>
        <source>Share of this compound among the hits listed (score gaps, Stein 1994). It is not the chance that the substance is identified: that is the verdict's confidence above.</source>
        <translation>Доля этого соединения среди показанных совпадений (по разрывам оценок, Stein 1994). Это не вероятность того, что вещество идентифицировано: её показывает достоверность вердикта выше.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="33"/>
        <source>Formula</source>
        <translation>Формула</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="34"/>
        <source>MW</source>
        <translation>ММ</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="34"/>
        <source>Molecular weight</source>
        <translation>Молекулярная масса</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="35"/>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="36"/>
        <source>Control</source>
        <translation>Контроль</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="37"/>
        <source>International control status (UN conventions, INCB) with its source, and the national one when a jurisdiction is set; 'not in catalogue' means no statement either way</source>
        <translation>Международный контрольный статус (конвенции ООН, МККН) с источником и национальный, если задана юрисдикция; «нет в каталоге» означает, что сведений нет ни в ту, ни в другую сторону</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="39"/>
        <source>Isomers</source>
        <translation>Изомеры</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="40"/>
        <source>Isomers that EI cannot tell apart</source>
        <translation>Изомеры, которые ЭИ не различает</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="41"/>
        <source>ΔRI</source>
        <translation>ΔИУ</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="42"/>
        <source>Retention index of the component minus the library RI of this compound: within 20 supports, beyond 50 contradicts (red)</source>
        <translation>Индекс удерживания компонента минус библиотечный ИУ этого соединения: в пределах 20 — подтверждает, больше 50 — противоречит (красным)</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="53"/>
        <source>&lt;b&gt;Rank&lt;/b&gt;&lt;br&gt;Place of the library spectrum in this list, best score first. When the component has a retention index, the list is ranked after the retention-index term is applied.</source>
        <translation>&lt;b&gt;Место&lt;/b&gt;&lt;br&gt;Положение спектра библиотеки в этом списке, начиная с лучшей оценки. Если у компонента есть индекс удерживания, список упорядочен после поправки на индекс удерживания.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="56"/>
        <source>&lt;b&gt;Name&lt;/b&gt; of the library compound.&lt;br&gt;A name in this list is &lt;i&gt;not&lt;/i&gt; by itself an identification: the &lt;b&gt;verdict&lt;/b&gt; above the table says what the search concludes — &lt;b&gt;identified&lt;/b&gt; (one compound fits, with its confidence), &lt;b&gt;ambiguous&lt;/b&gt; (several candidates the spectrum cannot tell apart, with what would decide between them) or &lt;b&gt;not in library&lt;/b&gt; (the list shows only the nearest library spectra).</source>
        <translation>&lt;b&gt;Название&lt;/b&gt; соединения из библиотеки.&lt;br&gt;Название в этом списке само по себе &lt;i&gt;не&lt;/i&gt; является идентификацией: вывод поиска — это &lt;b&gt;вердикт&lt;/b&gt; над таблицей: &lt;b&gt;идентифицировано&lt;/b&gt; (подходит одно соединение, указана достоверность), &lt;b&gt;неоднозначно&lt;/b&gt; (несколько кандидатов, которых спектр не различает, и что поможет выбрать между ними) или &lt;b&gt;нет в библиотеке&lt;/b&gt; (в списке лишь ближайшие спектры библиотеки).</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="62"/>
        <source>&lt;b&gt;Match&lt;/b&gt; (forward match factor, 0–999)&lt;br&gt;How well the whole spectrum of the unknown agrees with the library spectrum, peak by peak (weighted dot product, as in NIST MS Search): above 900 excellent, 800–900 good, 700–800 fair, below 600 poor. Peaks of the unknown missing from the reference lower it.&lt;br&gt;For a GC-MS component with a retention index, the match shown already has the retention-index penalty taken off (see ΔRI).&lt;br&gt;A high match alone is not an identification: isomers can match equally well — read the verdict.</source>
        <translation>&lt;b&gt;Совпадение&lt;/b&gt; (прямой фактор совпадения, 0–999)&lt;br&gt;Насколько весь спектр неизвестного согласуется со спектром библиотеки, пик за пиком (взвешенное скалярное произведение, как в NIST MS Search): выше 900 — отличное, 800–900 — хорошее, 700–800 — удовлетворительное, ниже 600 — плохое. Пики неизвестного, отсутствующие в эталоне, его снижают.&lt;br&gt;Для компонента ГХ-МС с индексом удерживания показанное совпадение уже уменьшено на штраф за индекс удерживания (см. ΔИУ).&lt;br&gt;Высокое совпадение само по себе не идентификация: изомеры могут совпадать так же хорошо — смотрите вердикт.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="69"/>
        <source>&lt;b&gt;Reverse match&lt;/b&gt; (0–999)&lt;br&gt;The same comparison using only the peaks of the library spectrum: peaks of the unknown absent from the reference are ignored.&lt;br&gt;A reverse match much higher than the match suggests extra peaks in the unknown — a mixture, a co-eluting compound or background.</source>
        <translation>&lt;b&gt;Обратное совпадение&lt;/b&gt; (0–999)&lt;br&gt;То же сравнение только по пикам спектра библиотеки: пики неизвестного, отсутствующие в эталоне, не учитываются.&lt;br&gt;Если обратное совпадение намного выше прямого, в спектре неизвестного есть лишние пики — смесь, совместно элюирующееся соединение или фон.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="74"/>
        <source>&lt;b&gt;Probability&lt;/b&gt; (%)&lt;br&gt;Share of this compound among the hits listed, from the gaps between their scores (Stein 1994). It compares the hits with each other only: over the list it always adds up to 100 %, even when the substance is none of them.&lt;br&gt;&lt;b&gt;Confidence&lt;/b&gt; is a different number: the calibrated chance that the verdict is right, shown in the verdict above the table. Judge the identification by the verdict and its confidence, not by this column.</source>
        <translation>&lt;b&gt;Вероятность&lt;/b&gt; (%)&lt;br&gt;Доля этого соединения среди показанных совпадений, по разрывам между их оценками (Stein 1994). Она лишь сравнивает совпадения друг с другом: по списку в сумме всегда 100 %, даже если вещество не является ни одним из них.&lt;br&gt;&lt;b&gt;Достоверность&lt;/b&gt; — другое число: калиброванная вероятность того, что вердикт верен; она указана в вердикте над таблицей. Об идентификации судите по вердикту и его достоверности, а не по этому столбцу.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="80"/>
        <source>&lt;b&gt;Formula&lt;/b&gt; of the library compound, as its record gives it.</source>
        <translation>&lt;b&gt;Формула&lt;/b&gt; соединения из библиотеки, как она указана в записи.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="81"/>
        <source>&lt;b&gt;MW&lt;/b&gt;: molecular weight of the library compound. Compare it with the molecular ion (M+•) of the unknown shown in the verdict.</source>
        <translation>&lt;b&gt;ММ&lt;/b&gt;: молекулярная масса соединения из библиотеки. Сравните её с молекулярным ионом (M+•) неизвестного, указанным в вердикте.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="84"/>
        <source>&lt;b&gt;Class&lt;/b&gt; of the library compound (synthetic cathinone, synthetic cannabinoid, precursor…).</source>
        <translation>&lt;b&gt;Класс&lt;/b&gt; соединения из библиотеки (синтетический катинон, синтетический каннабиноид, прекурсор…).</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="86"/>
        <source>&lt;b&gt;Control&lt;/b&gt;: international control status of the library compound (UN conventions, INCB lists) with its source, and the national status when a jurisdiction is set. 'Not in catalogue' means no statement either way: check national law.</source>
        <translation>&lt;b&gt;Контроль&lt;/b&gt;: международный контрольный статус соединения из библиотеки (конвенции ООН, списки МККН) с источником, а также национальный статус, если задана юрисдикция. «Нет в каталоге» означает, что сведений нет ни в ту, ни в другую сторону: проверьте национальное законодательство.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="90"/>
        <source>&lt;b&gt;Isomers&lt;/b&gt;: ⚠ when isomers of this compound in the library score about as well. EI spectra of positional isomers are often nearly identical: decide with the retention index, an IR spectrum or a reference standard.</source>
        <translation>&lt;b&gt;Изомеры&lt;/b&gt;: ⚠, если изомеры этого соединения в библиотеке дают почти такое же совпадение. Масс-спектры ЭИ позиционных изомеров часто почти одинаковы: решают индекс удерживания, ИК-спектр или стандартный образец.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="94"/>
        <source>&lt;b&gt;ΔRI&lt;/b&gt;: retention index (RI) of the GC-MS component minus the library RI of this compound (the component's RI comes from the n-alkane calibration of the run).&lt;br&gt;Within ±20 the RI supports the hit, 20–50 fits weakly, beyond ±50 it contradicts the hit (red): the match is lowered and the hit cannot be reported as identified. Empty when the run or the library record has no RI.</source>
        <translation>&lt;b&gt;ΔИУ&lt;/b&gt;: индекс удерживания (ИУ) компонента ГХ-МС минус библиотечный ИУ этого соединения (ИУ компонента получен по калибровке прогона по н-алканам).&lt;br&gt;В пределах ±20 ИУ подтверждает совпадение, от 20 до 50 — согласуется слабо, больше ±50 — противоречит ему (красным): совпадение снижается, и вердикт «идентифицировано» невозможен. Пусто, если у прогона или у записи библиотеки нет ИУ.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="116"/>
        <source>Not an identification: the verdict is ambiguous — this spectrum cannot tell the candidates apart.</source>
        <translation>Это не идентификация: вердикт «неоднозначно» — по этому спектру кандидатов не различить.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="118"/>
        <source>Not an identification: the verdict is 'not in library' — this is the nearest library spectrum, not the substance.</source>
        <translation>Это не идентификация: вердикт «нет в библиотеке» — это ближайший спектр библиотеки, а не само вещество.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="137"/>
        <source> and {0} more</source>
        <translation> и ещё {0}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="139"/>
        <source>{0} scores like its isomer(s) {1}</source>
        <translation>{0} даёт такое же совпадение, как изомер(ы) {1}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="140"/>
        <source>isomers of this compound score about as well</source>
        <translation>изомеры этого соединения дают почти такое же совпадение</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="148"/>
        <source>supports this hit</source>
        <translation>подтверждает это совпадение</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="149"/>
        <source>fits this hit weakly</source>
        <translation>слабо согласуется с этим совпадением</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="150"/>
        <source>contradicts this hit: more than {0} units apart</source>
        <translation>противоречит этому совпадению: расхождение больше {0} единиц</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="152"/>
        <source>RI {0} vs library {1} (ΔRI {2}): {3}</source>
        <translation>ИУ {0}, в библиотеке {1} (ΔИУ {2}): {3}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="154"/>
        <source>ΔRI {0}: {1}</source>
        <translation>ΔИУ {0}: {1}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="158"/>
        <source>match factor {0} − RI penalty {1} = {2}</source>
        <translation>фактор совпадения {0} − штраф за ИУ {1} = {2}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="201"/>
        <source>⚠ yes</source>
        <translation>⚠ да</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="245"/>
        <source>Not an identification (verdict: {0}).</source>
        <translation>Это не идентификация (вердикт: {0}).</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="249"/>
        <source>Isomer ambiguity: {0}</source>
        <translation>Неоднозначность изомеров: {0}</translation>
    </message>
</context><context>
    <name>ImportDialog</name>
    <message>
        <location filename="../dialogs/import_dialog.py" line="20"/>
        <source>Spectrum files (*.msp *.MSP *.jdx *.JDX *.dx *.DX *.jcamp *.spc *.SPC *.spa *.SPA *.csv *.txt *.tsv *.dpt *.0 *.1 *.2);;All files (*)</source>
        <translation>Файлы спектров (*.msp *.MSP *.jdx *.JDX *.dx *.DX *.jcamp *.spc *.SPC *.spa *.SPA *.csv *.txt *.tsv *.dpt *.0 *.1 *.2);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="25"/>
        <source>EI mass spectra (GC-MS reference libraries)</source>
        <extracomment>(technique, label) offered by the dialog; the core skips and lists spectra of any other technique.</extracomment>
        <translation>Масс-спектры ЭИ (библиотеки эталонов ГХ-МС)</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="26"/>
        <source>IR spectra (FTIR / ATR reference spectra)</source>
        <translation>ИК-спектры (эталонные спектры ИК-Фурье / НПВО)</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="28"/>
        <source>EI mass</source>
        <extracomment>nps_id.library.report.TECHNIQUE_NAMES, as the import summary shows them</extracomment>
        <translation>масс-спектров ЭИ</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="28"/>
        <source>Raman</source>
        <translation>КР</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="29"/>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="185"/>
        <source>Added {0} spectra ({1}) from {2} file(s) in {3} s</source>
        <translation>Добавлено спектров: {0} ({1}) из файлов: {2} за {3} с</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="186"/>
        <source>Added {0} spectra{1} from {2} file(s) in {3} s</source>
        <translation>Добавлено спектров: {0}{1} из файлов: {2} за {3} с</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="189"/>
        <source>{0} already present (not added again)</source>
        <translation>уже были в библиотеке: {0} (повторно не добавлены)</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="193"/>
        <source>{0} spectra</source>
        <translation>спектров: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="195"/>
        <source>{0} file(s)</source>
        <translation>файлов: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="196"/>
        <source>skipped as not {0}: {1}</source>
        <translation>пропущено как не {0}: {1}</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="199"/>
        <source>{0} invalid record(s)/file(s) skipped</source>
        <translation>пропущено некорректных записей/файлов: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="201"/>
        <source>{0} file(s) passed over (not spectrum files)</source>
        <translation>файлов пропущено (не файлы спектров): {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="209"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="209"/>
        <source>Added</source>
        <translation>Добавлено</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="210"/>
        <source>Already present</source>
        <translation>Уже есть</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="210"/>
        <source>Skipped</source>
        <translation>Пропущено</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="211"/>
        <source>Why skipped</source>
        <translation>Причина пропуска</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="50"/>
        <source>Import into the library</source>
        <translation>Импорт в библиотеку</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="54"/>
        <source>Add files…</source>
        <translation>Добавить файлы…</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="56"/>
        <source>Add folder…</source>
        <translation>Добавить папку…</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="58"/>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="64"/>
        <source>Files and folders (folders are read with their subfolders)</source>
        <translation>Файлы и папки (папки читаются вместе с вложенными)</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="69"/>
        <source>Import these spectra as</source>
        <translation>Импортировать эти спектры как</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="79"/>
        <source>Spectra of any other technique in these files (UV, NIR, Raman, the MS scans of a GC-MS file…) are skipped and listed, not added.</source>
        <translation>Спектры других методов в этих файлах (УФ, БИК, КР, масс-спектры сканов ГХ-МС…) пропускаются и перечисляются, но не добавляются.</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="86"/>
        <source>Add spectra the library already holds again (duplicates)</source>
        <translation>Добавлять спектры, которые уже есть в библиотеке (дубликаты)</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="87"/>
        <source>Off: a spectrum with the same peaks and the same name/InChIKey/CAS as one in the library is counted as already present and not added.</source>
        <translation>Выключено: спектр с теми же пиками и тем же названием/InChIKey/CAS, что и в библиотеке, считается уже имеющимся и не добавляется.</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="91"/>
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="133"/>
        <source>Add files or a folder and say which technique they hold</source>
        <translation>Добавьте файлы или папку и укажите, какой метод в них</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="137"/>
        <source>Import library files</source>
        <translation>Импорт файлов библиотеки</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="142"/>
        <source>Import a folder of reference spectra</source>
        <translation>Импорт папки эталонных спектров</translation>
    </message>
</context><context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../dialogs/import_dialog.py" line="256"/>
        <source>Import report</source>
        <translation>Отчёт об импорте</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="277"/>
        <source>Copy report</source>
        <translation>Копировать отчёт</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="278"/>
        <source>Copy the whole report as text (e.g. into a case note)</source>
        <translation>Скопировать весь отчёт как текст (например, в заметку по делу)</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="280"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="290"/>
        <source>Files in {0}</source>
        <translation>Файлы в {0}</translation>
    </message>
</context><context>
    <name>LibraryBrowser</name>
    <message>
        <location filename="../dialogs/library_browser.py" line="25"/>
        <source>Any field</source>
        <extracomment>(label, search field); labels translated when shown (context "LibraryBrowser")</extracomment>
        <translation>Любое поле</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="28"/>
        <location filename="../dialogs/library_browser.py" line="25"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="30"/>
        <location filename="../dialogs/library_browser.py" line="26"/>
        <source>Formula</source>
        <translation>Формула</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="31"/>
        <location filename="../dialogs/library_browser.py" line="27"/>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="29"/>
        <source>Tech.</source>
        <translation>Метод</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="38"/>
        <location filename="../dialogs/library_browser.py" line="30"/>
        <source>MW</source>
        <translation>ММ</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="37"/>
        <source>name</source>
        <translation>название</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="37"/>
        <source>synonyms</source>
        <translation>синонимы</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="38"/>
        <source>formula</source>
        <translation>формула</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="39"/>
        <source>exact mass</source>
        <translation>точная масса</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="41"/>
        <source>class</source>
        <translation>класс</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="42"/>
        <source>control status</source>
        <translation>контрольный статус</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="43"/>
        <source>retention index</source>
        <translation>индекс удерживания</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="44"/>
        <source>retention time</source>
        <translation>время удерживания</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="45"/>
        <source>instrument</source>
        <translation>прибор</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="46"/>
        <source>instrument type</source>
        <translation>тип прибора</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="47"/>
        <source>ionisation energy</source>
        <translation>энергия ионизации</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="48"/>
        <source>IR sampling</source>
        <translation>способ регистрации ИК</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="49"/>
        <source>method</source>
        <translation>методика</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="49"/>
        <source>date</source>
        <translation>дата</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="50"/>
        <source>reviewer</source>
        <translation>проверил</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="51"/>
        <source>comment</source>
        <translation>комментарий</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="52"/>
        <source>contributor</source>
        <translation>предоставил</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="53"/>
        <source>licence</source>
        <translation>лицензия</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="54"/>
        <source>source file</source>
        <translation>исходный файл</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="55"/>
        <source>ID in the source</source>
        <translation>ID в источнике</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="56"/>
        <source>line in the source</source>
        <translation>строка в источнике</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="57"/>
        <source>record number</source>
        <translation>номер записи</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="58"/>
        <source>library ID</source>
        <translation>ID в библиотеке</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="136"/>
        <source>Reference library</source>
        <translation>Библиотека эталонов</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="142"/>
        <source>Find by name, CAS, InChIKey, formula or class (empty: list all)</source>
        <translation>Поиск по названию, CAS, InChIKey, формуле или классу (пусто — все записи)</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="144"/>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="183"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="186"/>
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="187"/>
        <source>Import files or folders as EI-MS or IR reference spectra</source>
        <translation>Импортировать файлы или папки как эталонные спектры ЭИ-МС или ИК</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="189"/>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="191"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="223"/>
        <source>No library is open</source>
        <translation>Библиотека не открыта</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="238"/>
        <source>Listing the library</source>
        <translation>Список записей библиотеки</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="242"/>
        <source>listing…</source>
        <translation>составление списка…</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="256"/>
        <source>{0} found (the first {0} — refine the search)</source>
        <translation>найдено: {0} (первые {0} — уточните поиск)</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="257"/>
        <source>{0} found</source>
        <translation>найдено: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="262"/>
        <source>No entry found</source>
        <translation>Записей не найдено</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="270"/>
        <source>Library search</source>
        <translation>Поиск в библиотеке</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="276"/>
        <source>{0} spectra in {1}</source>
        <translation>спектров: {0} в {1}</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="287"/>
        <source>Library entry</source>
        <translation>Запись библиотеки</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="309"/>
        <source>Importing…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="334"/>
        <source>last import: {0} added</source>
        <translation>последний импорт: добавлено {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="355"/>
        <source>Export library</source>
        <translation>Экспорт библиотеки</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="363"/>
        <source>exported to {0}</source>
        <translation>экспортировано в {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/library_browser.py" line="365"/>
        <source>Exporting…</source>
        <translation>Экспорт…</translation>
    </message>
</context><context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="220"/>
        <location filename="../gcms_tools.py" line="107"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="231"/>
        <location filename="../gcms_tools.py" line="112"/>
        <source>&amp;Analysis</source>
        <translation>&amp;Анализ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="31"/>
        <source>Spectra and GC-MS runs (*.msp *.MSP *.jdx *.JDX *.dx *.DX *.jcamp *.spc *.SPC *.spa *.SPA *.csv *.txt *.tsv *.dpt *.0 *.1 *.2 *.cdf *.CDF *.ms *.MS *.mzML *.mzXML *.ms1);;All files (*)</source>
        <translation>Спектры и прогоны ГХ-МС (*.msp *.MSP *.jdx *.JDX *.dx *.DX *.jcamp *.spc *.SPC *.spa *.SPA *.csv *.txt *.tsv *.dpt *.0 *.1 *.2 *.cdf *.CDF *.ms *.MS *.mzML *.mzXML *.ms1);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="41"/>
        <source>NPS-ID — spectrum identification</source>
        <translation>NPS-ID — идентификация по спектрам</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <source>IR mixture</source>
        <translation>ИК-смесь</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="125"/>
        <source>Sample</source>
        <translation>Образец</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="125"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="132"/>
        <source>Samples</source>
        <translation>Образцы</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="139"/>
        <source>IR processing</source>
        <translation>Обработка ИК</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="148"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="151"/>
        <source>Every operation, with its parameters, in the order done</source>
        <translation>Каждая операция с её параметрами, в порядке выполнения</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170"/>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Open spectrum files or a GC-MS run</source>
        <translation>Открыть файлы спектров или прогон ГХ-МС</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173"/>
        <source>Open GC-MS &amp;folder (.D)…</source>
        <translation>Открыть &amp;папку ГХ-МС (.D)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174"/>
        <source>Open an Agilent .D run folder</source>
        <translation>Открыть папку прогона Agilent .D</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="175"/>
        <source>&amp;Export results…</source>
        <translation>&amp;Экспорт результатов…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176"/>
        <source>Save the hits and the processing history of the sample as JSON</source>
        <translation>Сохранить совпадения и историю обработки образца в JSON</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177"/>
        <source>&amp;Save spectrum as…</source>
        <translation>&amp;Сохранить спектр как…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="178"/>
        <source>Save the shown spectrum (MSP, JCAMP-DX, CSV…)</source>
        <translation>Сохранить показанный спектр (MSP, JCAMP-DX, CSV…)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="179"/>
        <source>&amp;Close sample</source>
        <translation>&amp;Закрыть образец</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="179"/>
        <source>Remove the selected sample</source>
        <translation>Убрать выбранный образец</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="181"/>
        <source>&amp;Search library</source>
        <translation>&amp;Поиск по библиотеке</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182"/>
        <source>Search the selected spectrum (or analyse the GC-MS run)</source>
        <translation>Искать выбранный спектр (или анализировать прогон ГХ-МС)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="184"/>
        <source>Search &amp;all spectra</source>
        <translation>Искать &amp;все спектры</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="185"/>
        <source>Search every loaded spectrum</source>
        <translation>Искать каждый загруженный спектр</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="186"/>
        <source>Find a&amp;nalogues</source>
        <translation>Найти а&amp;налоги</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187"/>
        <source>Library compounds related to the query by a mass shift (hybrid search)</source>
        <translation>Соединения библиотеки, связанные с запросом сдвигом массы (гибридный поиск)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188"/>
        <source>&amp;Analyse GC-MS run</source>
        <translation>&amp;Анализ прогона ГХ-МС</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="189"/>
        <source>Deconvolute the run and identify its components</source>
        <translation>Деконволюция прогона и идентификация его компонентов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="190"/>
        <source>IR &amp;mixture analysis</source>
        <translation>Анализ ИК-&amp;смеси</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="191"/>
        <source>Unmix the IR spectrum into library compounds; subtract a hit</source>
        <translation>Разложить ИК-спектр на соединения библиотеки; вычесть совпадение</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="192"/>
        <source>&amp;Cancel</source>
        <translation>О&amp;тмена</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="192"/>
        <source>Cancel the running task</source>
        <translation>Отменить выполняемую задачу</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194"/>
        <source>&amp;Library browser…</source>
        <translation>&amp;Обзор библиотеки…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195"/>
        <source>Find, view, import and export reference spectra</source>
        <translation>Поиск, просмотр, импорт и экспорт эталонных спектров</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196"/>
        <source>&amp;Import into library…</source>
        <translation>&amp;Импорт в библиотеку…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197"/>
        <source>Import MSP / JCAMP / ... files or a folder into the library</source>
        <translation>Импортировать файлы MSP / JCAMP / ... или папку в библиотеку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="199"/>
        <source>Use another library…</source>
        <translation>Другая библиотека…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200"/>
        <source>Open or create a library file</source>
        <translation>Открыть или создать файл библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201"/>
        <source>&amp;Reset zoom</source>
        <translation>&amp;Сбросить масштаб</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201"/>
        <source>Show the whole spectrum</source>
        <translation>Показать весь спектр</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="202"/>
        <source>&amp;About NPS-ID</source>
        <translation>&amp;О программе NPS-ID</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204"/>
        <source>&amp;Report as unidentified…</source>
        <translation>&amp;Сообщить как неидентифицированное…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="205"/>
        <source>Send this not-identified spectrum to the shared early-warning register (shows what is sent first)</source>
        <translation>Отправить этот неидентифицированный спектр в общий реестр раннего оповещения (сначала показывает, что будет отправлено)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="206"/>
        <source>&amp;Emerging substances</source>
        <translation>&amp;Новые вещества</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="207"/>
        <source>Clusters of unidentified substances reported by labs (early-warning register)</source>
        <translation>Кластеры неидентифицированных веществ из сообщений лабораторий (реестр раннего оповещения)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="208"/>
        <source>&amp;Manual</source>
        <translation>&amp;Руководство</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="209"/>
        <source>The manual page for the part of the window in focus (F1)</source>
        <translation>Страница руководства для активной части окна (F1)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="211"/>
        <source>&amp;What's This?</source>
        <translation>Что &amp;это?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213"/>
        <source>Click a part of the window, e.g. a column header of the hit table, to see what it means</source>
        <translation>Щёлкните по части окна, например по заголовку столбца таблицы совпадений, чтобы узнать, что она означает</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>&amp;Quiz (workshop pack)…</source>
        <translation>&amp;Тест (учебный пакет)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="216"/>
        <source>Answer a trainer's workshop pack: hits stay hidden until you commit an answer</source>
        <translation>Пройти учебный пакет тренера: совпадения скрыты, пока вы не дадите ответ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="223"/>
        <source>Open &amp;recent</source>
        <translation>&amp;Недавние</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="237"/>
        <source>&amp;Library</source>
        <translation>&amp;Библиотека</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="242"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="249"/>
        <source>&amp;Training</source>
        <translation>&amp;Обучение</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="251"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="255"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="261"/>
        <source>Main</source>
        <translation>Основная</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="277"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283"/>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="335"/>
        <source>(no recent files)</source>
        <translation>(нет недавних файлов)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="342"/>
        <source>Clear list</source>
        <translation>Очистить список</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347"/>
        <source>Open spectra or GC-MS runs</source>
        <translation>Открыть спектры или прогоны ГХ-МС</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="353"/>
        <source>Open a GC-MS run folder (.D)</source>
        <translation>Открыть папку прогона ГХ-МС (.D)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="377"/>
        <source>Opening {0}…</source>
        <translation>Открывается {0}…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="383"/>
        <source>Cannot open file</source>
        <translation>Не удаётся открыть файл</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="421"/>
        <location filename="../main_window.py" line="394"/>
        <source>{0} spectra</source>
        <translation>спектров: {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="416"/>
        <location filename="../main_window.py" line="395"/>
        <source>GC-MS run</source>
        <translation>прогон ГХ-МС</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="395"/>
        <source>1 spectrum</source>
        <translation>1 спектр</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="396"/>
        <source>Opened {0}: {1}</source>
        <translation>Открыт {0}: {1}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="472"/>
        <source>No sample</source>
        <translation>Нет образца</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="527"/>
        <source>Click the TIC or a component to see its spectrum</source>
        <translation>Щёлкните по хроматограмме ПИТ или компоненту, чтобы увидеть его спектр</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="539"/>
        <source>{0}, scan at {1:.3f} min</source>
        <translation>{0}, скан при {1:.3f} мин</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="544"/>
        <source>{0}, component {1} at {2:.3f} min</source>
        <translation>{0}, компонент {1} при {2:.3f} мин</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="557"/>
        <source>Run not analysed yet — press Search (Ctrl+F) to find and identify its components</source>
        <translation>Прогон ещё не проанализирован — нажмите «Поиск» (Ctrl+F), чтобы найти и идентифицировать компоненты</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="592"/>
        <source>⚠ No library</source>
        <translation>⚠ Нет библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="595"/>
        <source>Library: {0} spectra</source>
        <translation>Библиотека: спектров {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="596"/>
        <source>Library: empty</source>
        <translation>Библиотека: пуста</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="610"/>
        <source>Analyse the run and identify its components (Ctrl+F)</source>
        <translation>Проанализировать прогон и идентифицировать компоненты (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="614"/>
        <source>Search the library (Ctrl+F)</source>
        <translation>Поиск по библиотеке (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="618"/>
        <source>Analyse the run (Ctrl+R)</source>
        <translation>Анализ прогона (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="621"/>
        <source>Open a GC-MS run to analyse it</source>
        <translation>Откройте прогон ГХ-МС, чтобы его проанализировать</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="625"/>
        <source>Find analogues of the query (Ctrl+Shift+A)</source>
        <translation>Найти аналоги запроса (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="627"/>
        <source>Wait for the running task</source>
        <translation>Дождитесь завершения текущей задачи</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="631"/>
        <source>Import into the library (Ctrl+I)</source>
        <translation>Импорт в библиотеку (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="632"/>
        <source>No library</source>
        <translation>Нет библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="682"/>
        <source>Export results</source>
        <translation>Экспорт результатов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="687"/>
        <source>Export failed</source>
        <translation>Экспорт не удался</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="689"/>
        <source>Results saved to {0}</source>
        <translation>Результаты сохранены в {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="697"/>
        <source>Save spectrum</source>
        <translation>Сохранить спектр</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="698"/>
        <source>MSP (*.msp);;JCAMP-DX (*.jdx);;CSV (*.csv);;All files (*)</source>
        <translation>MSP (*.msp);;JCAMP-DX (*.jdx);;CSV (*.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="703"/>
        <source>Save failed</source>
        <translation>Сохранение не удалось</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="730"/>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="758"/>
        <source>Emerging substances</source>
        <translation>Новые вещества</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="774"/>
        <source>Import into the library</source>
        <translation>Импорт в библиотеку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="774"/>
        <source>No library is open.</source>
        <translation>Библиотека не открыта.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="783"/>
        <source>Open or create a library</source>
        <translation>Открыть или создать библиотеку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="785"/>
        <source>NPS-ID library (*.sqlite *.db);;All files (*)</source>
        <translation>Библиотека NPS-ID (*.sqlite *.db);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="798"/>
        <source>About NPS-ID</source>
        <translation>О программе NPS-ID</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="800"/>
        <source>Identification of new psychoactive substances and precursors from GC-MS (EI) and IR spectra.</source>
        <translation>Идентификация новых психоактивных веществ и прекурсоров по данным ГХ-МС (ЭИ) и ИК-спектрам.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="835"/>
        <source>The language changes when NPS-ID is started again.</source>
        <translation>Язык сменится при следующем запуске NPS-ID.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="907"/>
        <source>Analogue search cancelled.</source>
        <translation>Поиск аналогов отменён.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="916"/>
        <source>{0}: cancelled</source>
        <translation>{0}: отменено</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="918"/>
        <source>{0}: done</source>
        <translation>{0}: готово</translation>
    </message>
</context><context>
    <name>MirrorView</name>
    <message>
        <location filename="../views/mirror_view.py" line="95"/>
        <location filename="../views/mirror_view.py" line="33"/>
        <source>Abundance (%)</source>
        <translation>Интенсивность (%)</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="203"/>
        <location filename="../views/mirror_view.py" line="44"/>
        <source>Absorbance</source>
        <translation>Оптическая плотность</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="44"/>
        <source>Transmittance (%T)</source>
        <translation>Пропускание (%T)</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="45"/>
        <source>Processed (search vectors)</source>
        <translation>Обработанный (векторы поиска)</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="47"/>
        <source>How the IR unknown and reference are overlaid</source>
        <translation>Как совмещаются ИК-спектры неизвестного и эталона</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="54"/>
        <source>Overlay:</source>
        <translation>Совмещение:</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="73"/>
        <source>Select a hit to compare the spectra head to tail</source>
        <translation>Выберите совпадение, чтобы сравнить спектры «голова к хвосту»</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="128"/>
        <location filename="../views/mirror_view.py" line="94"/>
        <source>Wavenumber (cm⁻¹)</source>
        <translation>Волновое число (см⁻¹)</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="95"/>
        <source>Normalised absorbance</source>
        <translation>Нормированная оптическая плотность</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="150"/>
        <location filename="../views/mirror_view.py" line="111"/>
        <source>Reference spectrum not available</source>
        <translation>Эталонный спектр недоступен</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="119"/>
        <source>Cannot overlay these spectra: {0}</source>
        <translation>Эти спектры нельзя совместить: {0}</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="138"/>
        <source>reference × {0} (least squares)</source>
        <translation>эталон × {0} (метод наименьших квадратов)</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="202"/>
        <source>d(A^⅓)/dν̃, normalised (search vector)</source>
        <extracomment>The y-axis titles nps_id.ir.overlay gives (translated in MirrorView.show_ir).</extracomment>
        <translation>d(A^⅓)/dν̃, нормированная (вектор поиска)</translation>
    </message>
    <message>
        <location filename="../views/mirror_view.py" line="203"/>
        <source>Transmittance (%)</source>
        <translation>Пропускание (%)</translation>
    </message>
</context><context>
    <name>MixtureView</name>
    <message>
        <location filename="../views/mixture_view.py" line="44"/>
        <source>Analyse mixture</source>
        <translation>Анализ смеси</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="45"/>
        <source>Unmix the unknown into library compounds (NNLS with residual search)</source>
        <translation>Разложить неизвестный спектр на соединения библиотеки (NNLS с поиском по остатку)</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="47"/>
        <source>Search an IR spectrum, then analyse it as a mixture.</source>
        <translation>Выполните поиск по ИК-спектру, затем проанализируйте его как смесь.</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="59"/>
        <source>Absorbance</source>
        <translation>Оптическая плотность</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="60"/>
        <source>Wavenumber (cm⁻¹)</source>
        <translation>Волновое число (см⁻¹)</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="60"/>
        <source>Residual</source>
        <translation>Остаток</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="68"/>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="68"/>
        <source>Fraction</source>
        <translation>Доля</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="68"/>
        <source>r alone</source>
        <translation>r отдельно</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="76"/>
        <source>Library hit to subtract from the unknown</source>
        <translation>Совпадение из библиотеки, вычитаемое из неизвестного спектра</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="81"/>
        <source>Subtraction factor (the middle is the least-squares factor)</source>
        <translation>Коэффициент вычитания (середина — коэффициент по методу наименьших квадратов)</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="90"/>
        <location filename="../views/mixture_view.py" line="84"/>
        <source>Subtract</source>
        <translation>Вычесть</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="86"/>
        <source>Search residual</source>
        <translation>Поиск по остатку</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="135"/>
        <source>Analysing the mixture</source>
        <translation>Анализ смеси</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="139"/>
        <source>Analysing…</source>
        <translation>Анализ…</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="149"/>
        <source>Select an IR spectrum first.</source>
        <translation>Сначала выберите ИК-спектр.</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="152"/>
        <source>Mixture analysis is for IR spectra.</source>
        <translation>Анализ смесей выполняется для ИК-спектров.</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="155"/>
        <source>Open a reference library first.</source>
        <translation>Сначала откройте справочную библиотеку.</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="174"/>
        <source>Mixture analysis failed: {0}</source>
        <translation>Анализ смеси не удался: {0}</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="195"/>
        <source>Not analysed yet: press “Analyse mixture”.</source>
        <translation>Ещё не проанализировано: нажмите «Анализ смеси».</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="271"/>
        <location filename="../views/mixture_view.py" line="198"/>
        <source>Unknown</source>
        <translation>Неизвестный</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="200"/>
        <source>Fitted sum</source>
        <translation>Подобранная сумма</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="214"/>
        <source>{0} component(s); {1:.1f} % of the signal explained; residual {2:.1f} × noise. Fractions are shares of the fitted absorbance, not mass fractions.</source>
        <translation>Компонентов: {0}; объяснено {1:.1f} % сигнала; остаток {2:.1f} × шум. Доли — это доли подобранной оптической плотности, а не массовые доли.</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="226"/>
        <source>The reference spectrum of this hit is not available.</source>
        <translation>Справочный спектр этого совпадения недоступен.</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="233"/>
        <source>Cannot subtract: {0}</source>
        <translation>Невозможно вычесть: {0}</translation>
    </message>
    <message>
        <location filename="../views/mixture_view.py" line="277"/>
        <source>Manual subtraction: move the slider until the hit's bands are gone from the residual, then search the residual.</source>
        <translation>Ручное вычитание: двигайте ползунок, пока полосы совпадения не исчезнут из остатка, затем выполните поиск по остатку.</translation>
    </message>
</context><context>
    <name>Model</name>
    <message>
        <location filename="../model.py" line="142"/>
        <source>{0} failed</source>
        <translation>{0}: ошибка</translation>
    </message>
    <message>
        <location filename="../model.py" line="180"/>
        <source>Reading {0}</source>
        <translation>Чтение {0}</translation>
    </message>
    <message>
        <location filename="../model.py" line="274"/>
        <source>Processing {0}</source>
        <translation>Обработка {0}</translation>
    </message>
    <message>
        <location filename="../model.py" line="283"/>
        <source>Loading the IR processing code</source>
        <translation>Загрузка модуля обработки ИК-спектров</translation>
    </message>
    <message>
        <location filename="../model.py" line="325"/>
        <source>Analysing {0}</source>
        <translation>Анализ {0}</translation>
    </message>
    <message>
        <location filename="../model.py" line="340"/>
        <source>Spectrum at a retention time</source>
        <translation>Спектр при заданном времени удерживания</translation>
    </message>
    <message>
        <location filename="../model.py" line="367"/>
        <source>default library</source>
        <translation>библиотека по умолчанию</translation>
    </message>
    <message>
        <location filename="../model.py" line="388"/>
        <source>Import into the library</source>
        <translation>Импорт в библиотеку</translation>
    </message>
    <message>
        <location filename="../model.py" line="420"/>
        <location filename="../model.py" line="388"/>
        <source>No library is open.</source>
        <translation>Библиотека не открыта.</translation>
    </message>
    <message>
        <location filename="../model.py" line="415"/>
        <source>Importing into the library</source>
        <translation>Импорт в библиотеку</translation>
    </message>
    <message>
        <location filename="../model.py" line="420"/>
        <source>Export the library</source>
        <translation>Экспорт библиотеки</translation>
    </message>
    <message>
        <location filename="../model.py" line="433"/>
        <source>Exporting the library</source>
        <translation>Экспорт библиотеки</translation>
    </message>
    <message>
        <location filename="../model.py" line="438"/>
        <source>No reference library is open.</source>
        <translation>Библиотека эталонов не открыта.</translation>
    </message>
    <message>
        <location filename="../model.py" line="440"/>
        <source>The reference library is empty: import library files first.</source>
        <translation>Библиотека эталонов пуста: сначала импортируйте файлы библиотеки.</translation>
    </message>
    <message>
        <location filename="../model.py" line="455"/>
        <location filename="../model.py" line="451"/>
        <source>Library search</source>
        <translation>Поиск по библиотеке</translation>
    </message>
    <message>
        <location filename="../model.py" line="455"/>
        <source>Nothing to search: select a spectrum (or a component of an analysed GC-MS run).</source>
        <translation>Нечего искать: выберите спектр (или компонент проанализированного прогона ГХ-МС).</translation>
    </message>
    <message>
        <location filename="../model.py" line="492"/>
        <source>Searching the library</source>
        <translation>Поиск по библиотеке</translation>
    </message>
    <message>
        <location filename="../model.py" line="501"/>
        <source>Select a spectrum (or a component of an analysed GC-MS run) first.</source>
        <translation>Сначала выберите спектр (или компонент проанализированного прогона ГХ-МС).</translation>
    </message>
    <message>
        <location filename="../model.py" line="503"/>
        <source>Analogue search relates EI mass spectra by a mass shift; it does not apply to IR spectra.</source>
        <translation>Поиск аналогов связывает масс-спектры ЭИ сдвигом массы; к ИК-спектрам он не применим.</translation>
    </message>
    <message>
        <location filename="../model.py" line="526"/>
        <source>Analogue search</source>
        <translation>Поиск аналогов</translation>
    </message>
    <message>
        <location filename="../model.py" line="554"/>
        <source>Finding analogues</source>
        <translation>Поиск аналогов</translation>
    </message>
    <message>
        <location filename="../model.py" line="585"/>
        <source>no spectrum to save for this sample</source>
        <translation>для этого образца нет спектра для сохранения</translation>
    </message>
</context><context>
    <name>Plot</name>
    <message>
        <location filename="../views/plotting.py" line="94"/>
        <source>Wavenumber (cm⁻¹)</source>
        <extracomment>Axis titles by unit (English sources; :func:`x_label` / :func:`y_label` translate them).</extracomment>
        <translation>Волновое число (см⁻¹)</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="95"/>
        <source>Wavelength (µm)</source>
        <translation>Длина волны (мкм)</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="96"/>
        <source>Wavelength (nm)</source>
        <translation>Длина волны (нм)</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="97"/>
        <source>Raman shift (cm⁻¹)</source>
        <translation>Комбинационный сдвиг (см⁻¹)</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="98"/>
        <source>Relative abundance</source>
        <translation>Относительная интенсивность</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="99"/>
        <source>Absorbance</source>
        <translation>Оптическая плотность</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="100"/>
        <source>Transmittance</source>
        <translation>Пропускание</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="101"/>
        <source>Reflectance</source>
        <translation>Отражение</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="102"/>
        <source>Counts</source>
        <translation>Отсчёты</translation>
    </message>
    <message>
        <location filename="../views/plotting.py" line="102"/>
        <source>Intensity</source>
        <translation>Интенсивность</translation>
    </message>
</context><context>
    <name>ProcessingPanel</name>
    <message>
        <location filename="../panels/processing_panel.py" line="114"/>
        <location filename="../panels/processing_panel.py" line="89"/>
        <location filename="../panels/processing_panel.py" line="77"/>
        <location filename="../panels/processing_panel.py" line="62"/>
        <location filename="../panels/processing_panel.py" line="26"/>
        <location filename="../panels/processing_panel.py" line="22"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="24"/>
        <source>Rubberband (convex hull)</source>
        <translation>Rubberband (выпуклая оболочка)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="26"/>
        <source>Max = 1</source>
        <translation>Максимум = 1</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="27"/>
        <source>Vector (L2)</source>
        <translation>Векторная (L2)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="28"/>
        <source>Min-max 0–1</source>
        <translation>Мин-макс 0–1</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="29"/>
        <source>Mean-centred L2</source>
        <translation>Центрированная L2</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="31"/>
        <source>Diamond (n 2.40)</source>
        <extracomment>ATR crystals (name, label with its refractive index)</extracomment>
        <translation>Алмаз (n 2,40)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="46"/>
        <source>Convert to absorbance</source>
        <translation>Перевести в оптическую плотность</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="47"/>
        <source>Baseline correction needs bands pointing up: %T is converted with A = -log10(T)</source>
        <translation>Коррекции базовой линии нужны полосы вверх: %T пересчитывается как A = -log10(T)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="50"/>
        <source>ATR correction</source>
        <translation>Коррекция НПВО</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="51"/>
        <source>Penetration-depth correction (Harrick's effective thickness): ATR band intensities grow with wavelength; this makes them transmission-like. It does not undo the band shifts of anomalous dispersion near strong bands.</source>
        <translation>Коррекция глубины проникновения (эффективная толщина по Харрику): интенсивности полос НПВО растут с длиной волны; коррекция приближает их к спектру пропускания. Сдвиги полос из-за аномальной дисперсии у сильных полос она не устраняет.</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="63"/>
        <source>Remove water lines + CO₂</source>
        <translation>Убрать линии воды + CO₂</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="64"/>
        <source>Mask water regions + CO₂</source>
        <translation>Маскировать области воды + CO₂</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="65"/>
        <source>Atmospheric suppression: narrow water-vapour lines in 1350–1950 and 3550–3950 cm⁻¹ are cut out and bridged; the CO₂ doublet 2280–2400 cm⁻¹ is bridged</source>
        <translation>Подавление атмосферы: узкие линии водяного пара в областях 1350–1950 и 3550–3950 см⁻¹ вырезаются и заменяются интерполяцией; дублет CO₂ 2280–2400 см⁻¹ интерполируется</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="68"/>
        <source>Restrict range</source>
        <translation>Ограничить диапазон</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="83"/>
        <source> pts</source>
        <translation> точ.</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="95"/>
        <source>Whittaker smoothness: larger λ gives a stiffer baseline</source>
        <translation>Гладкость по Уиттекеру: чем больше λ, тем жёстче базовая линия</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="96"/>
        <source>default</source>
        <translation>по умолчанию</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="98"/>
        <source>Use the core's literature default (scaled to the point spacing)</source>
        <translation>Значение по умолчанию из литературы (с учётом шага точек)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="107"/>
        <source>AsLS asymmetry p (0.001–0.1)</source>
        <translation>Асимметрия AsLS p (0,001–0,1)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="116"/>
        <source>Mark peaks</source>
        <translation>Отмечать пики</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="122"/>
        <source> × noise</source>
        <translation> × шум</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="123"/>
        <source>Smallest band prominence, in units of the spectrum's own noise (also at least 2 % of the strongest band)</source>
        <translation>Наименьшая выраженность полосы в единицах шума самого спектра (и не менее 2 % от самой сильной полосы)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="126"/>
        <source>Derivative r, compressed (default)</source>
        <translation>r по производной, сжатая (по умолчанию)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="127"/>
        <source>Derivative r (Open Specy)</source>
        <translation>r по производной (Open Specy)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="128"/>
        <source>Correlation HQI (100 r²)</source>
        <translation>Корреляционный HQI (100 r²)</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="128"/>
        <source>Euclidean distance</source>
        <translation>Евклидово расстояние</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="129"/>
        <source>Peak-table match</source>
        <translation>Совпадение по таблице пиков</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="131"/>
        <source>IR library search score; the accuracy of each on the shared benchmark is in the README</source>
        <translation>Оценка поиска по библиотеке ИК-спектров; точность каждой на общем эталонном наборе приведена в README</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="134"/>
        <source>Narrowest band marked (FWHM): gas lines and spikes are narrower</source>
        <translation>Самая узкая отмечаемая полоса (ПШПВ): линии газов и выбросы уже</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="137"/>
        <source>Units and range</source>
        <translation>Единицы и диапазон</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="141"/>
        <source>Crystal</source>
        <translation>Кристалл</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="142"/>
        <source>Atmosphere</source>
        <translation>Атмосфера</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="145"/>
        <source>Smoothing</source>
        <translation>Сглаживание</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="152"/>
        <location filename="../panels/processing_panel.py" line="147"/>
        <source>Method</source>
        <translation>Метод</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="148"/>
        <source>Window</source>
        <translation>Окно</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="155"/>
        <location filename="../panels/processing_panel.py" line="149"/>
        <source>Order</source>
        <translation>Порядок</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="150"/>
        <source>Baseline</source>
        <translation>Базовая линия</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="156"/>
        <source>Half window</source>
        <translation>Полуокно</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="157"/>
        <source>Normalisation and peaks</source>
        <translation>Нормировка и пики</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="159"/>
        <source>Normalise</source>
        <translation>Нормировка</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="161"/>
        <source>Threshold</source>
        <translation>Порог</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="162"/>
        <source>Min. FWHM</source>
        <translation>Мин. ПШПВ</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="163"/>
        <source>Search score</source>
        <translation>Оценка поиска</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="168"/>
        <source>Reset</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <location filename="../panels/processing_panel.py" line="169"/>
        <source>Back to the raw spectrum</source>
        <translation>Вернуться к исходному спектру</translation>
    </message>
</context><context>
    <name>QuizModel</name>
    <message>
        <location filename="../quiz/model.py" line="43"/>
        <source>no library: open or import a reference library first</source>
        <translation>нет библиотеки: сначала откройте или импортируйте справочную библиотеку</translation>
    </message>
    <message>
        <location filename="../quiz/model.py" line="48"/>
        <source>No component found in this run.</source>
        <translation>В этой хроматограмме не найдено ни одного компонента.</translation>
    </message>
    <message>
        <location filename="../quiz/model.py" line="52"/>
        <source>Largest component at {0:.2f} min</source>
        <translation>Наибольший компонент при {0:.2f} мин</translation>
    </message>
    <message>
        <location filename="../quiz/model.py" line="56"/>
        <source>{0}: the exercise asks for spectrum {1}, the file holds {2}</source>
        <translation>{0}: задание требует спектр {1}, а в файле их {2}</translation>
    </message>
</context><context>
    <name>QuizWindow</name>
    <message>
        <location filename="../quiz/window.py" line="106"/>
        <source>NPS-ID — Quiz</source>
        <translation>NPS-ID — Тест</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="114"/>
        <source>Open a workshop pack (File ▸ Open pack…)</source>
        <translation>Откройте пакет семинара (Файл ▸ Открыть пакет…)</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="119"/>
        <source>Retention time (min)</source>
        <translation>Время удерживания (мин)</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="119"/>
        <source>TIC</source>
        <translation>ПИТ</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="129"/>
        <source>Answer and library hits</source>
        <translation>Ответ и совпадения из библиотеки</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="154"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="155"/>
        <source>&amp;Open pack…</source>
        <translation>&amp;Открыть пакет…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="156"/>
        <source>&amp;Save answer sheet…</source>
        <translation>&amp;Сохранить лист ответов…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="157"/>
        <source>Score &amp;sheet…</source>
        <translation>&amp;Лист оценок…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="158"/>
        <source>&amp;Trainer view…</source>
        <translation>Режим &amp;преподавателя…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="159"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="178"/>
        <source>NPS-ID — Quiz: {0} ({1})</source>
        <translation>NPS-ID — Тест: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="206"/>
        <source>Hint</source>
        <translation>Подсказка</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="208"/>
        <source>points</source>
        <translation>балл.</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="208"/>
        <source>point</source>
        <translation>балл</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="214"/>
        <source>Reading and searching the file…</source>
        <translation>Чтение файла и поиск…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="269"/>
        <location filename="../quiz/window.py" line="241"/>
        <location filename="../quiz/window.py" line="239"/>
        <source>Unknown</source>
        <translation>Неизвестное</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="252"/>
        <source>Right</source>
        <translation>Верно</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="253"/>
        <source>Not right</source>
        <translation>Неверно</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="254"/>
        <source>your answer</source>
        <translation>ваш ответ</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="255"/>
        <source>expected</source>
        <translation>ожидалось</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="259"/>
        <source>Answer committed. The expected answer is sealed: the trainer scores the saved sheet.</source>
        <translation>Ответ зафиксирован. Ожидаемый ответ зашифрован: преподаватель оценит сохранённый лист.</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="262"/>
        <source>exercise {0}</source>
        <translation>упражнение {0}</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="263"/>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="276"/>
        <source>Choose a compound, a class, or 'not in the library' first.</source>
        <translation>Сначала выберите соединение, класс или «нет в библиотеке».</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="306"/>
        <source>Save answer sheet</source>
        <translation>Сохранить лист ответов</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="314"/>
        <source>Trainer view</source>
        <translation>Режим преподавателя</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="314"/>
        <source>Trainer's passphrase:</source>
        <translation>Парольная фраза преподавателя:</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="324"/>
        <source>Quiz</source>
        <translation>Тест</translation>
    </message>
</context><context>
    <name>ReportUnknownDialog</name>
    <message>
        <location filename="../dialogs/report_unknown.py" line="168"/>
        <location filename="../dialogs/report_unknown.py" line="43"/>
        <source>Report as unidentified</source>
        <translation>Сообщить как неидентифицированное</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="51"/>
        <source>Send this unknown to the shared early-warning register, so that other labs that meet the same spectrum learn it has been seen. &lt;b&gt;Only what is shown below is sent&lt;/b&gt;; the file name, the sample's name and any case or exhibit details stay in this lab.</source>
        <translation>Отправить это неизвестное вещество в общий реестр раннего оповещения, чтобы другие лаборатории, встретив тот же спектр, узнали, что он уже наблюдался. &lt;b&gt;Отправляется только то, что показано ниже&lt;/b&gt;; имя файла, название образца и любые сведения о деле или объекте исследования остаются в лаборатории.</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="59"/>
        <source>e.g. DB-5MS 30 m x 0.25 mm (GC-MS)</source>
        <translation>например, DB-5MS 30 м × 0,25 мм (ГХ-МС)</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="61"/>
        <source>the lab's private key (nps-id library keygen)</source>
        <translation>закрытый ключ лаборатории (nps-id library keygen)</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="62"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="68"/>
        <source>postgresql://… or a register file</source>
        <translation>postgresql://… или файл реестра</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="70"/>
        <source>Lab</source>
        <translation>Лаборатория</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="71"/>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="72"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="73"/>
        <source>GC column</source>
        <translation>Колонка ГХ</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="74"/>
        <source>Signing key</source>
        <translation>Ключ подписи</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="75"/>
        <source>Register</source>
        <translation>Реестр</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="89"/>
        <source>Sign and send</source>
        <translation>Подписать и отправить</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="97"/>
        <source>What will be sent</source>
        <translation>Что будет отправлено</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="122"/>
        <source>(your lab)</source>
        <translation>(ваша лаборатория)</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="131"/>
        <source>Give your lab's name (as registered with the register).</source>
        <translation>Укажите название лаборатории (как оно зарегистрировано в реестре).</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="135"/>
        <source>Give the lab's name, its signing key and the register</source>
        <translation>Укажите название лаборатории, её ключ подписи и реестр</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="144"/>
        <source>The lab's private key</source>
        <translation>Закрытый ключ лаборатории</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="145"/>
        <source>Keys (*.key);;All (*)</source>
        <translation>Ключи (*.key);;Все (*)</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="172"/>
        <source>Signing and sending…</source>
        <translation>Подпись и отправка…</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="180"/>
        <source>✔ Accepted by the register: entry {0} in cluster #{1}. Keep uid {2} to withdraw it.</source>
        <translation>✔ Принято реестром: запись {0} в кластере №{1}. Сохраните uid {2}, чтобы её можно было отозвать.</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="183"/>
        <source>✖ Refused by the register: {0}</source>
        <translation>✖ Отклонено реестром: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="185"/>
        <source>Received (inbox #{0}, uid {1}); the register's service checks the signature and files it.</source>
        <translation>Получено (входящее №{0}, uid {1}); служба реестра проверит подпись и зарегистрирует сообщение.</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="188"/>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <location filename="../dialogs/report_unknown.py" line="192"/>
        <source>✖ Not sent: {0}</source>
        <translation>✖ Не отправлено: {0}</translation>
    </message>
</context><context>
    <name>ResultsView</name>
    <message>
        <location filename="../views/results_view.py" line="272"/>
        <source>No search yet</source>
        <translation>Поиска ещё не было</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="288"/>
        <source>&lt;b&gt;Hits&lt;/b&gt;: the library compounds nearest to the unknown, best first, each by its best-matching spectrum. Each column explains itself: press Shift+F1 (Help ▸ What's This?) and click its header.&lt;br&gt;The list is not the answer: the &lt;b&gt;verdict&lt;/b&gt; above it is. When the verdict is not &lt;i&gt;identified&lt;/i&gt;, the table is headed 'nearest library compounds — not an identification' and its top row is not highlighted.</source>
        <translation>&lt;b&gt;Совпадения&lt;/b&gt;: ближайшие к неизвестному соединения библиотеки, начиная с лучшего, каждое — по его наиболее похожему спектру. Каждый столбец объясняет себя сам: нажмите Shift+F1 (Справка ▸ Что это?) и щёлкните по его заголовку.&lt;br&gt;Ответ — не этот список, а &lt;b&gt;вердикт&lt;/b&gt; над ним. Если вердикт не &lt;i&gt;идентифицировано&lt;/i&gt;, таблица озаглавлена «ближайшие соединения библиотеки — это не идентификация», а её верхняя строка не выделяется.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="294"/>
        <source>&lt;b&gt;Verdict&lt;/b&gt; of the search, from the whole hit list (not from one score):&lt;br&gt;✔ &lt;b&gt;identified&lt;/b&gt; — one library compound fits clearly; the &lt;b&gt;confidence&lt;/b&gt; is the calibrated chance that this is right.&lt;br&gt;⚠ &lt;b&gt;ambiguous&lt;/b&gt; — several candidates (often isomers) the spectrum cannot tell apart; it names them and what would decide: retention index, IR, a reference standard.&lt;br&gt;✖ &lt;b&gt;not in library&lt;/b&gt; — no library compound fits; the hits are only the nearest spectra, and the Analogues tab lists library compounds related by a mass shift.&lt;br&gt;Also shown: the molecular ion (M+•) of an EI spectrum, the predicted class and any precursor alert.</source>
        <translation>&lt;b&gt;Вердикт&lt;/b&gt; поиска — по всему списку совпадений, а не по одной оценке:&lt;br&gt;✔ &lt;b&gt;идентифицировано&lt;/b&gt; — явно подходит одно соединение библиотеки; &lt;b&gt;достоверность&lt;/b&gt; — калиброванная вероятность того, что это верно.&lt;br&gt;⚠ &lt;b&gt;неоднозначно&lt;/b&gt; — несколько кандидатов (часто изомеры), которых спектр не различает; они названы, и указано, что поможет решить: индекс удерживания, ИК-спектр, стандартный образец.&lt;br&gt;✖ &lt;b&gt;нет в библиотеке&lt;/b&gt; — ни одно соединение библиотеки не подходит; совпадения — лишь ближайшие спектры, а вкладка «Аналоги» перечисляет соединения библиотеки, связанные с неизвестным сдвигом массы.&lt;br&gt;Также показаны молекулярный ион (M+•) масс-спектра ЭИ, предсказанный класс и предупреждение о прекурсоре, если оно есть.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="308"/>
        <source>Import library files…</source>
        <translation>Импорт файлов библиотеки…</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="309"/>
        <source>Import MSP / JCAMP-DX reference spectra into the library (Ctrl+I)</source>
        <translation>Импортировать эталонные спектры MSP / JCAMP-DX в библиотеку (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="324"/>
        <source>Hits</source>
        <translation>Совпадения</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="406"/>
        <location filename="../views/results_view.py" line="325"/>
        <source>Analogues</source>
        <translation>Аналоги</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="326"/>
        <source>Library compounds related to the unknown by a mass shift (hybrid search)</source>
        <translation>Соединения библиотеки, связанные с неизвестным сдвигом массы (гибридный поиск)</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="373"/>
        <source>No search yet — press Search (Ctrl+F)</source>
        <translation>Поиска ещё не было — нажмите «Поиск» (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="375"/>
        <source>No hits for {0}</source>
        <translation>Нет совпадений для {0}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="375"/>
        <source>No hits</source>
        <translation>Нет совпадений</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="376"/>
        <source>No hits to compare</source>
        <translation>Нет совпадений для сравнения</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="378"/>
        <source>{0} hits for {1}</source>
        <translation>Совпадений: {0} для {1}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="379"/>
        <source>{0} hits</source>
        <translation>Совпадений: {0}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="381"/>
        <source>{0} nearest library compounds for {1} — not an identification</source>
        <translation>Ближайших соединений библиотеки: {0} для {1} — это не идентификация</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="383"/>
        <source>{0} nearest library compounds — not an identification</source>
        <translation>Ближайших соединений библиотеки: {0} — это не идентификация</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="391"/>
        <source>Note: {0}</source>
        <translation>Примечание: {0}</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="393"/>
        <source>⚠ Isomer ambiguity: {0}. EI spectra of these isomers are nearly identical — confirm with retention index, IR or a reference standard.</source>
        <translation>⚠ Неоднозначность изомеров: {0}. Масс-спектры ЭИ этих изомеров почти одинаковы — подтвердите индексом удерживания, ИК-спектром или стандартным образцом.</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="406"/>
        <source>Analogues ({0})</source>
        <translation>Аналоги ({0})</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="420"/>
        <source>Reference</source>
        <translation>Эталон</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="425"/>
        <source>Reference spectrum not available</source>
        <translation>Эталонный спектр недоступен</translation>
    </message>
</context><context>
    <name>ScoreDialog</name>
    <message>
        <location filename="../quiz/score_dialog.py" line="63"/>
        <source>Score sheet</source>
        <translation>Лист оценок</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="65"/>
        <source>{0}: {1} of {2} points</source>
        <translation>{0}: {1} из {2} баллов</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="70"/>
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="72"/>
        <source>Save report page (PDF)…</source>
        <translation>Сохранить страницу отчёта (PDF)…</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="97"/>
        <source>Export score sheet</source>
        <translation>Экспорт листа оценок</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="102"/>
        <source>Save report page</source>
        <translation>Сохранить страницу отчёта</translation>
    </message>
</context><context>
    <name>ScoreTableModel</name>
    <message>
        <location filename="../quiz/score_dialog.py" line="20"/>
        <source>Exercise</source>
        <translation>Упражнение</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="20"/>
        <source>Your answer</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="20"/>
        <source>Expected</source>
        <translation>Ожидаемый ответ</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="20"/>
        <source>Right</source>
        <translation>Верно</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="21"/>
        <source>Points</source>
        <translation>Баллы</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="39"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="39"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
</context><context>
    <name>SequencePanel</name>
    <message>
        <location filename="../panels/sequence_panel.py" line="84"/>
        <source>No sequence analysed</source>
        <translation>Последовательность не проанализирована</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="90"/>
        <source>Save summary…</source>
        <translation>Сохранить сводку…</translation>
    </message>
</context><context>
    <name>SequenceTableModel</name>
    <message>
        <location filename="../panels/sequence_panel.py" line="17"/>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="18"/>
        <source>Sample</source>
        <translation>Образец</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="19"/>
        <source>Blank</source>
        <translation>Холостая</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="20"/>
        <source>Comps</source>
        <translation>Комп.</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="21"/>
        <source>Targets found</source>
        <translation>Найдено целей</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="22"/>
        <source>Identified</source>
        <translation>Идентифицировано</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="24"/>
        <source>Flags</source>
        <extracomment>Columns after the targets' (a target column is headed by the target's name).</extracomment>
        <translation>Отметки</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="25"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../panels/sequence_panel.py" line="61"/>
        <source>blank</source>
        <translation>холостая</translation>
    </message>
</context><context>
    <name>Session</name>
    <message>
        <location filename="../session.py" line="63"/>
        <source>cannot write the session ({0})</source>
        <translation>не удаётся записать сеанс ({0})</translation>
    </message>
    <message>
        <location filename="../session.py" line="74"/>
        <source>session file not found</source>
        <translation>файл сеанса не найден</translation>
    </message>
    <message>
        <location filename="../session.py" line="80"/>
        <source>written by a newer NPS-ID (session version {0}); update NPS-ID to open it</source>
        <translation>записан более новой версией NPS-ID (версия сеанса {0}); обновите NPS-ID, чтобы открыть его</translation>
    </message>
    <message>
        <location filename="../session.py" line="95"/>
        <source>library {0}: {1}</source>
        <translation>библиотека {0}: {1}</translation>
    </message>
    <message>
        <location filename="../session.py" line="106"/>
        <source>{0}: file not found; left out of the session</source>
        <translation>{0}: файл не найден; в сеанс не включён</translation>
    </message>
    <message>
        <location filename="../session.py" line="132"/>
        <source>Session restored in part</source>
        <translation>Сеанс восстановлен частично</translation>
    </message>
    <message>
        <location filename="../session.py" line="142"/>
        <source>no sample selected: nothing to export</source>
        <translation>образец не выбран: нечего экспортировать</translation>
    </message>
    <message>
        <location filename="../session.py" line="148"/>
        <source>{0} has no results yet: search or analyse it first</source>
        <translation>у {0} ещё нет результатов: сначала выполните поиск или анализ</translation>
    </message>
</context><context>
    <name>SpectrumView</name>
    <message>
        <location filename="../views/spectrum_view.py" line="49"/>
        <source>No spectrum</source>
        <translation>Нет спектра</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="58"/>
        <source>{0} — component at {1} min</source>
        <translation>{0} — компонент при {1} мин</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="61"/>
        <source>{0} — scan at {1} min</source>
        <translation>{0} — скан при {1} мин</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="76"/>
        <source>Relative abundance (%)</source>
        <translation>Отн. интенсивность (%)</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="94"/>
        <source>Before baseline</source>
        <translation>До коррекции базовой линии</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="97"/>
        <source>Fitted baseline</source>
        <translation>Подобранная базовая линия</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="100"/>
        <source>Raw</source>
        <translation>Исходный</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="103"/>
        <source>Spectrum</source>
        <translation>Спектр</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="105"/>
        <source>Baseline-corrected</source>
        <translation>С коррекцией базовой линии</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="105"/>
        <source>Processed</source>
        <translation>Обработанный</translation>
    </message>
    <message>
        <location filename="../views/spectrum_view.py" line="112"/>
        <source>Peaks</source>
        <translation>Пики</translation>
    </message>
</context><context>
    <name>StartQuizDialog</name>
    <message>
        <location filename="../quiz/start_dialog.py" line="11"/>
        <source>Start a quiz</source>
        <translation>Начать тест</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="13"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="19"/>
        <source>Your name, as on the score sheet</source>
        <translation>Ваше имя, как в листе оценок</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="22"/>
        <source>Given by the trainer; empty: answers stay sealed</source>
        <translation>Сообщает преподаватель; если пусто, ответы остаются зашифрованными</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="23"/>
        <source>Library hits and names stay hidden until you commit an answer to an exercise.</source>
        <translation>Совпадения и названия из библиотеки скрыты, пока вы не зафиксируете ответ на упражнение.</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="26"/>
        <source>Workshop pack:</source>
        <translation>Пакет семинара:</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="27"/>
        <source>Trainee:</source>
        <translation>Слушатель:</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="28"/>
        <source>Passphrase:</source>
        <translation>Парольная фраза:</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="37"/>
        <source>Workshop pack folder</source>
        <translation>Папка пакета семинара</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="39"/>
        <source>Workshop pack</source>
        <translation>Пакет семинара</translation>
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="40"/>
        <source>Workshop pack (*.zip)</source>
        <translation>Пакет семинара (*.zip)</translation>
    </message>
</context><context>
    <name>StructureView</name>
    <message>
        <location filename="../views/structure_view.py" line="51"/>
        <source>Select a hit to see
its structure</source>
        <translation>Выберите совпадение,
чтобы увидеть структуру</translation>
    </message>
    <message>
        <location filename="../views/structure_view.py" line="58"/>
        <source>No structure
(no SMILES in the library entry)</source>
        <translation>Нет структуры
(в записи библиотеки нет SMILES)</translation>
    </message>
    <message>
        <location filename="../views/structure_view.py" line="63"/>
        <source>Structure cannot be drawn</source>
        <translation>Структуру не удаётся нарисовать</translation>
    </message>
</context><context>
    <name>TrainerDialog</name>
    <message>
        <location filename="../quiz/trainer_dialog.py" line="25"/>
        <source>Trainer view — all answers</source>
        <translation>Режим преподавателя — все ответы</translation>
    </message>
</context><context>
    <name>Verdict</name>
    <message>
        <location filename="../views/verdict_banner.py" line="30"/>
        <location filename="../views/gcms_view.py" line="185"/>
        <source>✖ not in library</source>
        <translation>✖ нет в библиотеке</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="22"/>
        <source>IDENTIFIED</source>
        <translation>ИДЕНТИФИЦИРОВАНО</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="23"/>
        <source>AMBIGUOUS</source>
        <translation>НЕОДНОЗНАЧНО</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="24"/>
        <source>NOT IN LIBRARY</source>
        <translation>НЕТ В БИБЛИОТЕКЕ</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="25"/>
        <source>NO VERDICT</source>
        <translation>ВЕРДИКТА НЕТ</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="28"/>
        <source>✔ identified</source>
        <extracomment>Short words for tables (GC-MS components); :func:`short` translates them.</extracomment>
        <translation>✔ идентифицировано</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="29"/>
        <source>⚠ ambiguous</source>
        <translation>⚠ неоднозначно</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="79"/>
        <source> and {0} more</source>
        <translation> и ещё {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="119"/>
        <source>{0} {1}: {2} — confidence {3}</source>
        <translation>{0} {1}: {2} — достоверность {3}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="122"/>
        <source>{0} {1}: {2} candidates — confidence in the top one {3}</source>
        <translation>{0} {1}: кандидатов {2} — достоверность первого {3}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="124"/>
        <source>{0} {1}: best fit not conclusive — confidence {2}</source>
        <translation>{0} {1}: лучшее совпадение не окончательно — достоверность {2}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="126"/>
        <source>{0} {1} — confidence in the nearest hit {2}</source>
        <translation>{0} {1} — достоверность ближайшего совпадения {2}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="128"/>
        <source>{0} {1} — confidence {2}</source>
        <translation>{0} {1} — достоверность {2}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="133"/>
        <source>Candidates: {0}</source>
        <translation>Кандидаты: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="136"/>
        <source>To decide: {0}</source>
        <translation>Для решения нужно: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="143"/>
        <source>no molecular ion seen</source>
        <translation>молекулярный ион не виден</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="145"/>
        <source>M+• {0} (confidence {1})</source>
        <translation>M+• {0} (достоверность {1})</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="152"/>
        <source>Class: {0} ({1})</source>
        <translation>Класс: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="154"/>
        <source>Class: {0}</source>
        <translation>Класс: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="155"/>
        <source>no prediction</source>
        <translation>нет предсказания</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="162"/>
        <source> — cannot be predicted from this library: {0}</source>
        <translation> — не предсказываются по этой библиотеке: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="165"/>
        <source>Too few references in this library to learn: {0}</source>
        <translation>Слишком мало эталонов в этой библиотеке, чтобы обучиться: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="169"/>
        <source>a controlled compound</source>
        <translation>контролируемое вещество</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="172"/>
        <source>⚠ Alert: related to {0}</source>
        <translation>⚠ Внимание: родственно — {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="178"/>
        <source>⚗ Mixture: {0} ({1} of the signal explained); the verdict above compares the unknown with pure references</source>
        <translation>⚗ Смесь: {0} (объяснено {1} сигнала); заключение выше сравнивает неизвестный спектр с чистыми веществами</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="183"/>
        <source>⚑ Early warning: {0}</source>
        <translation>⚑ Раннее оповещение: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="191"/>
        <source>seen by {0} labs</source>
        <translation>отмечено лабораториями: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="192"/>
        <source>seen by {0} lab</source>
        <translation>отмечено лабораториями: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="194"/>
        <source>reported so far only by your lab</source>
        <translation>пока сообщено только вашей лабораторией</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="196"/>
        <source>seen by {0} other labs</source>
        <translation>отмечено другими лабораториями: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="197"/>
        <source>seen by {0} other lab</source>
        <translation>отмечено другими лабораториями: {0}</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="198"/>
        <source>{0}{1} since {2} (cluster #{3}, status {4}; match {5})</source>
        <translation>{0}{1} с {2} (кластер №{3}, статус {4}; совпадение {5})</translation>
    </message>
</context><context>
    <name>VerdictBanner</name>
    <message>
        <location filename="../views/verdict_banner.py" line="273"/>
        <source>Class probabilities:</source>
        <translation>Вероятности классов:</translation>
    </message>
    <message>
        <location filename="../views/verdict_banner.py" line="278"/>
        <source>show cluster</source>
        <translation>показать кластер</translation>
    </message>
</context><context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../panels/welcome_panel.py" line="7"/>
        <source>
&lt;p&gt;NPS-ID identifies a sample by comparing its spectrum with &lt;b&gt;reference spectra in a library&lt;/b&gt;.
Your library is empty, so no search can be run yet.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;NPS-ID does not ship reference spectra&lt;/b&gt; — their licences do not allow it. Download the
libraries you are entitled to use and import them:&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;SWGDRUG&lt;/b&gt; Mass Spectral Library — free from swgdrug.org; import it as an &lt;b&gt;MSP&lt;/b&gt; file
(or export it to MSP from NIST MS Search) (EI-MS).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ENFSI DWG / Cayman&lt;/b&gt; libraries — as &lt;b&gt;MSP&lt;/b&gt; (EI-MS) or &lt;b&gt;JCAMP-DX&lt;/b&gt; (IR) files.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;NIST / Wiley&lt;/b&gt; — export from NIST MS Search as &lt;b&gt;MSP&lt;/b&gt; (licensed users).&lt;/li&gt;
&lt;li&gt;Your own IR reference spectra — a &lt;b&gt;folder of JCAMP-DX&lt;/b&gt; (.jdx/.dx), SPC, OPUS or CSV files.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;Select the files or a whole folder and say whether they hold EI mass spectra or IR spectra: NPS-ID
adds the spectra of that technique, lists per file what it added, what the library already held and
what it skipped and why, and keeps the library between sessions.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;NPS-ID идентифицирует образец, сравнивая его спектр с &lt;b&gt;эталонными спектрами библиотеки&lt;/b&gt;.
Ваша библиотека пуста, поэтому поиск пока невозможен.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;NPS-ID не поставляется с эталонными спектрами&lt;/b&gt; — их лицензии этого не допускают. Загрузите
библиотеки, которыми вы вправе пользоваться, и импортируйте их:&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;Библиотека масс-спектров &lt;b&gt;SWGDRUG&lt;/b&gt; — бесплатно на swgdrug.org; импортируйте её как файл &lt;b&gt;MSP&lt;/b&gt;
(или экспортируйте в MSP из NIST MS Search) (ЭИ-МС).&lt;/li&gt;
&lt;li&gt;Библиотеки &lt;b&gt;ENFSI DWG / Cayman&lt;/b&gt; — как файлы &lt;b&gt;MSP&lt;/b&gt; (ЭИ-МС) или &lt;b&gt;JCAMP-DX&lt;/b&gt; (ИК).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;NIST / Wiley&lt;/b&gt; — экспорт из NIST MS Search в &lt;b&gt;MSP&lt;/b&gt; (для лицензированных пользователей).&lt;/li&gt;
&lt;li&gt;Собственные эталонные ИК-спектры — &lt;b&gt;папка файлов JCAMP-DX&lt;/b&gt; (.jdx/.dx), SPC, OPUS или CSV.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;Выберите файлы или целую папку и укажите, масс-спектры ЭИ в них или ИК-спектры: NPS-ID
добавит спектры этого метода, перечислит по каждому файлу, что добавлено, что уже было в библиотеке,
что пропущено и почему, и сохранит библиотеку между сеансами.&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="24"/>
        <source>
&lt;p&gt;Open a spectrum file (MSP, JCAMP-DX, SPC, OMNIC, OPUS, CSV…) or a GC-MS run (Agilent .D folder,
ANDI netCDF, mzML) with &lt;b&gt;Ctrl+O&lt;/b&gt;, or drag it onto this window.&lt;/p&gt;
&lt;p&gt;Then press &lt;b&gt;Ctrl+F&lt;/b&gt; to search the reference library.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;Откройте файл спектра (MSP, JCAMP-DX, SPC, OMNIC, OPUS, CSV…) или прогон ГХ-МС (папка Agilent .D,
ANDI netCDF, mzML) клавишами &lt;b&gt;Ctrl+O&lt;/b&gt; или перетащите его в это окно.&lt;/p&gt;
&lt;p&gt;Затем нажмите &lt;b&gt;Ctrl+F&lt;/b&gt;, чтобы выполнить поиск по библиотеке эталонов.&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="43"/>
        <source>Welcome to NPS-ID</source>
        <translation>Добро пожаловать в NPS-ID</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="45"/>
        <source>Identification of new psychoactive substances and precursors from GC-MS (EI) and IR spectra</source>
        <translation>Идентификация новых психоактивных веществ и прекурсоров по данным ГХ-МС (ЭИ) и ИК-спектрам</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="118"/>
        <location filename="../panels/welcome_panel.py" line="54"/>
        <source>Import library files…</source>
        <translation>Импорт файлов библиотеки…</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="62"/>
        <source>Use another library…</source>
        <translation>Другая библиотека…</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="65"/>
        <source>Open spectrum or run…</source>
        <translation>Открыть спектр или прогон…</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="105"/>
        <source>⚠ The reference library cannot be used</source>
        <translation>⚠ Библиотеку эталонов нельзя использовать</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="109"/>
        <source>Step 1 — import a reference library</source>
        <translation>Шаг 1 — импортируйте библиотеку эталонов</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="112"/>
        <source>Library file: {0}</source>
        <translation>Файл библиотеки: {0}</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="114"/>
        <source>Library ready — {0} reference spectra</source>
        <translation>Библиотека готова — эталонных спектров: {0}</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="117"/>
        <source>Library: {0}</source>
        <translation>Библиотека: {0}</translation>
    </message>
    <message>
        <location filename="../panels/welcome_panel.py" line="119"/>
        <source>Import more library files…</source>
        <translation>Импортировать ещё файлы библиотеки…</translation>
    </message>
</context></TS>
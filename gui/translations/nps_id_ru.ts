<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AnswerForm</name>
    <message>
        <location filename="../quiz/window.py" line="30"/>
        <source>Your answer</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="31"/>
        <source>Compound:</source>
        <translation>Соединение:</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="32"/>
        <source>Class:</source>
        <translation>Класс:</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="33"/>
        <source>Not in the library</source>
        <translation>Нет в библиотеке</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="40"/>
        <source>type a compound name from the library</source>
        <translation>введите название соединения из библиотеки</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="44"/>
        <source>Why? (base peak, molecular ion, bands, retention…)</source>
        <translation>Почему? (основной пик, молекулярный ион, полосы, удерживание…)</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="46"/>
        <source>Commit answer</source>
        <translation>Зафиксировать ответ</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="47"/>
        <source>Fix your answer; the hits and the expected answer are shown then</source>
        <translation>Зафиксировать ответ; после этого будут показаны совпадения и ожидаемый ответ</translation>
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
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="743"/>
        <source>The language changes when NPS-ID is started again.</source>
        <translation>Язык сменится при следующем запуске NPS-ID.</translation>
    </message>
</context><context>
    <name>QuizWindow</name>
    <message>
        <location filename="../quiz/window.py" line="104"/>
        <source>NPS-ID — Quiz</source>
        <translation>NPS-ID — Тест</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="112"/>
        <source>Open a workshop pack (File ▸ Open pack…)</source>
        <translation>Откройте пакет семинара (Файл ▸ Открыть пакет…)</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="117"/>
        <source>Retention time (min)</source>
        <translation>Время удерживания (мин)</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="117"/>
        <source>TIC</source>
        <translation>ПИТ</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="127"/>
        <source>Answer and library hits</source>
        <translation>Ответ и совпадения из библиотеки</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="152"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="153"/>
        <source>&amp;Open pack…</source>
        <translation>&amp;Открыть пакет…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="154"/>
        <source>&amp;Save answer sheet…</source>
        <translation>&amp;Сохранить лист ответов…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="155"/>
        <source>Score &amp;sheet…</source>
        <translation>&amp;Лист оценок…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="156"/>
        <source>&amp;Trainer view…</source>
        <translation>Режим &amp;преподавателя…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="157"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="176"/>
        <source>NPS-ID — Quiz: {0} ({1})</source>
        <translation>NPS-ID — Тест: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="204"/>
        <source>Hint</source>
        <translation>Подсказка</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="206"/>
        <source>points</source>
        <translation>балл.</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="206"/>
        <source>point</source>
        <translation>балл</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="212"/>
        <source>Reading and searching the file…</source>
        <translation>Чтение файла и поиск…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="267"/>
        <location filename="../quiz/window.py" line="239"/>
        <location filename="../quiz/window.py" line="237"/>
        <source>Unknown</source>
        <translation>Неизвестное</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="250"/>
        <source>Right</source>
        <translation>Верно</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="251"/>
        <source>Not right</source>
        <translation>Неверно</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="252"/>
        <source>your answer</source>
        <translation>ваш ответ</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="253"/>
        <source>expected</source>
        <translation>ожидалось</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="257"/>
        <source>Answer committed. The expected answer is sealed: the trainer scores the saved sheet.</source>
        <translation>Ответ зафиксирован. Ожидаемый ответ зашифрован: преподаватель оценит сохранённый лист.</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="260"/>
        <source>exercise {0}</source>
        <translation>упражнение {0}</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="261"/>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="274"/>
        <source>Choose a compound, a class, or 'not in the library' first.</source>
        <translation>Сначала выберите соединение, класс или «нет в библиотеке».</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="304"/>
        <source>Save answer sheet</source>
        <translation>Сохранить лист ответов</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="312"/>
        <source>Trainer view</source>
        <translation>Режим преподавателя</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="312"/>
        <source>Trainer's passphrase:</source>
        <translation>Парольная фраза преподавателя:</translation>
    </message>
    <message>
        <location filename="../quiz/window.py" line="322"/>
        <source>Quiz</source>
        <translation>Тест</translation>
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
    <name>TrainerDialog</name>
    <message>
        <location filename="../quiz/trainer_dialog.py" line="25"/>
        <source>Trainer view — all answers</source>
        <translation>Режим преподавателя — все ответы</translation>
    </message>
</context></TS>
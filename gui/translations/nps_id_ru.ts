<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AnswerForm</name>
    <message>
        <location filename="../quiz/window.py" line="30" />
        <source>Your answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="31" />
        <source>Compound:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="32" />
        <source>Class:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="33" />
        <source>Not in the library</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="40" />
        <source>type a compound name from the library</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="44" />
        <source>Why? (base peak, molecular ion, bands, retention…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="46" />
        <source>Commit answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="47" />
        <source>Fix your answer; the hits and the expected answer are shown then</source>
        <translation type="unfinished" />
    </message>
</context><context>
    <name>HelpWindow</name>
    <message>
        <location filename="../help/window.py" line="55" />
        <source>NPS-ID manual</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../help/window.py" line="63" />
        <source>Contents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../help/window.py" line="65" />
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../help/window.py" line="87" />
        <source>Keyboard shortcuts</source>
        <translation type="unfinished" />
    </message>
</context><context>
    <name>QuizWindow</name>
    <message>
        <location filename="../quiz/window.py" line="104" />
        <source>NPS-ID — Quiz</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="112" />
        <source>Open a workshop pack (File ▸ Open pack…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="117" />
        <source>Retention time (min)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="117" />
        <source>TIC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="127" />
        <source>Answer and library hits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="152" />
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="153" />
        <source>&amp;Open pack…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="154" />
        <source>&amp;Save answer sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="155" />
        <source>Score &amp;sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="156" />
        <source>&amp;Trainer view…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="157" />
        <source>&amp;Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="176" />
        <source>NPS-ID — Quiz: {0} ({1})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="204" />
        <source>Hint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="206" />
        <source>points</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="206" />
        <source>point</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="212" />
        <source>Reading and searching the file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="267" />
        <location filename="../quiz/window.py" line="239" />
        <location filename="../quiz/window.py" line="237" />
        <source>Unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="250" />
        <source>Right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="251" />
        <source>Not right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="252" />
        <source>your answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="253" />
        <source>expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="257" />
        <source>Answer committed. The expected answer is sealed: the trainer scores the saved sheet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="260" />
        <source>exercise {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="261" />
        <source>Searching…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="274" />
        <source>Choose a compound, a class, or 'not in the library' first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="304" />
        <source>Save answer sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="312" />
        <source>Trainer view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="312" />
        <source>Trainer's passphrase:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/window.py" line="322" />
        <source>Quiz</source>
        <translation type="unfinished" />
    </message>
</context><context>
    <name>ScoreDialog</name>
    <message>
        <location filename="../quiz/score_dialog.py" line="63" />
        <source>Score sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="65" />
        <source>{0}: {1} of {2} points</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="70" />
        <source>Export CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="72" />
        <source>Save report page (PDF)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="97" />
        <source>Export score sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="102" />
        <source>Save report page</source>
        <translation type="unfinished" />
    </message>
</context><context>
    <name>ScoreTableModel</name>
    <message>
        <location filename="../quiz/score_dialog.py" line="20" />
        <source>Exercise</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="20" />
        <source>Your answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="20" />
        <source>Expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="20" />
        <source>Right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="21" />
        <source>Points</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="39" />
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/score_dialog.py" line="39" />
        <source>no</source>
        <translation type="unfinished" />
    </message>
</context><context>
    <name>StartQuizDialog</name>
    <message>
        <location filename="../quiz/start_dialog.py" line="11" />
        <source>Start a quiz</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="13" />
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="19" />
        <source>Your name, as on the score sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="22" />
        <source>Given by the trainer; empty: answers stay sealed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="23" />
        <source>Library hits and names stay hidden until you commit an answer to an exercise.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="26" />
        <source>Workshop pack:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="27" />
        <source>Trainee:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="28" />
        <source>Passphrase:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="37" />
        <source>Workshop pack folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="39" />
        <source>Workshop pack</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../quiz/start_dialog.py" line="40" />
        <source>Workshop pack (*.zip)</source>
        <translation type="unfinished" />
    </message>
</context><context>
    <name>TrainerDialog</name>
    <message>
        <location filename="../quiz/trainer_dialog.py" line="25" />
        <source>Trainer view — all answers</source>
        <translation type="unfinished" />
    </message>
</context></TS>

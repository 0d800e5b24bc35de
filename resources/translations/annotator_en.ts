<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>Transfer</name>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>about %n second left</numerusform>
            <numerusform>about %n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>about %n minute left</numerusform>
            <numerusform>about %n minutes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new document(s).</source>
        <translation>
            <numerusform>Imported %n new document.</numerusform>
            <numerusform>Imported %n new documents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n span(s) in all.</source>
        <translation>
            <numerusform>Added %n span in all.</numerusform>
            <numerusform>Added %n spans in all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) already there got new annotations or a status.</source>
        <translation>
            <numerusform>%n document already there got new annotations or a status.</numerusform>
            <numerusform>%n documents already there got new annotations or a status.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) already there unchanged.</source>
        <translation>
            <numerusform>%n document already there unchanged.</numerusform>
            <numerusform>%n documents already there unchanged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) replaced (a new text, no annotations yet).</source>
        <translation>
            <numerusform>%n document replaced (a new text, no annotations yet).</numerusform>
            <numerusform>%n documents replaced (a new text, no annotations yet).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) differ from the stored ones; the stored ones were kept.</source>
        <translation>
            <numerusform>%n annotation differ from the stored ones; the stored ones were kept.</numerusform>
            <numerusform>%n annotations differ from the stored ones; the stored ones were kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped.</source>
        <translation>
            <numerusform>%n skipped.</numerusform>
            <numerusform>%n skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) to %1</source>
        <translation>
            <numerusform>Exported %n document to %1</numerusform>
            <numerusform>Exported %n documents to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n relation(s)</source>
        <translation>
            <numerusform>%n relation</numerusform>
            <numerusform>%n relations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>%n sentence</numerusform>
            <numerusform>%n sentences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
</context>
<context>
    <name>Gestures</name>
    <message numerus="yes">
        <source>Labelled %n more occurrence(s) of %1 as %2 (Ctrl+Z undoes this).</source>
        <translation>
            <numerusform>Labelled %n more occurrence of %1 as %2 (Ctrl+Z undoes this).</numerusform>
            <numerusform>Labelled %n more occurrences of %1 as %2 (Ctrl+Z undoes this).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelled %n occurrence(s) as %1 in %2 document(s) (Ctrl+Z undoes this).</source>
        <translation>
            <numerusform>Labelled %n occurrence as %1 in %2 document(s) (Ctrl+Z undoes this).</numerusform>
            <numerusform>Labelled %n occurrences as %1 in %2 document(s) (Ctrl+Z undoes this).</numerusform>
        </translation>
    </message>
</context>
</TS>
<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>AsOfDialog</name>
    <message numerus="yes">
        <source>%n profile field(s) changed</source>
        <translation><numerusform>%n profile field changed</numerusform><numerusform>%n profile fields changed</numerusform></translation>
    </message>
    </context>
<context>
    <name>AuditLog</name>
    <message numerus="yes">
        <source>Added %n child(ren)</source>
        <extracomment>A batch without a note, described by what all of its changes did ("Deleted 3 words"); real plural forms.</extracomment>
        <translation><numerusform>Added %n child</numerusform><numerusform>Added %n children</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Added %n word(s)</source>
        <translation><numerusform>Added %n word</numerusform><numerusform>Added %n words</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Added %n grammar point(s)</source>
        <translation><numerusform>Added %n grammar point</numerusform><numerusform>Added %n grammar points</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Added %n card(s)</source>
        <translation><numerusform>Added %n card</numerusform><numerusform>Added %n cards</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Added %n chat message(s)</source>
        <translation><numerusform>Added %n chat message</numerusform><numerusform>Added %n chat messages</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Changed %n child(ren)</source>
        <translation><numerusform>Changed %n child</numerusform><numerusform>Changed %n children</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Changed %n word(s)</source>
        <translation><numerusform>Changed %n word</numerusform><numerusform>Changed %n words</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Changed %n grammar point(s)</source>
        <translation><numerusform>Changed %n grammar point</numerusform><numerusform>Changed %n grammar points</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Changed %n card(s)</source>
        <translation><numerusform>Changed %n card</numerusform><numerusform>Changed %n cards</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Changed %n chat message(s)</source>
        <translation><numerusform>Changed %n chat message</numerusform><numerusform>Changed %n chat messages</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n child(ren)</source>
        <translation><numerusform>Deleted %n child</numerusform><numerusform>Deleted %n children</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n word(s)</source>
        <translation><numerusform>Deleted %n word</numerusform><numerusform>Deleted %n words</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n grammar point(s)</source>
        <translation><numerusform>Deleted %n grammar point</numerusform><numerusform>Deleted %n grammar points</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n card(s)</source>
        <translation><numerusform>Deleted %n card</numerusform><numerusform>Deleted %n cards</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n chat message(s)</source>
        <translation><numerusform>Deleted %n chat message</numerusform><numerusform>Deleted %n chat messages</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made together</source>
        <translation><numerusform>%n change made together</numerusform><numerusform>%n changes made together</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation><numerusform>%n change</numerusform><numerusform>%n changes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n child(ren)</source>
        <translation><numerusform>%n child</numerusform><numerusform>%n children</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n Chinese word(s)</source>
        <translation><numerusform>%n Chinese word</numerusform><numerusform>%n Chinese words</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n English word(s)</source>
        <translation><numerusform>%n English word</numerusform><numerusform>%n English words</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation><numerusform>%n word</numerusform><numerusform>%n words</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n grammar point(s)</source>
        <translation><numerusform>%n grammar point</numerusform><numerusform>%n grammar points</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation><numerusform>%n card</numerusform><numerusform>%n cards</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n chat message(s)</source>
        <translation><numerusform>%n chat message</numerusform><numerusform>%n chat messages</numerusform></translation>
    </message>
    </context>
<context>
    <name>AuditLogViewer</name>
    <message numerus="yes">
        <source>%Ln change(s) [matches|match]</source>
        <translation><numerusform>%Ln change matches</numerusform><numerusform>%Ln changes match</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n change(s) reversed. The undo is in the log too, so it can be undone as well.</source>
        <translation><numerusform>Undone: %n change reversed. The undo is in the log too, so it can be undone as well.</numerusform><numerusform>Undone: %n changes reversed. The undo is in the log too, so it can be undone as well.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s) exported to {file}</source>
        <translation><numerusform>%Ln change exported to {file}</numerusform><numerusform>%Ln changes exported to {file}</numerusform></translation>
    </message>
</context>
</TS>
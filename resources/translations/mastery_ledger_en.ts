<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>WordsChart</name>
    <message numerus="yes">
        <source>Imported from the old app on {date}: %n word(s)</source>
        <extracomment>The label of a migration's step: its day and how many words it brought (a real plural form).</extracomment>
        <translation><numerusform>Imported from the old app on {date}: %n word</numerusform><numerusform>Imported from the old app on {date}: %n words</numerusform></translation>
    </message>
</context>
</TS>
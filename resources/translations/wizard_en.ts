<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>CheckPage</name>
    <message numerus="yes">
        <source>%Ln repeated word(s) [is|are] counted once.</source>
        <translation><numerusform>%Ln repeated word is counted once.</numerusform><numerusform>%Ln repeated words are counted once.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n secret value(s) such as an API key [was|were] found; [it is|they are] dropped and never copied.</source>
        <translation><numerusform>%n secret value such as an API key was found; it is dropped and never copied.</numerusform><numerusform>%n secret values such as an API key were found; they are dropped and never copied.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Skip what cannot be read (%n problem(s) marked Error) and move everything else</source>
        <translation><numerusform>&amp;Skip what cannot be read (%n problem marked Error) and move everything else</numerusform><numerusform>&amp;Skip what cannot be read (%n problems marked Error) and move everything else</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) marked Error must be fixed in the old files before the records can be moved — or tick “Skip what cannot be read” to move everything else. Next stays disabled until then. Nothing has been written.</source>
        <translation><numerusform>%n problem marked Error must be fixed in the old files before the records can be moved — or tick “Skip what cannot be read” to move everything else. Next stays disabled until then. Nothing has been written.</numerusform><numerusform>%n problems marked Error must be fixed in the old files before the records can be moved — or tick “Skip what cannot be read” to move everything else. Next stays disabled until then. Nothing has been written.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Already imported before — %Ln new record(s) will be added; the {already} already in the database are left as they are.</source>
        <translation><numerusform>Already imported before — %Ln new record will be added; the {already} already in the database are left as they are.</numerusform><numerusform>Already imported before — %Ln new records will be added; the {already} already in the database are left as they are.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Everything can be moved: %Ln record(s).</source>
        <translation><numerusform>Everything can be moved: %Ln record.</numerusform><numerusform>Everything can be moved: %Ln records.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) that cannot be read will be skipped; [it stays|they stay] in the old files.</source>
        <translation><numerusform>%Ln record that cannot be read will be skipped; it stays in the old files.</numerusform><numerusform>%Ln records that cannot be read will be skipped; they stay in the old files.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) saved to {path}.</source>
        <translation><numerusform>%n problem saved to {path}.</numerusform><numerusform>%n problems saved to {path}.</numerusform></translation>
    </message>
</context>
<context>
    <name>MigrationTexts</name>
    <message numerus="yes">
        <source>%n object(s) inside records of {file} [repeats|repeat] a key; as in the old app, only the last value of each is kept.</source>
        <translation><numerusform>%n object inside records of {file} repeats a key; as in the old app, only the last value of each is kept.</numerusform><numerusform>%n objects inside records of {file} repeat a key; as in the old app, only the last value of each is kept.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The list {field} of {record} in {file} holds %n item(s) that [is|are] not text; [it is|they are] kept as [it is|they are].</source>
        <translation><numerusform>The list {field} of {record} in {file} holds %n item that is not text; it is kept as it is.</numerusform><numerusform>The list {field} of {record} in {file} holds %n items that are not text; they are kept as they are.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The list {field} of {record} in {file} holds %n empty item(s); [it was|they were] left out.</source>
        <translation><numerusform>The list {field} of {record} in {file} holds %n empty item; it was left out.</numerusform><numerusform>The list {field} of {record} in {file} holds %n empty items; they were left out.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{what} of {record}: %n [repetition was|repetitions were] dropped (each word is kept once).</source>
        <translation><numerusform>{what} of {record}: %n repetition was dropped (each word is kept once).</numerusform><numerusform>{what} of {record}: %n repetitions were dropped (each word is kept once).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{what} of {record}: %n [looks|look] unusual and may need cleaning later (for example "{example}" {reason}). [It is|They are] kept exactly as [it is|they are].</source>
        <translation><numerusform>{what} of {record}: %n looks unusual and may need cleaning later (for example "{example}" {reason}). It is kept exactly as it is.</numerusform><numerusform>{what} of {record}: %n look unusual and may need cleaning later (for example "{example}" {reason}). They are kept exactly as they are.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) in {file} [does|do] not say which child [it belongs|they belong] to. Choose the child [it goes|they go] to.</source>
        <translation><numerusform>%n card in {file} does not say which child it belongs to. Choose the child it goes to.</numerusform><numerusform>%n cards in {file} do not say which child they belong to. Choose the child they go to.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) in {file} [has|have] no card type ({records}); [it is|they are] kept with the type "unknown".</source>
        <translation><numerusform>%n card in {file} has no card type ({records}); it is kept with the type "unknown".</numerusform><numerusform>%n cards in {file} have no card type ({records}); they are kept with the type "unknown".</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) in {file} [has|have] a card type this app does not know ({types}); [it is|they are] kept as [it is|they are].</source>
        <translation><numerusform>%n card in {file} has a card type this app does not know ({types}); it is kept as it is.</numerusform><numerusform>%n cards in {file} have a card type this app does not know ({types}); they are kept as they are.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) in {file} [has|have] no id ({records}); a later import recognises [it|them] by [its|their] contents.</source>
        <translation><numerusform>%n record in {file} has no id ({records}); a later import recognises it by its contents.</numerusform><numerusform>%n records in {file} have no id ({records}); a later import recognises them by their contents.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n time(s) in {file} [has|have] no time zone; [it was|they were] read as {zone} time.</source>
        <translation><numerusform>%n time in {file} has no time zone; it was read as {zone} time.</numerusform><numerusform>%n times in {file} have no time zone; they were read as {zone} time.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) in {file} [mentions|mention] a child who is not in the profiles file (for example "{example}").</source>
        <translation><numerusform>%n message in {file} mentions a child who is not in the profiles file (for example "{example}").</numerusform><numerusform>%n messages in {file} mention a child who is not in the profiles file (for example "{example}").</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) in {file} [mentions|mention] more than one child ({records}); each goes with the first child it mentions.</source>
        <translation><numerusform>%n message in {file} mentions more than one child ({records}); each goes with the first child it mentions.</numerusform><numerusform>%n messages in {file} mention more than one child ({records}); each goes with the first child it mentions.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n chat message(s) in {file} [does|do] not say which child [it belongs|they belong] to ({records}). Choose the child [it goes|they go] to.</source>
        <translation><numerusform>%n chat message in {file} does not say which child it belongs to ({records}). Choose the child it goes to.</numerusform><numerusform>%n chat messages in {file} do not say which child they belong to ({records}). Choose the child they go to.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n secret value(s) such as an API key ({fields}) [was|were] found in {file}. [It|They] will not be copied anywhere.</source>
        <translation><numerusform>%n secret value such as an API key ({fields}) was found in {file}. It will not be copied anywhere.</numerusform><numerusform>%n secret values such as an API key ({fields}) were found in {file}. They will not be copied anywhere.</numerusform></translation>
    </message>
    </context>
<context>
    <name>ProblemsModel</name>
    <message numerus="yes">
        <source>… and %n more like this (open the line to see [it|them]).</source>
        <translation><numerusform>… and %n more like this (open the line to see it).</numerusform><numerusform>… and %n more like this (open the line to see them).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation><numerusform>%n record</numerusform><numerusform>%n records</numerusform></translation>
    </message>
</context>
<context>
    <name>ReadyPage</name>
    <message numerus="yes">
        <source>These files were imported before. Already imported — %Ln new record(s) will be added; nothing already in the database is changed.</source>
        <translation><numerusform>These files were imported before. Already imported — %Ln new record will be added; nothing already in the database is changed.</numerusform><numerusform>These files were imported before. Already imported — %Ln new records will be added; nothing already in the database is changed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) will be added.</source>
        <translation><numerusform>%Ln record will be added.</numerusform><numerusform>%Ln records will be added.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) that cannot be read [is|are] skipped ([it stays|they stay] in the old files).</source>
        <translation><numerusform>%Ln record that cannot be read is skipped (it stays in the old files).</numerusform><numerusform>%Ln records that cannot be read are skipped (they stay in the old files).</numerusform></translation>
    </message>
    </context>
</TS>
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
    <name>DonePage</name>
    <message numerus="yes">
        <source>%Ln record(s) differ from the old files; the first ones:</source>
        <translation><numerusform>%Ln record differ from the old files; the first ones:</numerusform><numerusform>%Ln records differ from the old files; the first ones:</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) were told apart from what is already in the database (the same old id with different content — “same old id, different content” — or an id another child has) and were added as new records:</source>
        <translation><numerusform>%Ln record were told apart from what is already in the database (the same old id with different content — “same old id, different content” — or an id another child has) and were added as new records:</numerusform><numerusform>%Ln records were told apart from what is already in the database (the same old id with different content — “same old id, different content” — or an id another child has) and were added as new records:</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln different</source>
        <translation><numerusform>%Ln different</numerusform><numerusform>%Ln different</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>identical; %Ln kept as changed in the app</source>
        <translation><numerusform>identical; %Ln kept as changed in the app</numerusform><numerusform>identical; %Ln kept as changed in the app</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Every record of the old files was compared with its row in the database: {identical} of %Ln record(s) identical.</source>
        <translation><numerusform>Every record of the old files was compared with its row in the database: {identical} of %Ln record identical.</numerusform><numerusform>Every record of the old files was compared with its row in the database: {identical} of %Ln records identical.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) imported before and changed or removed in the app since were left as they are now.</source>
        <translation><numerusform>%Ln record imported before and changed or removed in the app since were left as they are now.</numerusform><numerusform>%Ln records imported before and changed or removed in the app since were left as they are now.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>This migration was undone: the database is back as it was before it, without the %Ln record(s) the migration had added.</source>
        <translation><numerusform>This migration was undone: the database is back as it was before it, without the %Ln record the migration had added.</numerusform><numerusform>This migration was undone: the database is back as it was before it, without the %Ln records the migration had added.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Everything was moved and checked record by record: nothing was lost. This migration added %Ln record(s).</source>
        <translation><numerusform>Everything was moved and checked record by record: nothing was lost. This migration added %Ln record.</numerusform><numerusform>Everything was moved and checked record by record: nothing was lost. This migration added %Ln records.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Put the database back as it was just before this migration? The %Ln record(s) it added are removed again. Anything changed in the app since the migration is lost too — but the database as it is now is backed up first, so nothing is thrown away.</source>
        <translation><numerusform>Put the database back as it was just before this migration? The %Ln record it added are removed again. Anything changed in the app since the migration is lost too — but the database as it is now is backed up first, so nothing is thrown away.</numerusform><numerusform>Put the database back as it was just before this migration? The %Ln records it added are removed again. Anything changed in the app since the migration is lost too — but the database as it is now is backed up first, so nothing is thrown away.</numerusform></translation>
    </message>
    </context>
<context>
    <name>MigratePage</name>
    <message numerus="yes">
        <source>{done} of %Ln record(s) written</source>
        <translation><numerusform>{done} of %Ln record written</numerusform><numerusform>{done} of %Ln records written</numerusform></translation>
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
        <source>{what} of {record}: %n [contains|contain] HTML markup left over from the old app ({examples}). [It is|They are] kept as [it is|they are]; clean [it|them] in the app if needed.</source>
        <translation><numerusform>{what} of {record}: %n contains HTML markup left over from the old app ({examples}). It is kept as it is; clean it in the app if needed.</numerusform><numerusform>{what} of {record}: %n contain HTML markup left over from the old app ({examples}). They are kept as they are; clean them in the app if needed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{what} of {record}: %n held a non-breaking space, normalised to a plain space ({examples}).</source>
        <translation><numerusform>{what} of {record}: %n held a non-breaking space, normalised to a plain space ({examples}).</numerusform><numerusform>{what} of {record}: %n held a non-breaking space, normalised to a plain space ({examples}).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{what} of {record}: %n [contains|contain] underscores or unusual characters ({examples}). [It is|They are] kept as [it is|they are]; clean [it|them] in the app if needed.</source>
        <translation><numerusform>{what} of {record}: %n contains underscores or unusual characters ({examples}). It is kept as it is; clean it in the app if needed.</numerusform><numerusform>{what} of {record}: %n contain underscores or unusual characters ({examples}). They are kept as they are; clean them in the app if needed.</numerusform></translation>
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
        <source>%n card(s) in {file} [has|have] a status this app does not offer ({statuses}); [it is|they are] kept as [it is|they are].</source>
        <translation><numerusform>%n card in {file} has a status this app does not offer ({statuses}); it is kept as it is.</numerusform><numerusform>%n cards in {file} have a status this app does not offer ({statuses}); they are kept as they are.</numerusform></translation>
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
        <source>%n secret value(s) such as an API key or a password [was|were] found in {file} under {fields}. [It was|They were] left out: [it is|they are] not copied into the database, the audit log, backups, exports or this report.</source>
        <translation><numerusform>%n secret value such as an API key or a password was found in {file} under {fields}. It was left out: it is not copied into the database, the audit log, backups, exports or this report.</numerusform><numerusform>%n secret values such as an API key or a password were found in {file} under {fields}. They were left out: they are not copied into the database, the audit log, backups, exports or this report.</numerusform></translation>
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
<context>
    <name>WordsChart</name>
    <message numerus="yes">
        <source>Imported from the old app on {date}: %n word(s)</source>
        <translation><numerusform>Imported from the old app on {date}: %n word</numerusform><numerusform>Imported from the old app on {date}: %n words</numerusform></translation>
    </message>
</context>
</TS>
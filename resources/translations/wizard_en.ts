<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DonePage</name>
    <message numerus="yes">
        <source>%Ln record(s) differ from the old files; the first ones:</source>
        <translation>
            <numerusform>%Ln record differs from the old files:</numerusform>
            <numerusform>%Ln records differ from the old files; the first ones:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) were told apart from what is already in the database (the same old id with different content — “same old id, different content” — or an id another child has) and were added as new records:</source>
        <translation>
            <numerusform>%Ln record was told apart from what is already in the database (the same old id with different content — “same old id, different content” — or an id another child has) and was added as a new record:</numerusform>
            <numerusform>%Ln records were told apart from what is already in the database (the same old id with different content — “same old id, different content” — or an id another child has) and were added as new records:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln different</source>
        <translation>
            <numerusform>%Ln different</numerusform>
            <numerusform>%Ln different</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>identical; %Ln kept as changed in the app</source>
        <translation>
            <numerusform>identical; %Ln kept as changed in the app</numerusform>
            <numerusform>identical; %Ln kept as changed in the app</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every record of the old files was compared with its row in the database: {identical} of %Ln record(s) identical.</source>
        <translation>
            <numerusform>Every record of the old files was compared with its row in the database: {identical} of %Ln record identical.</numerusform>
            <numerusform>Every record of the old files was compared with its row in the database: {identical} of %Ln records identical.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) imported before and changed or removed in the app since were left as they are now.</source>
        <translation>
            <numerusform>%Ln record imported before and changed or removed in the app since was left as it is now.</numerusform>
            <numerusform>%Ln records imported before and changed or removed in the app since were left as they are now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This migration was undone: the database is back as it was before it, without the %Ln record(s) the migration had added.</source>
        <translation>
            <numerusform>This migration was undone: the database is back as it was before it, without the record the migration had added.</numerusform>
            <numerusform>This migration was undone: the database is back as it was before it, without the %Ln records the migration had added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everything was moved and checked record by record: nothing was lost. This migration added %Ln record(s).</source>
        <translation>
            <numerusform>Everything was moved and checked record by record: nothing was lost. This migration added %Ln record.</numerusform>
            <numerusform>Everything was moved and checked record by record: nothing was lost. This migration added %Ln records.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put the database back as it was just before this migration? The %Ln record(s) it added are removed again. Anything changed in the app since the migration is lost too — but the database as it is now is backed up first, so nothing is thrown away.</source>
        <translation>
            <numerusform>Put the database back as it was just before this migration? The record it added is removed again. Anything changed in the app since the migration is lost too — but the database as it is now is backed up first, so nothing is thrown away.</numerusform>
            <numerusform>Put the database back as it was just before this migration? The %Ln records it added are removed again. Anything changed in the app since the migration is lost too — but the database as it is now is backed up first, so nothing is thrown away.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigratePage</name>
    <message numerus="yes">
        <source>{done} of %Ln record(s) written</source>
        <translation>
            <numerusform>{done} of %Ln record written</numerusform>
            <numerusform>{done} of %Ln records written</numerusform>
        </translation>
    </message>
</context>
</TS>

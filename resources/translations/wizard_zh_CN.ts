<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckPage</name>
    <message>
        <source>China (Beijing time)</source>
        <extracomment>Errors that a choice of profile answers (not &quot;skip&quot;: skipping would leave the cards behind). (zone, what it is) offered in the time-zone box; the computer&apos;s own zone is added first.</extracomment>
        <translation>中国（北京时间）</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>中国香港</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>中国台湾</translation>
    </message>
    <message>
        <source>Singapore, Malaysia</source>
        <translation>新加坡、马来西亚</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>Korea</source>
        <translation>韩国</translation>
    </message>
    <message>
        <source>India</source>
        <translation>印度</translation>
    </message>
    <message>
        <source>United Kingdom, Ireland</source>
        <translation>英国、爱尔兰</translation>
    </message>
    <message>
        <source>Central Europe</source>
        <translation>中欧</translation>
    </message>
    <message>
        <source>US and Canada, Eastern</source>
        <translation>美国和加拿大东部</translation>
    </message>
    <message>
        <source>US and Canada, Central</source>
        <translation>美国和加拿大中部</translation>
    </message>
    <message>
        <source>US and Canada, Mountain</source>
        <translation>美国和加拿大山地时间</translation>
    </message>
    <message>
        <source>US and Canada, Pacific</source>
        <translation>美国和加拿大太平洋时间</translation>
    </message>
    <message>
        <source>Australia, Eastern</source>
        <translation>澳大利亚东部</translation>
    </message>
    <message>
        <source>Universal time</source>
        <translation>世界标准时间</translation>
    </message>
    <message>
        <source>UTC+8, no daylight saving</source>
        <translation>UTC+8，无夏令时</translation>
    </message>
    <message>
        <source>Checking the old files</source>
        <translation>检查旧文件</translation>
    </message>
    <message>
        <source>Nothing is written yet. The files are read and compared with the database.</source>
        <translation>现在还不会写入任何内容。只是读取这些文件，并与数据库对比。</translation>
    </message>
    <message>
        <source>Found in the old files</source>
        <translation>旧文件中找到的内容</translation>
    </message>
    <message>
        <source>A few questions</source>
        <translation>几个问题</translation>
    </message>
    <message>
        <source>&amp;Time zone of the old times:</source>
        <translation>旧记录的时区(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Problems:</source>
        <translation>发现的问题(&amp;P)：</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>这台电脑</translation>
    </message>
    <message>
        <source>Choose a child…</source>
        <translation>请选择孩子…</translation>
    </message>
    <message>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>This is not a time zone this app knows. Choose one from the list, or type an offset such as +08:00.</source>
        <translation>这不是本软件认识的时区。请从列表中选择，或输入时差，例如 +08:00。</translation>
    </message>
    <message>
        <source>Some times in the old files say no time zone. They are read in this one (normally this computer&apos;s). Type a name or an offset such as +08:00.</source>
        <translation>旧文件中有些时间没有注明时区，将按这里的时区读取（通常就是这台电脑的时区）。也可以输入时区名称或时差，例如 +08:00。</translation>
    </message>
    <message>
        <source>The files could not be read: {reason}</source>
        <translation>无法读取这些文件：{reason}</translation>
    </message>
    <message>
        <source>Please choose, under “A few questions”, which child the cards belong to. Next stays disabled until then.</source>
        <translation>请在“几个问题”中选择这些卡片属于哪个孩子。选好之前，“下一步”按钮不可用。</translation>
    </message>
    <message>
        <source>Please choose a time zone from the list.</source>
        <translation>请从列表中选择一个时区。</translation>
    </message>
    <message>
        <source>Already imported — 0 new records. Everything in these files is already in the database.</source>
        <translation>已经导入过了——没有新记录（0 条）。这些文件中的所有内容都已在数据库中。</translation>
    </message>
    <message>
        <source>migration-problems.csv</source>
        <translation>迁移问题.csv</translation>
    </message>
    <message>
        <source>Export the problems</source>
        <translation>导出问题列表</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
    <message>
        <source>&amp;Cards and unattributed chat belong to:</source>
        <translation>卡片和未注明孩子的聊天属于(&amp;C)：</translation>
    </message>
    <message>
        <source>The old app did not record whose cards these are, nor who some chat messages were about. Choose the child they all go to.</source>
        <translation>旧软件没有记录这些卡片属于哪个孩子，也没有记录部分聊天消息是关于谁的。请选择它们全部归入的孩子。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln repeated word(s) [is|are] counted once.</source>
        <translation>
            <numerusform>有 %Ln 个重复的词，每个只算一次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secret value(s) such as an API key [was|were] found; [it is|they are] dropped and never copied.</source>
        <translation>
            <numerusform>发现了 %n 个 API 密钥之类的机密信息；它们会被丢弃，不会被复制到任何地方。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Skip what cannot be read (%n problem(s) marked Error) and move everything else</source>
        <translation>
            <numerusform>跳过无法读取的内容（%n 个标为“错误”的问题），其余全部迁移(&amp;S)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) marked Error must be fixed in the old files before the records can be moved — or tick “Skip what cannot be read” to move everything else. Next stays disabled until then. Nothing has been written.</source>
        <translation>
            <numerusform>有 %n 个标为“错误”的问题，需要先在旧文件中修正才能迁移——或者勾选“跳过无法读取的内容”，迁移其余所有内容。在此之前，“下一步”按钮不可用。目前没有写入任何内容。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Already imported before — %Ln new record(s) will be added; the {already} already in the database are left as they are.</source>
        <translation>
            <numerusform>这些文件以前已经导入过——将新增 %Ln 条记录；数据库中已有的 {already} 条保持不变。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everything can be moved: %Ln record(s).</source>
        <translation>
            <numerusform>所有内容都可以迁移：共 %Ln 条记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) that cannot be read will be skipped; [it stays|they stay] in the old files.</source>
        <translation>
            <numerusform>将跳过 %Ln 条无法读取的记录；它们仍保留在旧文件中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) saved to {path}.</source>
        <translation>
            <numerusform>已将 %n 个问题保存到 {path}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Every record was compared with the old files.</source>
        <translation>每一条记录都已与旧文件逐一核对。</translation>
    </message>
    <message>
        <source>Kind of record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>In the old files</source>
        <translation>旧文件中</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Open the records</source>
        <translation>打开记录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Undo this migration</source>
        <translation>撤销这次迁移(&amp;U)</translation>
    </message>
    <message>
        <source>A copy of the old files is kept in {path}</source>
        <translation>旧文件的副本保存在 {path}</translation>
    </message>
    <message>
        <source>The database as it was before is saved in {path}</source>
        <translation>迁移前的数据库保存在 {path}</translation>
    </message>
    <message>
        <source>No database backup is available to go back to.</source>
        <translation>没有可以恢复的数据库备份。</translation>
    </message>
    <message>
        <source>Some records did not match the old files after writing, so nothing was kept: the database is as it was. The differences are listed below; please save the report and ask whoever looks after the app.</source>
        <translation>写入后有些记录与旧文件不一致，因此没有保留任何内容：数据库保持原样。下面列出了不一致之处；请保存报告，并请负责维护本软件的人帮忙查看。</translation>
    </message>
    <message>
        <source>Some records differ from the old files. The differences are listed below.</source>
        <translation>有些记录与旧文件不一致。下面列出了不一致之处。</translation>
    </message>
    <message>
        <source>Undoing the migration…</source>
        <translation>正在撤销迁移…</translation>
    </message>
    <message>
        <source>migration-report.json</source>
        <translation>迁移报告.json</translation>
    </message>
    <message>
        <source>Save the migration report</source>
        <translation>保存迁移报告</translation>
    </message>
    <message>
        <source>Reports (*.json)</source>
        <translation>报告 (*.json)</translation>
    </message>
    <message>
        <source>The report could not be written: {reason}</source>
        <translation>无法写入报告：{reason}</translation>
    </message>
    <message>
        <source>The report was saved to {path}.</source>
        <translation>报告已保存到 {path}。</translation>
    </message>
    <message>
        <source>Undo this migration</source>
        <translation>撤销这次迁移</translation>
    </message>
    <message>
        <source>&amp;Undo the migration</source>
        <translation>撤销迁移(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keep the records</source>
        <translation>保留记录(&amp;K)</translation>
    </message>
    <message>
        <source>The migration was undone: the database is back as it was before it.</source>
        <translation>迁移已撤销：数据库已恢复到迁移之前的样子。</translation>
    </message>
    <message>
        <source>The database with the migrated records was saved first in {path}.</source>
        <translation>包含迁移记录的数据库已先保存在 {path}。</translation>
    </message>
    <message>
        <source>The migration could not be undone: {reason}</source>
        <translation>无法撤销迁移：{reason}</translation>
    </message>
    <message>
        <source>Added now</source>
        <translation>本次新增</translation>
    </message>
    <message>
        <source>Identical in the database</source>
        <translation>数据库中完全相同</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) differ from the old files; the first ones:</source>
        <translation>
            <numerusform>%Ln 条记录与旧文件不同，前几条如下：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) were told apart from what is already in the database (the same old id with different content — “same old id, different content” — or an id another child has) and were added as new records:</source>
        <translation>
            <numerusform>%Ln 条记录与数据库中已有的记录不是同一条（旧编号相同但内容不同——“旧编号相同，内容不同”——或编号已被另一个孩子使用），已作为新记录添加：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln different</source>
        <translation>
            <numerusform>%Ln 条不同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>identical; %Ln kept as changed in the app</source>
        <translation>
            <numerusform>完全相同；%Ln 条保留软件中修改后的样子</numerusform>
        </translation>
    </message>
    <message>
        <source>identical</source>
        <translation>完全相同</translation>
    </message>
    <message numerus="yes">
        <source>Every record of the old files was compared with its row in the database: {identical} of %Ln record(s) identical.</source>
        <translation>
            <numerusform>旧文件中的每条记录都已与数据库中对应的记录逐条比较：%Ln 条中有 {identical} 条完全相同。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) imported before and changed or removed in the app since were left as they are now.</source>
        <translation>
            <numerusform>%Ln 条以前导入、之后在软件中修改或删除过的记录保持现在的样子。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This migration was undone: the database is back as it was before it, without the %Ln record(s) the migration had added.</source>
        <translation>
            <numerusform>这次迁移已撤销：数据库已恢复到迁移之前的样子，迁移新增的 %Ln 条记录已不在其中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everything was moved and checked record by record: nothing was lost. This migration added %Ln record(s).</source>
        <translation>
            <numerusform>全部迁移并逐条核对完毕：没有丢失任何内容。这次迁移新增了 %Ln 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Already imported — 0 new records. Nothing was written; the records already in the database were compared with the old files one by one.</source>
        <translation>已经导入过了——没有新记录（0 条）。没有写入任何内容；数据库中已有的记录已与旧文件逐条比较。</translation>
    </message>
    <message>
        <source>The migration was cancelled. Nothing was written to the database.</source>
        <translation>迁移已取消。没有向数据库写入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>Put the database back as it was just before this migration? The %Ln record(s) it added are removed again. Anything changed in the app since the migration is lost too — but the database as it is now is backed up first, so nothing is thrown away.</source>
        <translation>
            <numerusform>要把数据库恢复到这次迁移之前的样子吗？迁移新增的 %Ln 条记录会被删除。迁移之后在软件中做的修改也会一起撤销——不过会先备份现在的数据库，所以不会真正丢掉任何东西。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigratePage</name>
    <message>
        <source>Moving the records</source>
        <translation>正在迁移记录</translation>
    </message>
    <message>
        <source>You can keep using the computer; this window stays open until it is done.</source>
        <translation>迁移期间可以继续使用电脑；完成之前这个窗口会一直开着。</translation>
    </message>
    <message>
        <source>The records are written in one step and then checked one by one against the old files. If anything does not match, nothing is kept.</source>
        <translation>所有记录会一次性写入，然后逐条与旧文件核对。只要有一处不一致，就不会保留任何内容。</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>The records could not be moved: {reason}</source>
        <translation>无法迁移这些记录：{reason}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancelling — undoing what was written so far…</source>
        <translation>正在取消——撤回已经写入的内容…</translation>
    </message>
    <message>
        <source>The migration was cancelled. Nothing was written to the database, and the old files were not touched. Press Back to start again, or close this window.</source>
        <translation>迁移已取消。数据库中没有写入任何内容，旧文件也没有被改动。可以点“上一步”重新开始，或者关闭这个窗口。</translation>
    </message>
    <message>
        <source>Nothing was written to the database. Press Back to try again.</source>
        <translation>数据库中没有写入任何内容。可以点“上一步”再试一次。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln record(s) written</source>
        <translation>
            <numerusform>已写入 {done} / %Ln 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationTexts</name>
    <message>
        <source>Children&apos;s profiles</source>
        <extracomment>The old app&apos;s files by what they hold (the File column; the path is in the tooltip).</extracomment>
        <translation>孩子档案</translation>
    </message>
    <message>
        <source>Chinese words</source>
        <translation>中文词语</translation>
    </message>
    <message>
        <source>English words</source>
        <translation>英文单词</translation>
    </message>
    <message>
        <source>Grammar points</source>
        <translation>语法点</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Chat messages</source>
        <translation>聊天消息</translation>
    </message>
    <message>
        <source>Children&apos;s profiles, words and grammar</source>
        <translation>孩子档案、词语和语法</translation>
    </message>
    <message>
        <source>Anki settings (not moved)</source>
        <translation>Anki 设置（不迁移）</translation>
    </message>
    <message>
        <source>Prompt templates (not moved)</source>
        <translation>提示词模板（不迁移）</translation>
    </message>
    <message>
        <source>The old app&apos;s own backup copy (not moved)</source>
        <translation>旧软件自己的备份（不迁移）</translation>
    </message>
    <message>
        <source>Unknown file (not moved)</source>
        <translation>未知文件（不迁移）</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Finding the files</source>
        <extracomment>The engine&apos;s progress stages. &quot;Done&quot; ends the reading; the migration then compares with the database and makes the two backups, which report no progress of their own.</extracomment>
        <translation>正在查找文件</translation>
    </message>
    <message>
        <source>Checking the profiles</source>
        <translation>正在检查孩子档案</translation>
    </message>
    <message>
        <source>Checking the cards</source>
        <translation>正在检查卡片</translation>
    </message>
    <message>
        <source>Checking the chat messages</source>
        <translation>正在检查聊天消息</translation>
    </message>
    <message>
        <source>Matching chat messages to children</source>
        <translation>正在把聊天消息对应到孩子</translation>
    </message>
    <message>
        <source>Writing the profiles</source>
        <translation>正在写入孩子档案</translation>
    </message>
    <message>
        <source>Writing the words</source>
        <translation>正在写入词语</translation>
    </message>
    <message>
        <source>Writing the grammar points</source>
        <translation>正在写入语法点</translation>
    </message>
    <message>
        <source>Writing the cards</source>
        <translation>正在写入卡片</translation>
    </message>
    <message>
        <source>Writing the chat messages</source>
        <translation>正在写入聊天消息</translation>
    </message>
    <message>
        <source>Checking every record against the old files</source>
        <translation>正在把每条记录与旧文件核对</translation>
    </message>
    <message>
        <source>Reading {file}</source>
        <translation>正在读取 {file}</translation>
    </message>
    <message>
        <source>Comparing with the database</source>
        <translation>正在与数据库对比</translation>
    </message>
    <message>
        <source>Comparing with the database and making the safety copies</source>
        <translation>正在与数据库对比，并制作安全备份</translation>
    </message>
    <message>
        <source>The file {file} could not be opened ({reason}).</source>
        <translation>无法打开文件 {file}（{reason}）。</translation>
    </message>
    <message>
        <source>The file {file} is empty. The old app may have lost its contents while saving it.</source>
        <translation>文件 {file} 是空的。旧软件可能在保存时丢失了它的内容。</translation>
    </message>
    <message>
        <source>The file {file} was saved as UTF-16 text; this app reads UTF-8. Save it again as UTF-8 and retry.</source>
        <translation>文件 {file} 是以 UTF-16 格式保存的，本软件只读取 UTF-8。请另存为 UTF-8 格式后再试。</translation>
    </message>
    <message>
        <source>The file {file} contains bytes that are not UTF-8 text at line {line}, column {column}. It may be damaged or saved in another encoding.</source>
        <translation>文件 {file} 第 {line} 行第 {column} 列含有不是 UTF-8 文本的字节。文件可能已损坏，或者是用其他编码保存的。</translation>
    </message>
    <message>
        <source>The file {file} ends in the middle of a record (line {line}, column {column}): it was cut off, probably while the old app was saving it. Complete records before that point, which can still be read: {salvaged}.</source>
        <translation>文件 {file} 在一条记录的中间结束了（第 {line} 行第 {column} 列）：文件被截断了，很可能是旧软件保存时出的问题。在这之前仍可读取的完整记录：{salvaged} 条。</translation>
    </message>
    <message>
        <source>The file {file} is damaged at line {line}, column {column} ({detail}). Complete records before that point, which can still be read: {salvaged}.</source>
        <translation>文件 {file} 在第 {line} 行第 {column} 列损坏（{detail}）。在这之前仍可读取的完整记录：{salvaged} 条。</translation>
    </message>
    <message>
        <source>The file {file} is nested too deeply to be read safely. Complete records before that point, which can still be read: {salvaged}.</source>
        <translation>文件 {file} 嵌套层数太多，无法安全读取。在这之前仍可读取的完整记录：{salvaged} 条。</translation>
    </message>
    <message>
        <source>The file {file} should hold a list of records but holds {found}.</source>
        <translation>文件 {file} 应该是一个记录列表，但实际是{found}。</translation>
    </message>
    <message>
        <source>Record {record} in {file} is not a record but {found}; it cannot be read.</source>
        <translation>{file} 中的 {record} 不是一条记录，而是{found}；无法读取。</translation>
    </message>
    <message>
        <source>Record {record} in {file} is nested more than {limit} levels deep and cannot be stored safely.</source>
        <translation>{file} 中的记录 {record} 嵌套超过 {limit} 层，无法安全保存。</translation>
    </message>
    <message>
        <source>Record {record} in {file} contains a broken character (half of an escaped pair) in {field}; it cannot be stored as it is.</source>
        <translation>{file} 中的记录 {record} 在 {field} 里有一个损坏的字符（转义字符对只剩一半）；无法原样保存。</translation>
    </message>
    <message>
        <source>Record {record} in {file} has the key(s) {keys} more than once; as in the old app, only the last value of each is kept.</source>
        <translation>{file} 中的记录 {record} 有重复的键 {keys}；和旧软件一样，每个键只保留最后一个值。</translation>
    </message>
    <message>
        <source>The file {file} holds no profiles.</source>
        <translation>文件 {file} 中没有任何孩子档案。</translation>
    </message>
    <message>
        <source>Profile {record} in {file} has no name, so it cannot be told apart from the others.</source>
        <translation>{file} 中的档案 {record} 没有名字，因此无法与其他档案区分。</translation>
    </message>
    <message>
        <source>The name of profile {record} in {file} is {found}, not text.</source>
        <translation>{file} 中档案 {record} 的名字是{found}，不是文字。</translation>
    </message>
    <message>
        <source>Two profiles in {file} are called &quot;{name}&quot; ({first} and {record}). Rename one of them, or skip this one.</source>
        <translation>{file} 中有两个档案都叫“{name}”（{first} 和 {record}）。请给其中一个改名，或者跳过这一个。</translation>
    </message>
    <message>
        <source>Two profiles in {file} have the same id &quot;{id}&quot; ({first} and {record}).</source>
        <translation>{file} 中有两个档案的编号相同，都是“{id}”（{first} 和 {record}）。</translation>
    </message>
    <message>
        <source>The id of profile {record} in {file} is {found}, not text.</source>
        <translation>{file} 中档案 {record} 的编号是{found}，不是文字。</translation>
    </message>
    <message>
        <source>The field {field} of {record} in {file} should be {expected} but is {found}; it cannot be read.</source>
        <translation>{file} 中 {record} 的字段 {field} 应该是{expected}，但实际是{found}；无法读取。</translation>
    </message>
    <message>
        <source>The field {field} of {record} in {file} is {found} instead of {expected}; it was read as {expected}.</source>
        <translation>{file} 中 {record} 的字段 {field} 是{found}而不是{expected}；已按{expected}读取。</translation>
    </message>
    <message>
        <source>{what} of {record}: %n [contains|contain] HTML markup left over from the old app ({examples}). [It is|They are] kept as [it is|they are]; clean [it|them] in the app if needed.</source>
        <translation>{record} 有 %n 个{what}含有旧应用留下的 HTML 标记（{examples}）。它们会原样保留；如有需要，请在应用中整理。</translation>
    </message>
    <message>
        <source>{what} of {record}: %n held a non-breaking space, normalised to a plain space ({examples}).</source>
        <translation>{record} 有 %n 个{what}含有不间断空格，已统一为普通空格（{examples}）。</translation>
    </message>
    <message>
        <source>{what} of {record}: %n [contains|contain] underscores or unusual characters ({examples}). [It is|They are] kept as [it is|they are]; clean [it|them] in the app if needed.</source>
        <translation>{record} 有 %n 个{what}含有下划线或不常见的字符（{examples}）。它们会原样保留；如有需要，请在应用中整理。</translation>
    </message>
    <message>
        <source>The chosen profile &quot;{name}&quot; is not in {file}.</source>
        <translation>所选的档案“{name}”不在 {file} 中。</translation>
    </message>
    <message>
        <source>%n card(s) in {file} [has|have] a status this app does not offer ({statuses}); [it is|they are] kept as [it is|they are].</source>
        <translation>{file} 中有 %n 张卡片的状态是本应用不提供的（{statuses}）；它们会原样保留。</translation>
    </message>
    <message>
        <source>Records {first} and {record} in {file} have the same id &quot;{id}&quot;; both are kept.</source>
        <translation>{file} 中的记录 {first} 和 {record} 编号相同，都是“{id}”；两条都会保留。</translation>
    </message>
    <message>
        <source>The time &quot;{value}&quot; in field {field} of {record} in {file} could not be read. {reason} It is kept as it was written.</source>
        <translation>无法读取 {file} 中 {record} 的字段 {field} 里的时间“{value}”。{reason}它会按原样保留。</translation>
    </message>
    <message>
        <source>Message {record} in {file} has no readable role (user or assistant).</source>
        <translation>{file} 中的消息 {record} 没有可识别的角色（用户或助手）。</translation>
    </message>
    <message>
        <source>Message {record} in {file} has the role &quot;{role}&quot;, which this app does not know; it is kept as it is.</source>
        <translation>{file} 中的消息 {record} 的角色是“{role}”，本软件不认识；将原样保留。</translation>
    </message>
    <message>
        <source>Message {record} in {file} has no text (its content is {found}).</source>
        <translation>{file} 中的消息 {record} 没有文字（内容是{found}）。</translation>
    </message>
    <message>
        <source>%n secret value(s) such as an API key or a password [was|were] found in {file} under {fields}. [It was|They were] left out: [it is|they are] not copied into the database, the audit log, backups, exports or this report.</source>
        <translation>在 {file} 的 {fields} 中发现了 %n 个 API 密钥、密码之类的机密信息。它们已被略去：不会被复制到数据库、审计日志、备份、导出文件或这份报告中。</translation>
    </message>
    <message>
        <source>No {what} file was found; there are no {what} to migrate.</source>
        <translation>没有找到{what}文件；没有{what}需要迁移。</translation>
    </message>
    <message>
        <source>{file} is not migrated ({what}).</source>
        <translation>{file} 不会迁移（{what}）。</translation>
    </message>
    <message>
        <source>empty (null)</source>
        <extracomment>English fragments the engine puts into a problem&apos;s params.</extracomment>
        <translation>空值（null）</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>真/假值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a list holding numbers</source>
        <translation>含有数字的列表</translation>
    </message>
    <message>
        <source>text or a list of words</source>
        <translation>文字或词语列表</translation>
    </message>
    <message>
        <source>a list of text</source>
        <translation>文字列表</translation>
    </message>
    <message>
        <source>a list of words</source>
        <translation>词语列表</translation>
    </message>
    <message>
        <source>a list of profile names</source>
        <translation>孩子名字列表</translation>
    </message>
    <message>
        <source>cards</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>chat messages</source>
        <translation>聊天消息</translation>
    </message>
    <message>
        <source>grammar points</source>
        <translation>语法点</translation>
    </message>
    <message>
        <source>the old app&apos;s Anki settings</source>
        <translation>旧软件的 Anki 设置</translation>
    </message>
    <message>
        <source>the old app&apos;s prompt templates</source>
        <translation>旧软件的提示词模板</translation>
    </message>
    <message>
        <source>an old backup copy made by the old app</source>
        <translation>旧软件自己做的旧备份</translation>
    </message>
    <message>
        <source>a file this app does not know</source>
        <translation>本软件不认识的文件</translation>
    </message>
    <message>
        <source>does not look like a grammar-point address</source>
        <translation>看起来不像语法点地址</translation>
    </message>
    <message>
        <source>contains HTML markup</source>
        <translation>含有网页代码（HTML）</translation>
    </message>
    <message>
        <source>contains a broken character (�)</source>
        <translation>含有损坏的字符（�）</translation>
    </message>
    <message>
        <source>contains a tab or line break</source>
        <translation>含有制表符或换行</translation>
    </message>
    <message>
        <source>contains an invisible control character</source>
        <translation>含有看不见的控制字符</translation>
    </message>
    <message>
        <source>contains an invisible or unusual character</source>
        <translation>含有看不见或不常见的字符</translation>
    </message>
    <message>
        <source>contains an unusual space</source>
        <translation>含有不常见的空格</translation>
    </message>
    <message>
        <source>contains a list separator, so it may be several words</source>
        <translation>含有分隔符，可能是好几个词</translation>
    </message>
    <message>
        <source>looks like a label rather than a word (it contains _)</source>
        <translation>看起来像标签而不是单词（含有 _）</translation>
    </message>
    <message>
        <source>is unusually long</source>
        <translation>特别长</translation>
    </message>
    <message>
        <source>It is not written as text.</source>
        <translation>它不是以文字形式写的。</translation>
    </message>
    <message>
        <source>The time is not written as text.</source>
        <translation>这个时间不是以文字形式写的。</translation>
    </message>
    <message>
        <source>It is not a date and time in a form this app knows.</source>
        <translation>它不是本软件认识的日期时间格式。</translation>
    </message>
    <message>
        <source>It is not a real date and time.</source>
        <translation>它不是一个真实存在的日期时间。</translation>
    </message>
    <message>
        <source>a list holding {what}</source>
        <translation>含有{what}的列表</translation>
    </message>
    <message>
        <source>{shown} and {n} more</source>
        <translation>{shown} 等，另有 {n} 条</translation>
    </message>
    <message>
        <source>%n object(s) inside records of {file} [repeats|repeat] a key; as in the old app, only the last value of each is kept.</source>
        <translation>{file} 的记录中有 %n 个对象含有重复的键；和旧软件一样，每个键只保留最后一个值。</translation>
    </message>
    <message>
        <source>The list {field} of {record} in {file} holds %n item(s) that [is|are] not text; [it is|they are] kept as [it is|they are].</source>
        <translation>{file} 中 {record} 的列表“{field}”有 %n 项不是文字；这些项原样保留。</translation>
    </message>
    <message>
        <source>The list {field} of {record} in {file} holds %n empty item(s); [it was|they were] left out.</source>
        <translation>{file} 中 {record} 的列表“{field}”有 %n 个空项；已略去。</translation>
    </message>
    <message>
        <source>{what} of {record}: %n [repetition was|repetitions were] dropped (each word is kept once).</source>
        <translation>{record} 的{what}：去掉了 %n 个重复项（每个词只保留一次）。</translation>
    </message>
    <message>
        <source>{what} of {record}: %n [looks|look] unusual and may need cleaning later (for example &quot;{example}&quot; {reason}). [It is|They are] kept exactly as [it is|they are].</source>
        <translation>{record} 的{what}：有 %n 个看起来不太正常，以后可能需要整理（例如“{example}”{reason}）。它们会原样保留。</translation>
    </message>
    <message>
        <source>%n card(s) in {file} [does|do] not say which child [it belongs|they belong] to. Choose the child [it goes|they go] to.</source>
        <translation>{file} 中有 %n 张卡片没有注明属于哪个孩子。请选择它们应归入的孩子。</translation>
    </message>
    <message>
        <source>%n card(s) in {file} [has|have] no card type ({records}); [it is|they are] kept with the type &quot;unknown&quot;.</source>
        <translation>{file} 中有 %n 张卡片没有卡片类型（{records}）；将以“unknown”（未知）类型保留。</translation>
    </message>
    <message>
        <source>%n card(s) in {file} [has|have] a card type this app does not know ({types}); [it is|they are] kept as [it is|they are].</source>
        <translation>{file} 中有 %n 张卡片的类型本软件不认识（{types}）；将原样保留。</translation>
    </message>
    <message>
        <source>%n record(s) in {file} [has|have] no id ({records}); a later import recognises [it|them] by [its|their] contents.</source>
        <translation>{file} 中有 %n 条记录没有编号（{records}）；以后再次导入时会根据内容识别它们。</translation>
    </message>
    <message>
        <source>%n time(s) in {file} [has|have] no time zone; [it was|they were] read as {zone} time.</source>
        <translation>{file} 中有 %n 个时间没有注明时区；已按 {zone} 时区读取。</translation>
    </message>
    <message>
        <source>%n message(s) in {file} [mentions|mention] a child who is not in the profiles file (for example &quot;{example}&quot;).</source>
        <translation>{file} 中有 %n 条消息提到了档案文件中没有的孩子（例如“{example}”）。</translation>
    </message>
    <message>
        <source>%n message(s) in {file} [mentions|mention] more than one child ({records}); each goes with the first child it mentions.</source>
        <translation>{file} 中有 %n 条消息提到了不止一个孩子（{records}）；每条消息归入它提到的第一个孩子。</translation>
    </message>
    <message>
        <source>%n chat message(s) in {file} [does|do] not say which child [it belongs|they belong] to ({records}). Choose the child [it goes|they go] to.</source>
        <translation>{file} 中有 %n 条聊天消息没有注明属于哪个孩子（{records}）。请选择它们应归入的孩子。</translation>
    </message>
    <message>
        <source>Chat history</source>
        <translation>聊天记录</translation>
    </message>
    <message>
        <source>Anki settings</source>
        <translation>Anki 设置</translation>
    </message>
    <message>
        <source>Prompt templates</source>
        <translation>提示词模板</translation>
    </message>
    <message>
        <source>id</source>
        <extracomment>The old files&apos; fields by what they hold (the Field column and the sentences; the key is in the tooltip).</extracomment>
        <translation>编号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>school</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>neighbourhood</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>interests</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>favourite characters</source>
        <translation>喜欢的角色</translation>
    </message>
    <message>
        <source>verbal fluency</source>
        <translation>语言流利程度</translation>
    </message>
    <message>
        <source>understanding level</source>
        <translation>理解能力水平</translation>
    </message>
    <message>
        <source>mental age</source>
        <translation>心智年龄</translation>
    </message>
    <message>
        <source>parent&apos;s notes</source>
        <translation>家长备注</translation>
    </message>
    <message>
        <source>extracted data</source>
        <translation>提取的数据</translation>
    </message>
    <message>
        <source>card type</source>
        <translation>卡片类型</translation>
    </message>
    <message>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>sender</source>
        <translation>发送者</translation>
    </message>
    <message>
        <source>children mentioned</source>
        <translation>提到的孩子</translation>
    </message>
    <message>
        <source>The field {field} of {record} in {file} holds {value}, which JSON does not allow (only finite numbers); it cannot be stored as it is.</source>
        <translation>{file} 中 {record} 的字段 {field} 是 {value}，JSON 不允许这样的值（只允许有限的数字）；无法原样保存。</translation>
    </message>
    <message>
        <source>The date of birth of {record} in {file} is {value}, which is in the future. It is imported as written; correct it in the app.</source>
        <translation>{file} 中 {record} 的出生日期是 {value}，这是一个未来的日期。它会按原样导入；请在应用中更正。</translation>
    </message>
    <message>
        <source>The date of birth of {record} in {file} is &quot;{value}&quot;, not a date like 2015-01-31. It is imported as written; correct it in the app.</source>
        <translation>{file} 中 {record} 的出生日期是“{value}”，不是 2015-01-31 这样的日期。它会按原样导入；请在应用中更正。</translation>
    </message>
    <message>
        <source>The mental age of {record} in {file} is {value}, outside 0 to 30 years. It is imported as written; correct it in the app.</source>
        <translation>{file} 中 {record} 的心理年龄是 {value}，不在 0 到 30 岁之间。它会按原样导入；请在应用中更正。</translation>
    </message>
    <message>
        <source>The name of {record} in {file} has {length} characters, more than the app&apos;s editor allows ({limit}). It is imported as written.</source>
        <translation>{file} 中 {record} 的名字有 {length} 个字符，超过了应用编辑器允许的长度（{limit}）。它会按原样导入。</translation>
    </message>
    <message>
        <source>Waiting for another migration into this database to finish</source>
        <translation>正在等待另一个向这个数据库进行的迁移结束</translation>
    </message>
    <message>
        <source>Profile {record} in {file} would get the id &quot;{id}&quot;, which another child already has; it is a different child, so it is added with the id &quot;{new_id}&quot;.</source>
        <extracomment>One template per problem code; the placeholders are those of desktop.legacy.read.MESSAGES.</extracomment>
        <translation>{file} 中的档案 {record} 本应得到编号“{id}”，但另一个孩子已经在用这个编号；这是另一个孩子，所以用编号“{new_id}”添加。</translation>
    </message>
    <message>
        <source>Same old id, different content: card {record} in {file} has the id of a card imported before, but not its content (or not its child), so it is imported as a new card.</source>
        <translation>旧编号相同，内容不同：{file} 中的卡片 {record} 与以前导入的一张卡片编号相同，但内容（或所属的孩子）不同，所以作为新卡片导入。</translation>
    </message>
    <message>
        <source>Same old id, different content: chat message {record} in {file} has the id of a chat message imported before, but not its content (or not its child), so it is imported as a new chat message.</source>
        <translation>旧编号相同，内容不同：{file} 中的聊天消息 {record} 与以前导入的一条聊天消息编号相同，但内容（或所属的孩子）不同，所以作为新消息导入。</translation>
    </message>
    <message>
        <source>The chosen profile &quot;{name}&quot; could be any of {candidates} in {file}; choose one of them by its exact name.</source>
        <translation>所选的档案“{name}”可能是 {file} 中 {candidates} 的任何一个；请按准确的名字选择其中一个。</translation>
    </message>
</context>
<context>
    <name>MigrationWizard</name>
    <message>
        <source>The old app&apos;s records were found in {folder}.

Import your old records now? The old files are only read, never changed.</source>
        <translation>在 {folder} 中找到了旧软件的记录。

现在导入这些旧记录吗？旧文件只会被读取，不会被修改。</translation>
    </message>
    <message>
        <source>Import your old records now?</source>
        <translation>现在导入旧记录吗？</translation>
    </message>
    <message>
        <source>&amp;Import now</source>
        <translation>现在导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>以后再说(&amp;N)</translation>
    </message>
    <message>
        <source>Import the old app&apos;s records</source>
        <translation>导入旧软件的记录</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现的情况</translation>
    </message>
    <message>
        <source>… and %n more like this (open the line to see [it|them]).</source>
        <translation>……另有 %n 个同类问题（展开这一行可以查看）。</translation>
    </message>
    <message>
        <source>%n record(s)</source>
        <translation>%n 条记录</translation>
    </message>
</context>
<context>
    <name>ReadyPage</name>
    <message>
        <source>Ready to move the records</source>
        <translation>准备迁移记录</translation>
    </message>
    <message>
        <source>Check the numbers, then press Migrate. It is all-or-nothing: either everything below is written and checked, or nothing is.</source>
        <translation>请核对下面的数字，然后点“迁移”。迁移是“全部或全不”的：要么下面的内容全部写入并核对，要么什么都不写入。</translation>
    </message>
    <message>
        <source>&amp;Migrate</source>
        <translation>迁移(&amp;M)</translation>
    </message>
    <message>
        <source>Kind of record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Will be added</source>
        <translation>将新增</translation>
    </message>
    <message>
        <source>Already in the database</source>
        <translation>数据库中已有</translation>
    </message>
    <message>
        <source>Press Migrate to start. You can cancel while it runs; nothing is written then.</source>
        <translation>点“迁移”开始。迁移过程中可以随时取消，取消后不会写入任何内容。</translation>
    </message>
    <message>
        <source>Already imported — 0 new records. Everything in these files is already in the database, so nothing will be written; Migrate only checks it again.</source>
        <translation>已经导入过了——没有新记录（0 条）。这些文件中的所有内容都已在数据库中，不会写入任何内容；“迁移”只会再核对一遍。</translation>
    </message>
    <message>
        <source>a backup of the database is made in {folder}</source>
        <translation>先在 {folder} 中备份数据库</translation>
    </message>
    <message>
        <source>a server database is not backed up by this app: make sure the server&apos;s own backup is recent</source>
        <translation>服务器数据库不由本软件备份：请确认服务器自己的备份是最新的</translation>
    </message>
    <message>
        <source>Before anything is written:</source>
        <translation>在写入任何内容之前：</translation>
    </message>
    <message>
        <source>a copy of the old files (zip) is kept in {folder}</source>
        <translation>把旧文件的副本（zip 压缩包）保存在 {folder}</translation>
    </message>
    <message>
        <source>The records go into the database {path}.</source>
        <translation>记录将写入数据库 {path}。</translation>
    </message>
    <message numerus="yes">
        <source>These files were imported before. Already imported — %Ln new record(s) will be added; nothing already in the database is changed.</source>
        <translation>
            <numerusform>这些文件以前导入过。已经导入过——将新增 %Ln 条新记录；数据库中已有的内容不会改动。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) will be added.</source>
        <translation>
            <numerusform>将新增 %Ln 条记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) that cannot be read [is|are] skipped ([it stays|they stay] in the old files).</source>
        <translation>
            <numerusform>将跳过 %Ln 条无法读取的记录（它们仍保留在旧文件中）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Where are the old app&apos;s files?</source>
        <translation>旧软件的文件在哪里？</translation>
    </message>
    <message>
        <source>Choose the old app&apos;s folder, its “data” folder, or the folder that holds the files. They are only read.</source>
        <translation>请选择旧软件的文件夹、其中的“data”文件夹，或者直接存放这些文件的文件夹。这些文件只会被读取。</translation>
    </message>
    <message>
        <source>Found on this computer:</source>
        <translation>在这台电脑上找到：</translation>
    </message>
    <message>
        <source>&amp;Folder of the old app:</source>
        <translation>旧软件的文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>For example: Desktop/Curious Mario</source>
        <translation>例如：桌面/Curious Mario</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>Files in this folder:</source>
        <translation>这个文件夹中的文件：</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>What it holds</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最后修改</translation>
    </message>
    <message>
        <source>Looking in the usual places (Desktop, Downloads, Documents, your home folder)…</source>
        <translation>正在常用位置查找（桌面、下载、文档、个人文件夹）…</translation>
    </message>
    <message>
        <source>Nothing was found in the usual places (Desktop, Downloads, Documents, your home folder). Choose the folder with Browse…</source>
        <translation>在常用位置（桌面、下载、文档、个人文件夹）没有找到。请点“浏览…”选择文件夹。</translation>
    </message>
    <message>
        <source>Click a folder to use it, or choose another one with Browse…</source>
        <translation>点一下文件夹即可使用，或者点“浏览…”选择其他文件夹。</translation>
    </message>
    <message>
        <source>Choose the old app&apos;s folder</source>
        <translation>选择旧软件的文件夹</translation>
    </message>
    <message>
        <source>There are no old-app files in this folder (the file child_profiles.json was not found in it, nor in its “data” or “profiles” folder). Choose the old app&apos;s folder or its “data” folder.</source>
        <translation>这个文件夹里没有旧软件的文件（在它和其中的“data”或“profiles”文件夹里都没有找到 child_profiles.json）。请选择旧软件的文件夹或其中的“data”文件夹。</translation>
    </message>
    <message>
        <source>This folder cannot be opened. Is the drive connected?</source>
        <translation>无法打开这个文件夹。存放它的磁盘或 U 盘连接好了吗？</translation>
    </message>
    <message>
        <source>There is no cards file — that is fine: there are simply no cards to move.</source>
        <translation>没有卡片文件——没关系，只是没有卡片需要迁移。</translation>
    </message>
    <message>
        <source>There is no chat history file — that is fine: there are simply no chat messages to move.</source>
        <translation>没有聊天记录文件——没关系，只是没有聊天消息需要迁移。</translation>
    </message>
    <message>
        <source>The old app&apos;s files were found in {folder}.</source>
        <translation>在 {folder} 中找到了旧软件的文件。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Move your records from the old app</source>
        <translation>把记录从旧软件搬过来</translation>
    </message>
    <message>
        <source>Profiles, words, grammar points, cards and chat history — in a few clicks.</source>
        <translation>孩子档案、词语、语法点、卡片和聊天记录——点几下就好。</translation>
    </message>
    <message>
        <source>This assistant copies every child&apos;s records from the old app&apos;s files into Mastery Ledger. Afterwards it checks each record against the files, so you can see for yourself that nothing was lost.</source>
        <translation>这个向导会把每个孩子的记录从旧软件的文件复制到 Mastery Ledger。复制完成后，它会把每条记录与原文件逐一核对，让您亲眼看到没有丢失任何内容。</translation>
    </message>
    <message>
        <source>The old files are only read — they are never changed.</source>
        <translation>旧文件只会被读取——绝不会被修改。</translation>
    </message>
    <message>
        <source>A backup of the database is made first, and a copy of the old files is kept, so the move can be undone.</source>
        <translation>开始前会先备份数据库，并保存一份旧文件的副本，所以迁移可以撤销。</translation>
    </message>
    <message>
        <source>Nothing is written until you press Migrate.</source>
        <translation>在您点“迁移”之前，不会写入任何内容。</translation>
    </message>
    <message>
        <source>Press Next to choose the old app&apos;s folder.</source>
        <translation>点“下一步”选择旧软件的文件夹。</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AsOfDialog</name>
    <message>
        <source>As it was on… — Mastery Ledger</source>
        <translation>查看当时的记录 — Mastery Ledger</translation>
    </message>
    <message>
        <source>Child:</source>
        <translation>孩子：</translation>
    </message>
    <message>
        <source>Moment (your local time):</source>
        <translation>时间（本地时间）：</translation>
    </message>
    <message>
        <source>Restore this child to that moment…</source>
        <translation>把这个孩子恢复到那个时间…</translation>
    </message>
    <message>
        <source>Since then</source>
        <translation>之后的变化</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>当时</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>There are no children in this database.</source>
        <translation>这个数据库里还没有孩子。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>{name} did not exist yet at that moment.</source>
        <translation>那个时间还没有 {name} 的档案。</translation>
    </message>
    <message>
        <source>Nothing about {name} has changed since then.</source>
        <translation>从那以后，{name} 的记录没有任何变化。</translation>
    </message>
    <message>
        <source>the child was deleted</source>
        <translation>孩子的档案被删除了</translation>
    </message>
    <message>
        <source>words</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>grammar points</source>
        <translation>语法点</translation>
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
        <source>Words</source>
        <translation>词语</translation>
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
        <source>{kind}: {added} added, {removed} removed, {changed} changed</source>
        <translation>{kind}：新增 {added}，删除 {removed}，修改 {changed}</translation>
    </message>
    <message>
        <source>Since then — {parts}.</source>
        <translation>从那以后：{parts}。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>deleted since</source>
        <translation>之后被删除</translation>
    </message>
    <message>
        <source>removed since</source>
        <translation>之后被删除的</translation>
    </message>
    <message>
        <source>added since</source>
        <translation>之后新增的</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……还有 {n} 条</translation>
    </message>
    <message>
        <source>changed since</source>
        <translation>之后修改过的</translation>
    </message>
    <message>
        <source>Put {name}&apos;s profile and records back as they were on {when}?

{summary}

A backup of the whole database is made first. Other children are not touched. The restore is recorded in the audit log, so it can be undone too.</source>
        <translation>要把 {name} 的档案和记录恢复成 {when} 时的样子吗？

{summary}

会先备份整个数据库。其他孩子的记录不会改动。这次恢复会记入审计日志，之后也可以撤销。</translation>
    </message>
    <message>
        <source>Restore this child</source>
        <translation>恢复这个孩子的记录</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Restoring {name}…</source>
        <translation>正在恢复 {name} 的记录…</translation>
    </message>
    <message>
        <source>{name} is back as on {when}.</source>
        <translation>{name} 的记录已恢复到 {when} 时的样子。</translation>
    </message>
    <message>
        <source>A backup was saved first: {file}</source>
        <translation>已先保存了备份：{file}</translation>
    </message>
    <message>
        <source>What changed since then</source>
        <translation>之后的变化</translation>
    </message>
    <message>
        <source>a deleted child</source>
        <extracomment>The most records of one kind listed under &quot;added since&quot;, &quot;removed since&quot; or &quot;changed since&quot;.</extracomment>
        <translation>已删除的孩子</translation>
    </message>
    <message>
        <source>{name} (deleted)</source>
        <translation>{name}（已删除）</translation>
    </message>
    <message numerus="yes">
        <source>%n profile field(s) changed</source>
        <translation>
            <numerusform>档案中有 %n 项被修改</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Child</source>
        <translation>孩子</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>Grammar point</source>
        <translation>语法点</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Chat message</source>
        <translation>聊天消息</translation>
    </message>
    <message>
        <source>child</source>
        <extracomment>Lower-case nouns for sentences (&quot;the word “苹果” was changed again later&quot;).</extracomment>
        <translation>孩子</translation>
    </message>
    <message>
        <source>word</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>grammar point</source>
        <translation>语法点</translation>
    </message>
    <message>
        <source>card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>chat message</source>
        <translation>聊天消息</translation>
    </message>
    <message>
        <source>You (this app)</source>
        <translation>您（本软件）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The app itself</source>
        <translation>软件自动</translation>
    </message>
    <message>
        <source>Another program</source>
        <translation>其他程序</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>id</source>
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
        <translation>小区</translation>
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
        <translation>语言流畅度</translation>
    </message>
    <message>
        <source>passive language level</source>
        <translation>语言理解水平</translation>
    </message>
    <message>
        <source>mental age</source>
        <translation>心智年龄</translation>
    </message>
    <message>
        <source>notes as entered</source>
        <translation>原始记录</translation>
    </message>
    <message>
        <source>extracted data</source>
        <translation>整理出的信息</translation>
    </message>
    <message>
        <source>created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>last changed</source>
        <translation>最后修改时间</translation>
    </message>
    <message>
        <source>other legacy data</source>
        <translation>旧版的其他数据</translation>
    </message>
    <message>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>added</source>
        <translation>添加时间</translation>
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
        <source>approved</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <source>id in the old app</source>
        <translation>旧版中的编号</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>from</source>
        <translation>发送者</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>mentions</source>
        <translation>提到的孩子</translation>
    </message>
    <message>
        <source>Import from the old app</source>
        <translation>从旧版导入</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Child restored to an earlier moment</source>
        <translation>孩子的记录恢复到了以前的某个时间</translation>
    </message>
    <message>
        <source>The {what} “{label}” was changed again later (it is now “{value}”), so undoing the earlier change would overwrite that.</source>
        <translation>这个{what}“{label}”后来又被改过（现在是“{value}”），撤销之前的修改会把它覆盖掉。</translation>
    </message>
    <message>
        <source>This change to the {what} “{label}” has already been undone.</source>
        <translation>对{what}“{label}”的这次修改已经撤销过了。</translation>
    </message>
    <message>
        <source>The {what} “{label}” no longer exists (it was deleted later).</source>
        <translation>{what}“{label}”已经不存在了（后来被删除了）。</translation>
    </message>
    <message>
        <source>The {what} “{label}” is already there again.</source>
        <translation>{what}“{label}”现在已经又有了。</translation>
    </message>
    <message>
        <source>The {what} “{label}” has been added again since, so it cannot be brought back twice.</source>
        <translation>{what}“{label}”后来又被添加过，不能再恢复一次。</translation>
    </message>
    <message>
        <source>The child this {what} belonged to ({label}) no longer exists; bring the child back first.</source>
        <translation>这条{what}所属的孩子（{label}）已经不存在了，请先恢复这个孩子。</translation>
    </message>
    <message>
        <source>Undoing this would delete the child “{label}” together with {count} records added since.</source>
        <translation>撤销这一步会删除孩子“{label}”，连同之后添加的 {count} 条记录。</translation>
    </message>
    <message>
        <source>The child “{label}” did not exist yet at that moment.</source>
        <translation>那个时间还没有孩子“{label}”的档案。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有做任何改动。</translation>
    </message>
    <message>
        <source>(a large change: select it to see the details)</source>
        <translation>（内容较多：选中后可查看详情）</translation>
    </message>
    <message>
        <source>When</source>
        <extracomment>What a page read in the worker brings: the children&apos;s names (first page only), the page, its batches&apos; notes.</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <source>▸ Show more of this batch ({n} not shown yet)</source>
        <translation>▸ 显示这一批的更多改动（还有 {n} 条未显示）</translation>
    </message>
    <message>
        <source>several</source>
        <translation>多个</translation>
    </message>
    <message>
        <source>Added %n child(ren)</source>
        <extracomment>A batch without a note, described by what all of its changes did (&quot;Deleted 3 words&quot;); real plural forms.</extracomment>
        <translation>添加了 %n 个孩子</translation>
    </message>
    <message>
        <source>Added %n word(s)</source>
        <translation>添加了 %n 个词语</translation>
    </message>
    <message>
        <source>Added %n grammar point(s)</source>
        <translation>添加了 %n 个语法点</translation>
    </message>
    <message>
        <source>Added %n card(s)</source>
        <translation>添加了 %n 张卡片</translation>
    </message>
    <message>
        <source>Added %n chat message(s)</source>
        <translation>添加了 %n 条聊天消息</translation>
    </message>
    <message>
        <source>Changed %n child(ren)</source>
        <translation>修改了 %n 个孩子</translation>
    </message>
    <message>
        <source>Changed %n word(s)</source>
        <translation>修改了 %n 个词语</translation>
    </message>
    <message>
        <source>Changed %n grammar point(s)</source>
        <translation>修改了 %n 个语法点</translation>
    </message>
    <message>
        <source>Changed %n card(s)</source>
        <translation>修改了 %n 张卡片</translation>
    </message>
    <message>
        <source>Changed %n chat message(s)</source>
        <translation>修改了 %n 条聊天消息</translation>
    </message>
    <message>
        <source>Deleted %n child(ren)</source>
        <translation>删除了 %n 个孩子</translation>
    </message>
    <message>
        <source>Deleted %n word(s)</source>
        <translation>删除了 %n 个词语</translation>
    </message>
    <message>
        <source>Deleted %n grammar point(s)</source>
        <translation>删除了 %n 个语法点</translation>
    </message>
    <message>
        <source>Deleted %n card(s)</source>
        <translation>删除了 %n 张卡片</translation>
    </message>
    <message>
        <source>Deleted %n chat message(s)</source>
        <translation>删除了 %n 条聊天消息</translation>
    </message>
    <message>
        <source>%n change(s) made together</source>
        <translation>一起完成的 %n 项改动</translation>
    </message>
    <message>
        <source>%n change(s)</source>
        <translation>%n 项改动</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>copy of the old files</source>
        <extracomment>What a batch&apos;s note holds, by name (a note&apos;s other keys, like the archive&apos;s checksum, are not for reading).</extracomment>
        <translation>旧文件的副本</translation>
    </message>
    <message>
        <source>the old app&apos;s folder</source>
        <translation>旧应用的文件夹</translation>
    </message>
    <message>
        <source>records added</source>
        <translation>添加的记录</translation>
    </message>
    <message>
        <source>time zone of old times</source>
        <translation>旧时间的时区</translation>
    </message>
    <message>
        <source>imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>put back as it was on</source>
        <translation>恢复到的时间</translation>
    </message>
    <message>
        <source>changes undone</source>
        <translation>撤销的改动</translation>
    </message>
    <message>
        <source>backup made first</source>
        <translation>事先做的备份</translation>
    </message>
    <message>
        <source>%n child(ren)</source>
        <translation>%n 个孩子</translation>
    </message>
    <message>
        <source>%n Chinese word(s)</source>
        <translation>%n 个中文词语</translation>
    </message>
    <message>
        <source>%n English word(s)</source>
        <translation>%n 个英文词语</translation>
    </message>
    <message>
        <source>%n word(s)</source>
        <translation>%n 个词语</translation>
    </message>
    <message>
        <source>%n grammar point(s)</source>
        <translation>%n 个语法点</translation>
    </message>
    <message>
        <source>%n card(s)</source>
        <translation>%n 张卡片</translation>
    </message>
    <message>
        <source>%n chat message(s)</source>
        <translation>%n 条聊天消息</translation>
    </message>
    <message>
        <source>{name} (deleted)</source>
        <translation>{name}（已删除）</translation>
    </message>
    <message>
        <source>a deleted child</source>
        <extracomment>How many entries the CSV export describes at a time (their batches&apos; notes are read together).</extracomment>
        <translation>已删除的孩子</translation>
    </message>
    <message>
        <source>This child no longer exists.</source>
        <translation>这个孩子已不存在。</translation>
    </message>
    <message>
        <source>{what}, {when}</source>
        <translation>{what}，{when}</translation>
    </message>
</context>
<context>
    <name>AuditLogViewer</name>
    <message>
        <source>Audit log — Mastery Ledger</source>
        <translation>审计日志 — Mastery Ledger</translation>
    </message>
    <message>
        <source>Child:</source>
        <extracomment>The drop-down lists&apos; &quot;any&quot; entry.</extracomment>
        <translation>孩子：</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>操作者：</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文字：</translation>
    </message>
    <message>
        <source>a word, a name, any value…</source>
        <translation>词语、名字或任何内容…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>As it was on…</source>
        <translation>查看当时的记录…</translation>
    </message>
    <message>
        <source>See a child&apos;s records as they were at an earlier moment, and put them back if you want</source>
        <translation>查看孩子在以前某个时间的记录，需要时可以恢复</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the changes the filters show as a CSV or JSON file</source>
        <translation>把当前筛选出的改动保存为 CSV 或 JSON 文件</translation>
    </message>
    <message>
        <source>All children</source>
        <translation>所有孩子</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Checking the audit trail…</source>
        <translation>正在检查审计记录…</translation>
    </message>
    <message>
        <source>The audit trail&apos;s seals are being recomputed.</source>
        <translation>正在重新计算审计记录的校验值。</translation>
    </message>
    <message>
        <source>✔ Audit trail verified</source>
        <translation>✔ 审计记录完好</translation>
    </message>
    <message>
        <source>Every change is recorded and nothing in the log was altered afterwards.</source>
        <translation>每一次修改都有记录，日志事后没有被改动过。</translation>
    </message>
    <message>
        <source>✖ Audit trail damaged</source>
        <translation>✖ 审计记录被改动过</translation>
    </message>
    <message>
        <source>Some audit rows were altered, added or removed outside the app. Keep your backups and open Tools ▸ Check database for details.</source>
        <translation>有些审计记录在软件之外被修改、添加或删除了。请保留好备份，并打开“工具 ▸ 检查数据库”查看详情。</translation>
    </message>
    <message>
        <source>Undo this batch</source>
        <translation>撤销这一批</translation>
    </message>
    <message>
        <source>Undo this change</source>
        <translation>撤销这项修改</translation>
    </message>
    <message>
        <source>Apply the opposite change now (it is recorded too, so it can be undone as well)</source>
        <translation>现在做一次相反的修改（这一步也会被记录，之后同样可以撤销）</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>正在读取日志…</translation>
    </message>
    <message>
        <source>Undo all {n} changes of this batch?

{title}

A backup of the database is made first. If any of these records was changed again since, nothing is undone and you are told what is in the way.</source>
        <translation>要撤销这一批的全部 {n} 项改动吗？

{title}

会先备份数据库。如果其中有记录之后又被改过，就一项也不撤销，并告诉您是哪条记录的原因。</translation>
    </message>
    <message>
        <source>Undo this change?

{action} {what}: {summary}

The opposite change is made now and recorded in the log.</source>
        <translation>要撤销这项修改吗？

{action}{what}：{summary}

现在会做一次相反的修改，并记入日志。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <source>A backup was saved first: {file}</source>
        <translation>已先保存了备份：{file}</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV for spreadsheets (*.csv);;JSON (*.json)</source>
        <translation>表格文件 CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>When (local time)</source>
        <translation>时间（本地）</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>孩子</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <source>Before (JSON)</source>
        <translation>修改前（JSON）</translation>
    </message>
    <message>
        <source>After (JSON)</source>
        <translation>修改后（JSON）</translation>
    </message>
    <message>
        <source>Exporting… {n} changes written</source>
        <translation>正在导出…已写入 {n} 项</translation>
    </message>
    <message>
        <source>Exporting the audit log</source>
        <translation>正在导出审计日志</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>a deleted child</source>
        <translation>已删除的孩子</translation>
    </message>
    <message>
        <source>{name} (no longer exists)</source>
        <translation>{name}（已不存在）</translation>
    </message>
    <message>
        <source>Done together as</source>
        <translation>同批操作</translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s) exported to {file}</source>
        <translation>
            <numerusform>已把 %Ln 项改动导出到 {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s) [matches|match]</source>
        <translation>
            <numerusform>共 %Ln 项改动</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n change(s) reversed. The undo is in the log too, so it can be undone as well.</source>
        <translation>
            <numerusform>已撤销：还原了 %n 项改动。这次撤销也记入了日志，之后同样可以撤销。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <source>Backup settings</source>
        <translation>备份设置</translation>
    </message>
</context>
<context>
    <name>BackupSettingsPage</name>
    <message>
        <source>Where backups are kept</source>
        <extracomment>The preferences set with a number, in the order the page shows them (the last one in &quot;Automatic backups&quot;).</extracomment>
        <translation>备份保存位置</translation>
    </message>
    <message>
        <source>Folder (empty: the app&apos;s own backup folder):</source>
        <translation>文件夹（留空则使用软件自带的备份文件夹）：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Use the default</source>
        <translation>使用默认位置</translation>
    </message>
    <message>
        <source>A folder on a USB drive or another disk also protects the records if this computer breaks. If the drive is not connected, the app says so.</source>
        <translation>把备份放在U盘或另一块硬盘上，即使这台电脑坏了，记录也不会丢。如果U盘没有插上，软件会提醒您。</translation>
    </message>
    <message>
        <source>How many backups are kept</source>
        <translation>保留多少份备份</translation>
    </message>
    <message>
        <source>Keep every backup for (days):</source>
        <translation>每一份备份都保留（天）：</translation>
    </message>
    <message>
        <source>then one a day for (days):</source>
        <translation>之后每天保留一份，共（天）：</translation>
    </message>
    <message>
        <source>then one a week for (weeks):</source>
        <translation>再之后每周保留一份，共（周）：</translation>
    </message>
    <message>
        <source>then one a month for (months):</source>
        <translation>再之后每月保留一份，共（个月）：</translation>
    </message>
    <message>
        <source>Backups made just before an import, a restore, an undo, optimizing or a large delete are kept for at least 30 days.</source>
        <translation>导入、恢复、撤销、优化或大量删除之前自动做的备份，至少保留 30 天。</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>Back up when the app is closed</source>
        <translation>关闭软件时自动备份</translation>
    </message>
    <message>
        <source>While the app is open, every (minutes; 0 = never):</source>
        <translation>软件打开期间，每隔（分钟，0 表示不备份）：</translation>
    </message>
    <message>
        <source>Folder for backups</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>This folder is not there (is the drive connected?)</source>
        <translation>找不到这个文件夹（U盘或硬盘插好了吗？）</translation>
    </message>
    <message>
        <source>Either way, only if something changed since the newest backup and that backup is older than the interval.</source>
        <translation>两种自动备份都只在最近一次备份之后有改动、且那次备份早于设定的间隔时才会进行。</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <source>New card</source>
        <translation>新建卡片</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>背面</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <source>New card…</source>
        <translation>新建卡片…</translation>
    </message>
    <message>
        <source>The selected card</source>
        <translation>选中的卡片</translation>
    </message>
    <message>
        <source>Delete the card “{label}”?</source>
        <translation>删除卡片“{label}”吗？</translation>
    </message>
    <message>
        <source>Delete {n} cards?</source>
        <translation>删除 {n} 张卡片吗？</translation>
    </message>
    <message>
        <source>The card was deleted.</source>
        <translation>卡片已删除。</translation>
    </message>
    <message>
        <source>{n} cards deleted.</source>
        <translation>已删除 {n} 张卡片。</translation>
    </message>
    <message>
        <source>{n} cards</source>
        <translation>{n} 张卡片</translation>
    </message>
    <message>
        <source>{n} cards match</source>
        <translation>{n} 张卡片符合</translation>
    </message>
    <message>
        <source>Card added.</source>
        <translation>卡片已添加。</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早的在前</translation>
    </message>
    <message>
        <source>Delete the message “{label}”?</source>
        <translation>删除消息“{label}”吗？</translation>
    </message>
    <message>
        <source>Delete {n} messages?</source>
        <translation>删除 {n} 条消息吗？</translation>
    </message>
    <message>
        <source>The message was deleted.</source>
        <translation>消息已删除。</translation>
    </message>
    <message>
        <source>{n} messages deleted.</source>
        <translation>已删除 {n} 条消息。</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{n} messages match</source>
        <translation>{n} 条消息符合</translation>
    </message>
</context>
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
    <name>Columns</name>
    <message>
        <source>imported on {date}</source>
        <translation>{date} 导入</translation>
    </message>
    <message>
        <source>Brought over from the old app on {date}. The old app did not record when this was mastered.</source>
        <translation>{date} 从旧应用导入。旧应用没有记录是什么时候掌握的。</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Grammar point</source>
        <translation>语法点</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>背面</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>批准时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发送者</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>Content</name>
    <message>
        <source>This picture could not be shown.</source>
        <translation>无法显示这张图片。</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>Cloze text</source>
        <translation>填空内容</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>背面</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>This card has no text.</source>
        <translation>这张卡片没有文字。</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>A name is required.</source>
        <translation>必须填写姓名。</translation>
    </message>
    <message>
        <source>The date of birth must be a date like 2015-01-31.</source>
        <translation>出生日期必须是像 2015-01-31 这样的日期。</translation>
    </message>
    <message>
        <source>The date of birth cannot be in the future.</source>
        <translation>出生日期不能是将来的日期。</translation>
    </message>
    <message>
        <source>The mental age must be between 0 and 30 years.</source>
        <translation>心智年龄必须在 0 到 30 岁之间。</translation>
    </message>
    <message>
        <source>This is not valid JSON.</source>
        <translation>这不是有效的 JSON。</translation>
    </message>
    <message>
        <source>This must be a list.</source>
        <translation>这里必须是一个列表。</translation>
    </message>
    <message>
        <source>This must be an object.</source>
        <translation>这里必须是一个对象。</translation>
    </message>
    <message>
        <source>Every entry must be text.</source>
        <translation>每一项都必须是文字。</translation>
    </message>
    <message>
        <source>A value is required.</source>
        <translation>必须填写一个值。</translation>
    </message>
    <message>
        <source>This must be text.</source>
        <translation>这里必须是文字。</translation>
    </message>
    <message>
        <source>This is not a profile field.</source>
        <translation>这不是档案中的字段。</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({detail}). You can restore it from a backup.</source>
        <extracomment>code → the English sentence (``desktop.errors.MESSAGES[code]``) as the catalogue&apos;s source text.</extracomment>
        <translation>数据库 {path} 已损坏（{detail}）。您可以从备份中恢复它。</translation>
    </message>
    <message>
        <source>The database {path} was made by a newer version of Mastery Ledger (schema {found}; this version knows up to {known}). Please update the app to open it.</source>
        <translation>数据库 {path} 是由更新版本的 Mastery Ledger 创建的（结构版本 {found}；本版本最高只认识 {known}）。请先更新本应用再打开它。</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>{path} 处没有数据库。</translation>
    </message>
    <message>
        <source>The database {path} cannot be read: {reason}.</source>
        <translation>无法读取数据库 {path}：{reason}。</translation>
    </message>
    <message>
        <source>The database {path} cannot be created: {reason}.</source>
        <translation>无法创建数据库 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{path} is not a Mastery Ledger database (it holds other data); it was not changed.</source>
        <translation>{path} 不是 Mastery Ledger 数据库（里面是其他数据）；它没有被改动。</translation>
    </message>
    <message>
        <source>{path} was made by an older version and must be opened in the app once to upgrade.</source>
        <translation>{path} 是由旧版本创建的，必须先在本应用中打开一次以完成升级。</translation>
    </message>
    <message>
        <source>Cannot connect to the server database {url}.</source>
        <translation>无法连接到服务器数据库 {url}。</translation>
    </message>
    <message>
        <source>Cannot connect to the server database {url}: {reason}</source>
        <translation>无法连接到服务器数据库 {url}：{reason}</translation>
    </message>
    <message>
        <source>Server databases need the PostgreSQL driver: pip install &apos;mastery-ledger[postgres]&apos;.</source>
        <translation>使用服务器数据库需要 PostgreSQL 驱动：pip install &apos;mastery-ledger[postgres]&apos;。</translation>
    </message>
    <message>
        <source>The server address {url} cannot be used: {reason}.</source>
        <translation>无法使用服务器地址 {url}：{reason}。</translation>
    </message>
    <message>
        <source>The server database {url} holds no Mastery Ledger data.</source>
        <translation>服务器数据库 {url} 中没有 Mastery Ledger 的数据。</translation>
    </message>
    <message>
        <source>The server database {url} has schema {version}; upgrade it with this app&apos;s transfer command from a backup.</source>
        <translation>服务器数据库 {url} 的结构版本是 {version}；请用本应用的转移命令从备份中将它升级。</translation>
    </message>
    <message>
        <source>The source and the target are the same database.</source>
        <translation>来源和目标是同一个数据库。</translation>
    </message>
    <message>
        <source>The target {target} already holds records. Nothing was copied; use --merge to add only what it lacks.</source>
        <translation>目标 {target} 中已有记录。没有复制任何内容；请使用 --merge 只添加它缺少的记录。</translation>
    </message>
    <message>
        <source>There is no server database to back up.</source>
        <translation>没有可以备份的服务器数据库。</translation>
    </message>
    <message>
        <source>There is no server database to restore into.</source>
        <translation>没有可以恢复到的服务器数据库。</translation>
    </message>
    <message>
        <source>The backup {name} cannot be used: {detail}. It was not restored; the server database was not changed. Choose another backup.</source>
        <translation>备份 {name} 无法使用：{detail}。它没有被恢复；服务器数据库没有被改动。请选择另一个备份。</translation>
    </message>
    <message>
        <source>The backup {name} was made by a newer version of Mastery Ledger.</source>
        <translation>备份 {name} 是由更新版本的 Mastery Ledger 创建的。</translation>
    </message>
    <message>
        <source>The backup {name} is damaged; the server was not changed.</source>
        <translation>备份 {name} 已损坏；服务器没有被改动。</translation>
    </message>
    <message>
        <source>After the restore the server&apos;s counts differ from the backup&apos;s: {different}.</source>
        <translation>恢复后服务器上的记录数与备份中的不同：{different}。</translation>
    </message>
    <message>
        <source>This record was changed elsewhere since you opened it. Nothing was overwritten; reload to see the current version.</source>
        <translation>这条记录在您打开后已在别处被修改。没有覆盖任何内容；请重新载入以查看最新版本。</translation>
    </message>
    <message>
        <source>That record no longer exists ({table} {row_id}).</source>
        <translation>这条记录已不存在（{table} {row_id}）。</translation>
    </message>
    <message>
        <source>must be one of {choices} (got {value}).</source>
        <translation>必须是 {choices} 之一（当前为 {value}）。</translation>
    </message>
    <message>
        <source>The name is too long ({length} characters; at most {limit}).</source>
        <translation>姓名太长（{length} 个字符；最多 {limit} 个）。</translation>
    </message>
    <message>
        <source>A word must be text.</source>
        <translation>词语必须是文字。</translation>
    </message>
    <message>
        <source>The word is empty.</source>
        <translation>词语是空的。</translation>
    </message>
    <message>
        <source>A grammar point is required.</source>
        <translation>必须填写语法点。</translation>
    </message>
    <message>
        <source>That key does not open {path}; nothing was changed.</source>
        <translation>这个密钥打不开 {path}；没有做任何更改。</translation>
    </message>
    <message>
        <source>That passphrase does not open {path}; nothing was changed.</source>
        <translation>这个密码短语打不开 {path}；没有做任何更改。</translation>
    </message>
    <message>
        <source>That recovery key has a typing mistake (its check letters do not match); please compare it with the one you kept. Nothing was changed.</source>
        <translation>这个恢复密钥有输入错误（校验字母对不上），请和您保存的那一份仔细对照。没有做任何更改。</translation>
    </message>
    <message>
        <source>That is not a recovery key (it looks like MLK1-ABCD-EFGH-…, 14 groups of 4 letters and digits). Nothing was changed.</source>
        <translation>这不是恢复密钥（恢复密钥的样子是 MLK1-ABCD-EFGH-…，共 14 组，每组 4 个字母或数字）。没有做任何更改。</translation>
    </message>
    <message>
        <source>The backup {name} is encrypted with a key that is not stored on this computer. Give its recovery key (or passphrase) to restore it; nothing was changed.</source>
        <translation>备份 {name} 是用一个不在这台电脑上的密钥加密的。请输入它的恢复密钥（或密码短语）来恢复它；没有做任何更改。</translation>
    </message>
    <message>
        <source>{path} is already encrypted; nothing was changed.</source>
        <translation>{path} 已经加密了；没有做任何更改。</translation>
    </message>
    <message>
        <source>The encrypted copy of {path} did not match the original ({detail}), so it was not used; your database was not changed.</source>
        <translation>{path} 的加密副本与原文件不一致（{detail}），所以没有使用它；您的数据库没有被更改。</translation>
    </message>
    <message>
        <source>The key could not be stored on this computer ({reason}); nothing was changed.</source>
        <translation>无法把密钥保存在这台电脑上（{reason}）；没有做任何更改。</translation>
    </message>
    <message>
        <source>{archive} is encrypted and its key is not stored on this computer; nothing was restored.</source>
        <translation>{archive} 已加密，而这台电脑上没有保存它的密钥；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{archive} cannot be decrypted with the key stored here (or it was altered); nothing was restored.</source>
        <translation>无法用这台电脑上保存的密钥解密 {archive}（也可能它被改动过）；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>The work was cancelled; nothing was changed.</source>
        <translation>操作已取消；没有做任何更改。</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <source>The backup was cancelled. Nothing was changed.</source>
        <translation>备份已取消。没有做任何更改。</translation>
    </message>
    <message>
        <source>The restore was cancelled. Your database was not changed.</source>
        <translation>恢复已取消。您的数据库没有被改动。</translation>
    </message>
    <message>
        <source>The recovery was cancelled. Nothing was changed.</source>
        <translation>修复已取消。没有做任何更改。</translation>
    </message>
    <message>
        <source>The demo data is missing from this installation ({folder}).</source>
        <translation>这次安装中缺少演示数据（{folder}）。</translation>
    </message>
    <message>
        <source>The demo data could not be imported: {reason}</source>
        <translation>演示数据无法导入：{reason}</translation>
    </message>
    <message>
        <source>The migration was cancelled. Nothing was written to the database.</source>
        <translation>迁移已取消。没有向数据库写入任何内容。</translation>
    </message>
    <message>
        <source>The transfer was cancelled; the target database was not changed.</source>
        <translation>转移已取消；目标数据库没有被改动。</translation>
    </message>
    <message>
        <source>The reading of the old files was cancelled; nothing was changed.</source>
        <translation>读取旧文件已取消；没有做任何更改。</translation>
    </message>
    <message>
        <source>The disk is full: there is no room to {action} in {where}. Free some space or choose another folder. Nothing was lost.</source>
        <translation>磁盘已满：{where} 中没有空间来{action}。请腾出一些空间或选择其他文件夹。没有丢失任何数据。</translation>
    </message>
    <message>
        <source>Mastery Ledger may not write to {where} (it is read-only or belongs to someone else), so it could not {action}. Choose another folder. Nothing was lost.</source>
        <translation>Mastery Ledger 无权写入 {where}（它是只读的或属于其他用户），因此无法{action}。请选择其他文件夹。没有丢失任何数据。</translation>
    </message>
    <message>
        <source>{where} is not there, so Mastery Ledger could not {action}. If it is on a USB drive or memory card, connect it and try again. Nothing was lost.</source>
        <translation>找不到 {where}，因此 Mastery Ledger 无法{action}。如果它在 U 盘或存储卡上，请连接后再试。没有丢失任何数据。</translation>
    </message>
    <message>
        <source>The database is busy (another window or program is using it), so Mastery Ledger could not {action}. Close the other program and try again. Nothing was lost.</source>
        <translation>数据库正忙（另一个窗口或程序正在使用它），因此 Mastery Ledger 无法{action}。请关闭其他程序后再试。没有丢失任何数据。</translation>
    </message>
    <message>
        <source>The drive holding {where} could not be read or written (was it removed?), so Mastery Ledger could not {action}. Reconnect it and try again. Nothing was lost.</source>
        <translation>无法读写 {where} 所在的磁盘（是否已被拔出？），因此 Mastery Ledger 无法{action}。请重新连接后再试。没有丢失任何数据。</translation>
    </message>
    <message>
        <source>Another backup or restore is running; try again when it has finished.</source>
        <translation>另一个备份或恢复正在进行；请等它完成后再试。</translation>
    </message>
    <message>
        <source>Backups of a server database are not available yet; ask your administrator.</source>
        <translation>暂时还不能备份服务器数据库；请询问您的管理员。</translation>
    </message>
    <message>
        <source>The backup folder {folder} is not there. If it is on a USB drive or memory card, connect it and try again. Nothing was lost.</source>
        <translation>找不到备份文件夹 {folder}。如果它在 U 盘或存储卡上，请连接后再试。没有丢失任何数据。</translation>
    </message>
    <message>
        <source>The backup {path} cannot be found: its folder is not there (is the drive connected?).</source>
        <translation>找不到备份 {path}：它所在的文件夹不存在（磁盘是否已连接？）。</translation>
    </message>
    <message>
        <source>There is no backup called {name} in {folder}.</source>
        <translation>{folder} 中没有名为 {name} 的备份。</translation>
    </message>
    <message>
        <source>The backup copy could not be made self-contained.</source>
        <translation>无法使备份副本自成一体。</translation>
    </message>
    <message>
        <source>There is no database at {path}, so there is nothing to back up.</source>
        <translation>{path} 处没有数据库，因此没有可备份的内容。</translation>
    </message>
    <message>
        <source>The damaged database {path} could not be copied aside ({reason}); nothing was changed. Copy the folder somewhere safe and ask for help.</source>
        <translation>无法把已损坏的数据库 {path} 复制到一旁（{reason}）；没有做任何更改。请把这个文件夹复制到安全的地方并寻求帮助。</translation>
    </message>
    <message>
        <source>The database is open in another window or program. Close it and try again. Nothing was changed.</source>
        <translation>数据库正在另一个窗口或程序中打开。请关闭它后再试。没有做任何更改。</translation>
    </message>
    <message>
        <source>The backup {name} cannot be used because {detail}; your database was not changed.</source>
        <translation>备份 {name} 无法使用，原因是：{detail}；您的数据库没有被改动。</translation>
    </message>
    <message>
        <source>The backup {name} was not restored because its audit trail does not verify ({problems}); your database was not changed.</source>
        <translation>备份 {name} 没有被恢复，因为它的审计记录无法通过验证（{problems}）；您的数据库没有被改动。</translation>
    </message>
    <message>
        <source>The backup was put in place but could not be opened: {detail}</source>
        <translation>备份已放回原处，但无法打开：{detail}</translation>
    </message>
    <message>
        <source>The backup was put in place but could not be opened: {detail} The replaced database is saved as {safety}.</source>
        <translation>备份已放回原处，但无法打开：{detail} 被替换的数据库已保存为 {safety}。</translation>
    </message>
    <message>
        <source>No usable backup was found in {where}, so the damaged database {path} was left as it is. If your backups are on a USB drive, connect it and try again; otherwise ask for help and do not delete the file.</source>
        <translation>在 {where} 中没有找到可用的备份，因此已损坏的数据库 {path} 保持原样。如果您的备份在 U 盘上，请连接后再试；否则请寻求帮助，并且不要删除这个文件。</translation>
    </message>
    <message>
        <source>{file} changed while it was being migrated. Nothing was written; please try again.</source>
        <translation>{file} 在迁移过程中被修改了。没有写入任何内容；请重试。</translation>
    </message>
    <message>
        <source>The backup copy of the old files could not be written: {reason}.</source>
        <translation>无法写入旧文件的备份副本：{reason}。</translation>
    </message>
    <message>
        <source>The backup copy of the old files ({name}) changed after it was written. Nothing was written; please try again.</source>
        <translation>旧文件的备份副本（{name}）在写入后被修改了。没有写入任何内容；请重试。</translation>
    </message>
    <message>
        <source>The backup copy of the old files ({name}) cannot be read back. Nothing was written; please try again.</source>
        <translation>无法读回旧文件的备份副本（{name}）。没有写入任何内容；请重试。</translation>
    </message>
    <message>
        <source>The backup copy of the old files ({name}) is incomplete. Nothing was written; please try again.</source>
        <translation>旧文件的备份副本（{name}）不完整。没有写入任何内容；请重试。</translation>
    </message>
    <message>
        <source>The migration lock {path} cannot be opened: {reason}.</source>
        <translation>无法打开迁移锁 {path}：{reason}。</translation>
    </message>
    <message>
        <source>The archive names a file outside the chosen folder ({member}); nothing was restored.</source>
        <translation>存档中有一个位于所选文件夹之外的文件（{member}）；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{archive} has no readable manifest; nothing was restored.</source>
        <translation>{archive} 中没有可读取的清单；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>The archive names {file} twice; nothing was restored.</source>
        <translation>存档中 {file} 出现了两次；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{file} is missing from the archive; nothing was restored.</source>
        <translation>存档中缺少 {file}；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{file} in the archive does not have the size its manifest gives ({size:,} bytes instead of {expected:,}); nothing was restored.</source>
        <translation>存档中 {file} 的大小与清单不符（{size:,} 字节，而不是 {expected:,}）；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{file} in the archive would be {size:,} bytes, far more than any file of the old app; nothing was restored.</source>
        <translation>存档中的 {file} 将有 {size:,} 字节，远大于旧应用的任何文件；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{path} already exists; choose an empty folder. Nothing was restored.</source>
        <translation>{path} 已存在；请选择一个空文件夹。没有恢复任何内容。</translation>
    </message>
    <message>
        <source>There is not enough free space in {folder} to restore {size:,} bytes; nothing was restored.</source>
        <translation>{folder} 中没有足够的空间来恢复 {size:,} 字节；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{file} in the archive is bigger than its manifest says; nothing was restored.</source>
        <translation>存档中的 {file} 比清单中写的大；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{file} in the archive is damaged ({detail}); nothing was restored.</source>
        <translation>存档中的 {file} 已损坏（{detail}）；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{file} in the archive does not match its checksum; nothing was restored.</source>
        <translation>存档中的 {file} 与其校验和不符；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{archive} is not a readable migration archive.</source>
        <translation>{archive} 不是可读取的迁移存档。</translation>
    </message>
    <message>
        <source>The files could not be restored ({reason}); nothing was restored.</source>
        <translation>无法恢复这些文件（{reason}）；没有恢复任何内容。</translation>
    </message>
    <message>
        <source>{folder} already holds the old app&apos;s files ({names}). Choose another folder, or overwrite them (the old ones are then kept as .bak). Nothing was written.</source>
        <translation>{folder} 中已有旧应用的文件（{names}）。请选择其他文件夹，或覆盖它们（原来的文件会保留为 .bak）。没有写入任何内容。</translation>
    </message>
    <message>
        <source>{folder} already holds the old app&apos;s files ({names} and {more} more). Choose another folder, or overwrite them (the old ones are then kept as .bak). Nothing was written.</source>
        <translation>{folder} 中已有旧应用的文件（{names} 以及另外 {more} 个）。请选择其他文件夹，或覆盖它们（原来的文件会保留为 .bak）。没有写入任何内容。</translation>
    </message>
    <message>
        <source>The migration could not be verified, so nothing was written: {differences}</source>
        <translation>迁移无法通过验证，因此没有写入任何内容：{differences}</translation>
    </message>
    <message>
        <source>This grammar point is already mastered.</source>
        <translation>这个语法点已经掌握了。</translation>
    </message>
    <message>
        <source>This is not a grammar point&apos;s address. Choose a grammar point from the list, or give its full address (http://…/gp-a1-001-…).</source>
        <translation>这不是语法点的地址。请从列表中选择语法点，或者填写完整的地址（http://…/gp-a1-001-…）。</translation>
    </message>
    <message>
        <source>A message cannot be empty.</source>
        <translation>消息不能为空。</translation>
    </message>
    <message>
        <source>The card is empty: write something on its front or back.</source>
        <translation>卡片是空的：请在正面或背面写点内容。</translation>
    </message>
    <message>
        <source>A profile with this id already exists.</source>
        <translation>已有使用这个编号的档案。</translation>
    </message>
    <message>
        <source>The child this record belongs to does not exist.</source>
        <translation>这条记录所属的孩子不存在。</translation>
    </message>
    <message>
        <source>That child no longer exists.</source>
        <translation>这个孩子的档案已不存在。</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>没有打开任何数据库。</translation>
    </message>
    <message>
        <source>“{word}” is already mastered.</source>
        <translation>“{word}”已经掌握了。</translation>
    </message>
    <message>
        <source>There is already a child called “{name}”.</source>
        <translation>已经有一个叫“{name}”的孩子了。</translation>
    </message>
    <message>
        <source>{value} is not a real date (use YYYY-MM-DD, e.g. 2015-01-31).</source>
        <translation>{value} 不是有效的日期（请用 年-月-日 格式，例如 2015-01-31）。</translation>
    </message>
    <message>
        <source>{value} is not a number.</source>
        <translation>{value} 不是数字。</translation>
    </message>
    <message>
        <source>{path} is encrypted and no key stored on this computer opens it (or it is damaged). Give its recovery key (or passphrase) to open it; nothing was changed.</source>
        <translation>{path} 已加密，而这台电脑上保存的密钥都打不开它（也可能它已损坏）。请输入它的恢复密钥（或密码短语）来打开它；没有做任何更改。</translation>
    </message>
    <message>
        <source>This record was changed elsewhere since you opened it. Nothing was overwritten; the current version is shown now.</source>
        <extracomment>Sentences the window says in its own words: after a conflict it has already reloaded the record.</extracomment>
        <translation>这条记录在您打开后已在别处被修改。没有覆盖任何内容；现在显示的是最新版本。</translation>
    </message>
    <message>
        <source>create the backup folder</source>
        <extracomment>The ``action`` param of the backups&apos; storage errors (what ``desktop.backup.files.storage_errors`` was doing).</extracomment>
        <translation>创建备份文件夹</translation>
    </message>
    <message>
        <source>read the database</source>
        <translation>读取数据库</translation>
    </message>
    <message>
        <source>check the backup</source>
        <translation>检查备份</translation>
    </message>
    <message>
        <source>list the backups</source>
        <translation>列出备份</translation>
    </message>
    <message>
        <source>write the backup</source>
        <translation>写入备份</translation>
    </message>
    <message>
        <source>tidy up old backups</source>
        <translation>清理旧备份</translation>
    </message>
    <message>
        <source>tidy up after an interrupted restore</source>
        <translation>清理中断的恢复留下的文件</translation>
    </message>
    <message>
        <source>restore the backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>encrypt the database</source>
        <translation>加密数据库</translation>
    </message>
    <message>
        <source>The database is busy: another program (or another Mastery Ledger window) is writing to it. Nothing was changed; please try again in a moment.</source>
        <translation>数据库正忙：另一个程序（或另一个 Mastery Ledger 窗口）正在写入。没有做任何更改，请稍后再试。</translation>
    </message>
    <message>
        <source>The disk is full, so nothing could be saved. Free some space and try again.</source>
        <translation>磁盘已满，无法保存。请腾出一些空间后再试。</translation>
    </message>
    <message>
        <source>The database cannot be written to (the file or its folder is read-only, or the drive is write-protected). Nothing was changed.</source>
        <translation>无法写入数据库（文件或其所在文件夹是只读的，或磁盘有写保护）。没有做任何更改。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; nothing was half-written. Details are in the log file {log}.</source>
        <extracomment>What a job returns, handed to its ``on_done``.</extracomment>
        <translation>发生了意外错误；没有任何数据只写了一半。详细信息在日志文件 {log} 中。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Mastery Ledger — something went wrong</source>
        <translation>Mastery Ledger —— 出错了</translation>
    </message>
    <message>
        <source>Something unexpected went wrong: {summary}</source>
        <translation>发生了意外错误：{summary}</translation>
    </message>
    <message>
        <source>Your records are safe: every change is saved in one piece or not at all. You can keep working, or close and reopen the app. If this happens again, please send the details below to whoever looks after the app.</source>
        <translation>您的记录是安全的：每一次更改要么完整保存，要么完全不保存。您可以继续使用，也可以关闭后重新打开本软件。如果再次出现这个问题，请把下面的详细信息发给负责维护本软件的人。</translation>
    </message>
    <message>
        <source>The log file is at: {path}</source>
        <translation>日志文件位置：{path}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Select a change to see it field by field.</source>
        <translation>选中一项改动，就能逐项查看修改前后的内容。</translation>
    </message>
    <message>
        <source>child</source>
        <translation>孩子</translation>
    </message>
    <message>
        <source>The change field by field</source>
        <translation>逐个字段查看这次修改</translation>
    </message>
    <message>
        <source>{action} the child “{label}” — {who}, {when}</source>
        <translation>{action}孩子档案“{label}” — {who}，{when}</translation>
    </message>
    <message>
        <source>{action} {what} “{label}” of {child} — {who}, {when}</source>
        <translation>{child} 的{what}“{label}”：{action} — {who}，{when}</translation>
    </message>
    <message>
        <source>Part of: {batch}</source>
        <translation>属于：{batch}</translation>
    </message>
    <message>
        <source>{title}: {changes} by {who}, {when}. Expand the line to see them; “Undo this batch” undoes all of them at once.</source>
        <translation>{title}：{who} 于 {when} 完成的 {changes}。展开这一行可以逐条查看；“撤销这一批”会一次全部撤销。</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
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
    <name>Encryption</name>
    <message>
        <source>Making a backup first…</source>
        <extracomment>The engine&apos;s progress steps (``desktop.backup.encrypt.STEPS``), as the progress dialog says them.</extracomment>
        <translation>先做一个备份…</translation>
    </message>
    <message>
        <source>Encrypting the database…</source>
        <translation>正在加密数据库…</translation>
    </message>
    <message>
        <source>Copying the records into the encrypted file…</source>
        <translation>正在把记录复制到加密文件中…</translation>
    </message>
    <message>
        <source>Checking the encrypted copy…</source>
        <translation>正在检查加密副本…</translation>
    </message>
    <message>
        <source>Noting the encryption in the audit log…</source>
        <translation>正在把这次加密写入审计日志…</translation>
    </message>
    <message>
        <source>Putting the encrypted file in place…</source>
        <translation>正在用加密文件替换原文件…</translation>
    </message>
    <message>
        <source>Removing the unencrypted file…</source>
        <translation>正在删除未加密的文件…</translation>
    </message>
    <message>
        <source>Encrypting scrambles the records on this computer&apos;s disk, so that a lost laptop, a copied file or a backup on a USB stick reveals nothing about your child. Day to day nothing changes: this computer keeps the key for you, and you will be shown a recovery key to write down.</source>
        <translation>加密会把这台电脑硬盘上的记录变成别人看不懂的内容，这样即使笔记本电脑丢了、文件被复制走了，或者 U 盘里的备份落到别人手里，也不会泄露孩子的任何信息。平时使用没有任何变化：这台电脑会替您保管密钥，您还会看到一个恢复密钥，请把它抄下来。</translation>
    </message>
    <message>
        <source>Encrypting scrambles the records on this computer&apos;s disk, so that a lost laptop, a copied file or a backup on a USB stick reveals nothing about your child. Because this is a shared computer (see Settings), the records will be locked with a passphrase asked for at every start.</source>
        <translation>加密会把这台电脑硬盘上的记录变成别人看不懂的内容，这样即使笔记本电脑丢了、文件被复制走了，或者 U 盘里的备份落到别人手里，也不会泄露孩子的任何信息。因为这是一台共用电脑（见“设置”），记录将用密码短语锁住，每次启动时都会要求输入。</translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>A backup is made first, and the old file is removed only after the encrypted one has been checked. Backups made from now on are encrypted too.</source>
        <translation>会先做一个备份；只有在加密后的文件检查无误之后，才会删除旧文件。从现在起做的备份也都会加密。</translation>
    </message>
    <message>
        <source>Encrypt the database</source>
        <translation>加密数据库</translation>
    </message>
    <message>
        <source>Only a database file on this computer can be encrypted here. A server database is protected by the server and its administrator.</source>
        <translation>这里只能加密这台电脑上的数据库文件。服务器数据库由服务器及其管理员负责保护。</translation>
    </message>
    <message>
        <source>This database is already encrypted.</source>
        <translation>这个数据库已经加密了。</translation>
    </message>
    <message>
        <source>The database is encrypted.</source>
        <translation>数据库已加密。</translation>
    </message>
    <message>
        <source>The database is encrypted. Mastery Ledger will ask for the passphrase every time it starts.</source>
        <translation>数据库已加密。以后每次启动 Mastery Ledger 时都会要求输入密码短语。</translation>
    </message>
    <message>
        <source>Encrypting</source>
        <translation>正在加密</translation>
    </message>
    <message>
        <source>Export</source>
        <extracomment>The windows that said, in this run, that an export is plain text (once per window: a parent is told, not nagged).</extracomment>
        <translation>导出</translation>
    </message>
    <message>
        <source>The records are encrypted, but the file you export is not: anyone who gets hold of it can read it. Keep it on this computer, and delete it when you no longer need it.</source>
        <translation>记录是加密的，但导出的文件没有加密：谁拿到它都能看到里面的内容。请把它留在这台电脑上，不再需要时就删除。</translation>
    </message>
    <message>
        <source>Not encrypted — &lt;a href=&apos;encrypt&apos;&gt;Encrypt…&lt;/a&gt;</source>
        <translation>未加密 — &lt;a href=&apos;encrypt&apos;&gt;加密…&lt;/a&gt;</translation>
    </message>
    <message>
        <source>The records are stored as plain text on this computer&apos;s disk.</source>
        <translation>记录以未加密的形式保存在这台电脑的硬盘上。</translation>
    </message>
    <message>
        <source>⚠ Key kept in a file</source>
        <translation>⚠ 密钥保存在文件中</translation>
    </message>
    <message>
        <source>This computer has no keychain, so the key that opens the records is kept in a file only your account can read, in the app&apos;s data folder. Keep your recovery key safe.</source>
        <translation>这台电脑没有系统钥匙串，所以打开记录的密钥保存在本应用数据文件夹里的一个文件中，只有您的账户能读取。请妥善保管您的恢复密钥。</translation>
    </message>
    <message>
        <source>🔒 Encrypted</source>
        <translation>🔒 已加密</translation>
    </message>
    <message>
        <source>The records are encrypted; this computer&apos;s keychain holds the key.</source>
        <translation>记录已加密；密钥保存在这台电脑的系统钥匙串中。</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>{months} months</source>
        <translation>{months}个月</translation>
    </message>
    <message>
        <source>{years} years</source>
        <translation>{years}岁</translation>
    </message>
    <message>
        <source>{years} years {months} months</source>
        <translation>{years}岁{months}个月</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>基础</translation>
    </message>
    <message>
        <source>Basic (and reversed)</source>
        <translation>基础（含反向）</translation>
    </message>
    <message>
        <source>Cloze</source>
        <translation>填空</translation>
    </message>
    <message>
        <source>Interactive cloze</source>
        <translation>互动填空</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>家长</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>[image]</source>
        <translation>[图片]</translation>
    </message>
    <message>
        <source>… (open the message to read all of it)</source>
        <translation>……（打开消息可阅读全文）</translation>
    </message>
</context>
<context>
    <name>GrammarPage</name>
    <message>
        <source>Add a grammar point: type its name, or paste its address…</source>
        <extracomment>name shown in the completer → address, for the points known in this database</extracomment>
        <translation>添加语法点：输入名称，或粘贴地址…</translation>
    </message>
    <message>
        <source>Delete the grammar point “{label}”?</source>
        <translation>删除语法点“{label}”吗？</translation>
    </message>
    <message>
        <source>Delete {n} grammar points?</source>
        <translation>删除 {n} 个语法点吗？</translation>
    </message>
    <message>
        <source>The grammar point “{label}” was deleted.</source>
        <translation>语法点“{label}”已删除。</translation>
    </message>
    <message>
        <source>{n} grammar points deleted.</source>
        <translation>已删除 {n} 个语法点。</translation>
    </message>
    <message>
        <source>{n} grammar points</source>
        <translation>{n} 个语法点</translation>
    </message>
    <message>
        <source>{n} grammar points match</source>
        <translation>{n} 个语法点符合</translation>
    </message>
    <message>
        <source>Grammar point “{name}” added.</source>
        <translation>已添加语法点“{name}”。</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>Checking the database…</source>
        <extracomment>A backup older than this is worth a warning (the status bar has its own setting for its reminder).</extracomment>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>Database health — Mastery Ledger</source>
        <translation>数据库健康检查 — Mastery Ledger</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>文件完整性</translation>
    </message>
    <message>
        <source>Links between records</source>
        <translation>记录之间的关联</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Audit recording</source>
        <translation>修改记录功能</translation>
    </message>
    <message>
        <source>Database version</source>
        <translation>数据库版本</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>最近一次备份</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份数量</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Optimize…</source>
        <translation>优化…</translation>
    </message>
    <message>
        <source>Make a backup, then compact the database file and refresh its statistics (VACUUM and ANALYZE)</source>
        <translation>先备份，再压缩数据库文件并更新统计信息（VACUUM 和 ANALYZE）</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>Checking the database… (the audit trail is read in full; this can take a moment on a large database)</source>
        <translation>正在检查数据库…（需要完整读取审计记录，数据库较大时请稍等）</translation>
    </message>
    <message>
        <source>Checking the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>No damage found in the database file.</source>
        <translation>数据库文件没有发现损坏。</translation>
    </message>
    <message>
        <source>The database file is damaged: {detail}. Restore a backup.</source>
        <translation>数据库文件已损坏：{detail}。请从备份恢复。</translation>
    </message>
    <message>
        <source>Every record belongs to a child that exists.</source>
        <translation>每条记录都属于一个存在的孩子。</translation>
    </message>
    <message>
        <source>Some records point to a child that does not exist ({detail}).</source>
        <translation>有些记录所属的孩子不存在（{detail}）。</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Verified: {rows} changes in {seals} seals; nothing was altered afterwards.</source>
        <translation>已核对：{seals} 个校验段中的 {rows} 项改动，事后都没有被改动过。</translation>
    </message>
    <message>
        <source>{n} newer changes are sealed at the next save.</source>
        <translation>另有 {n} 项较新的改动会在下次保存时加上校验。</translation>
    </message>
    <message>
        <source>Damaged — the log was changed outside the app: {problems}</source>
        <translation>日志在软件之外被改动过：{problems}</translation>
    </message>
    <message>
        <source>Every change is being recorded.</source>
        <translation>每一次修改都会被记录。</translation>
    </message>
    <message>
        <source>{version} (current)</source>
        <translation>{version}（最新）</translation>
    </message>
    <message>
        <source>{version}; this app expects {expected}.</source>
        <translation>{version}；本软件需要的是 {expected}。</translation>
    </message>
    <message>
        <source>A server database is backed up by the server&apos;s own tools.</source>
        <translation>服务器数据库由服务器自己的工具备份。</translation>
    </message>
    <message>
        <source>No backup yet. Make one with Tools ▸ Back up now (Ctrl+B).</source>
        <translation>还没有备份。请用“工具 ▸ 立即备份”（Ctrl+B）做一份。</translation>
    </message>
    <message>
        <source>{ago} ({when}, {file})</source>
        <translation>{ago}（{when}，{file}）</translation>
    </message>
    <message>
        <source>this backup is damaged; make a new one now (Ctrl+B)</source>
        <translation>这份备份已损坏，请立即重新备份（Ctrl+B）</translation>
    </message>
    <message>
        <source>{n} in {folder}</source>
        <translation>共 {n} 份，在 {folder}</translation>
    </message>
    <message>
        <source>The database is healthy.</source>
        <translation>数据库状态良好。</translation>
    </message>
    <message>
        <source>The check found {n} problem(s). Nothing has been changed. Keep your backups, and ask whoever looks after the app if you are unsure.</source>
        <translation>检查发现 {n} 个问题。没有做任何改动。请保留好备份；如果不确定怎么办，请联系负责维护软件的人。</translation>
    </message>
    <message>
        <source>change no. {a} was altered after it was recorded</source>
        <translation>第 {a} 号改动在记录之后被修改过</translation>
    </message>
    <message>
        <source>changes no. {a}–{b} were altered after they were recorded</source>
        <translation>第 {a}–{b} 号改动在记录之后被修改过</translation>
    </message>
    <message>
        <source>changes no. {a}–{b}: {sealed} were recorded, {there} are there (some were deleted or added)</source>
        <translation>第 {a}–{b} 号改动：记录时有 {sealed} 项，现在有 {there} 项（有的被删除或添加了）</translation>
    </message>
    <message>
        <source>seal {id} does not follow the one before it (a seal was removed or forged)</source>
        <translation>第 {id} 个校验段与前一个接不上（有校验段被删除或伪造）</translation>
    </message>
    <message>
        <source>{n} changes were slipped in among recorded ones</source>
        <translation>有 {n} 项改动被偷偷插入到已记录的改动之间</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n} KB</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>Optimize the database now?

A backup is made first; then the file is compacted and its statistics refreshed. Nothing in the records changes. Other windows and programs should not use the database meanwhile.</source>
        <translation>现在优化数据库吗？

会先做一份备份，然后压缩数据库文件并更新统计信息。记录内容不会有任何变化。优化期间请不要在其他窗口或程序里使用这个数据库。</translation>
    </message>
    <message>
        <source>Optimize</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Making a backup first…</source>
        <translation>正在先做备份…</translation>
    </message>
    <message>
        <source>Compacting the database…</source>
        <translation>正在压缩数据库…</translation>
    </message>
    <message>
        <source>Refreshing statistics…</source>
        <translation>正在更新统计信息…</translation>
    </message>
    <message>
        <source>Optimizing the database</source>
        <translation>正在优化数据库</translation>
    </message>
    <message>
        <source>Optimized: {before} → {after}. A backup was saved first: {file}</source>
        <translation>优化完成：{before} → {after}。已先保存了备份：{file}</translation>
    </message>
    <message>
        <source>Records vs. history</source>
        <translation>记录与历史核对</translation>
    </message>
    <message>
        <source>History kept elsewhere</source>
        <translation>在别处保存的历史</translation>
    </message>
    <message>
        <source>The recording was found changed and put back {n} time(s); the row below says whether anything was changed meanwhile.</source>
        <translation>曾发现修改记录功能被改动，已恢复 {n} 次；下一行显示在此期间是否有记录被改动。</translation>
    </message>
    <message>
        <source>The recording was changed by another program ({n} difference(s): {details}). The app puts it back, on record, the next time it opens the database.</source>
        <translation>修改记录功能被其他程序改动了（{n} 处不同：{details}）。应用下次打开数据库时会恢复它，并留下记录。</translation>
    </message>
    <message>
        <source>Every record is exactly what its history says.</source>
        <translation>每条记录都与其历史完全一致。</translation>
    </message>
    <message>
        <source>{n} record(s) were changed without being recorded, or the history holds entries the app did not write: {details}</source>
        <translation>有 {n} 条记录在没有留下修改记录的情况下被改动，或历史中有并非本应用写入的条目：{details}</translation>
    </message>
    <message>
        <source>The history still matches what the app and the backups noted of it.</source>
        <translation>历史仍与应用和备份所记下的一致。</translation>
    </message>
    <message>
        <source>The history was cut short or rewritten since the app last saw it: {details}</source>
        <translation>自应用上次查看以来，历史被截短或改写了：{details}</translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <source>Welcome to Mastery Ledger</source>
        <translation>欢迎使用 Mastery Ledger</translation>
    </message>
    <message>
        <source>The records are locked, and nothing has been changed. Enter the passphrase or the recovery key to open them, or open another database.</source>
        <translation>记录已锁住，没有做任何更改。请输入密码短语或恢复密钥来打开它们，或者打开另一个数据库。</translation>
    </message>
    <message>
        <source>&amp;Unlock…</source>
        <translation>解锁(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Open another database…</source>
        <translation>打开另一个数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Mastery Ledger database (*.db);;All files (*)</source>
        <translation>Mastery Ledger 数据库 (*.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New database…</source>
        <extracomment>The actions of each menu, in order; ``None`` is a separator. The View menu is built from the tabs.</extracomment>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import legacy data…</source>
        <translation>导入旧版数据(&amp;I)…</translation>
    </message>
    <message>
        <source>Export &amp;legacy JSON…</source>
        <translation>导出为旧版 JSON(&amp;L)…</translation>
    </message>
    <message>
        <source>Export table as &amp;CSV…</source>
        <translation>将表格导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Open &amp;server database…</source>
        <translation>打开服务器数据库(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Move to server database…</source>
        <translation>迁移到服务器数据库(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>Add &amp;child…</source>
        <translation>添加孩子(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Paste a list of words…</source>
        <translation>粘贴词语列表(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Delete selected…</source>
        <translation>删除所选(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <source>Backup se&amp;ttings…</source>
        <translation>备份设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Check database…</source>
        <translation>检查数据库(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Encrypt database…</source>
        <translation>加密数据库(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;About Mastery Ledger</source>
        <translation>关于 Mastery Ledger(&amp;A)</translation>
    </message>
    <message>
        <source>Add a record to the open tab</source>
        <translation>在当前标签页中添加一条记录</translation>
    </message>
    <message>
        <source>Records of the selected child</source>
        <extracomment>The background check starts at the window&apos;s first paint, or this long after it was shown, whichever comes first.</extracomment>
        <translation>选中孩子的记录</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Chinese words</source>
        <translation>中文词语</translation>
    </message>
    <message>
        <source>English words</source>
        <translation>英文词语</translation>
    </message>
    <message>
        <source>Grammar</source>
        <translation>语法</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>no database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>Add child</source>
        <translation>添加孩子</translation>
    </message>
    <message>
        <source>The child&apos;s name:</source>
        <translation>孩子的姓名：</translation>
    </message>
    <message>
        <source>Delete {name} and all of their records ({n} in all)?</source>
        <translation>删除 {name} 及其所有记录（共 {n} 条）吗？</translation>
    </message>
    <message>
        <source>Delete child</source>
        <translation>删除孩子</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>A backup of the whole database is made first, so this can be undone by restoring it.</source>
        <translation>删除前会先备份整个数据库，需要时可以通过恢复备份来撤销。</translation>
    </message>
    <message>
        <source>Making a backup first…</source>
        <translation>正在先做备份…</translation>
    </message>
    <message>
        <source>{name} was deleted. A backup was saved first: {file}</source>
        <translation>{name} 已删除。删除前已保存备份：{file}</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>正在删除</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>Mastery Ledger database (*.db)</source>
        <translation>Mastery Ledger 数据库 (*.db)</translation>
    </message>
    <message>
        <source>There is already a file at {path}. Choose another name, or use Open database to open it.</source>
        <translation>{path} 已有文件。请换一个名称，或用“打开数据库”打开它。</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Mastery Ledger database (*.db);;All files (*)</source>
        <translation>Mastery Ledger 数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open server database</source>
        <translation>打开服务器数据库</translation>
    </message>
    <message>
        <source>That database is already open in another window; it was brought to the front.</source>
        <translation>这个数据库已在另一个窗口中打开，已把该窗口切换到前面。</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>将表格导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export legacy JSON to…</source>
        <translation>将旧版 JSON 导出到…</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Exported to {folder}</source>
        <translation>已导出到 {folder}</translation>
    </message>
    <message>
        <source>Mastery Ledger {version}

Keeps children&apos;s learning records safe, with an audit trail and backups.

Database: {database}
Data folder: {data}
Log file: {log}</source>
        <translation>Mastery Ledger {version}

安全保存孩子的学习记录，带有审计记录和备份。

数据库：{database}
数据文件夹：{data}
日志文件：{log}</translation>
    </message>
    <message>
        <source>About Mastery Ledger</source>
        <translation>关于 Mastery Ledger</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Checking the database in the background (every page and the audit trail); you can keep working.</source>
        <translation>正在后台检查数据库（每一页和审计记录），您可以继续使用。</translation>
    </message>
    <message>
        <source>✔ Checked</source>
        <translation>✔ 已检查</translation>
    </message>
    <message>
        <source>No damage found, and the audit trail verifies. Click for the full check.</source>
        <translation>未发现损坏，审计记录核对无误。点击查看完整检查。</translation>
    </message>
    <message>
        <source>✖ Database damaged</source>
        <translation>✖ 数据库已损坏</translation>
    </message>
    <message>
        <source>The database file is damaged: {detail}. Click for the health page.</source>
        <translation>数据库文件已损坏：{detail}。点击打开健康检查页面。</translation>
    </message>
    <message>
        <source>✖ Audit trail problem</source>
        <translation>✖ 审计记录有问题</translation>
    </message>
    <message>
        <source>The audit trail has a problem: {detail}. Click for the health page.</source>
        <translation>审计记录有问题：{detail}。点击打开健康检查页面。</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>The background check could not run: {detail}</source>
        <translation>后台检查无法运行：{detail}</translation>
    </message>
    <message>
        <source>Nothing to back up yet</source>
        <translation>还没有需要备份的内容</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>尚未备份</translation>
    </message>
    <message>
        <source>Last backup: {ago}</source>
        <translation>上次备份：{ago}</translation>
    </message>
    <message>
        <source>Make one with Tools ▸ Back up now (Ctrl+B)</source>
        <translation>请用 工具 ▸ 立即备份（Ctrl+B）备份一次</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{n} minutes ago</source>
        <translation>{n} 分钟前</translation>
    </message>
    <message>
        <source>{n} hours ago</source>
        <translation>{n} 小时前</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>{n} 天前</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>关闭这条消息</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <source>{who}, {when}</source>
        <translation>{who}，{when}</translation>
    </message>
    <message>
        <source>about {names}</source>
        <translation>关于 {names}</translation>
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
    <name>NewPassphraseDialog</name>
    <message>
        <source>Choose a passphrase — Mastery Ledger</source>
        <translation>设置密码短语 — Mastery Ledger</translation>
    </message>
    <message>
        <source>On a shared computer the records can be locked with a passphrase that Mastery Ledger asks for at every start, instead of a key this computer keeps.</source>
        <translation>在共用电脑上，可以用密码短语锁住记录：每次启动 Mastery Ledger 时都要输入它，而不是由这台电脑保管密钥。</translation>
    </message>
    <message>
        <source>There is no recovery key for a passphrase: if it is forgotten, nobody can open the records again. Choose one you will remember, and keep a copy of it somewhere safe.</source>
        <translation>密码短语没有恢复密钥：一旦忘记，谁也无法再打开这些记录。请选一个您记得住的，并把它另外抄一份放在安全的地方。</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>密码短语(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Again, to be sure:</source>
        <translation>再输入一次(&amp;A)：</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入密码短语</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>密码短语至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases are not the same; please type them again.</source>
        <translation>两次输入的密码短语不一样，请重新输入。</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <source>Another program had changed how this database records changes. The app has put the recording back and noted that in the audit log. Tools ▸ Check database shows whether anything was changed while it was off.</source>
        <translation>另一个程序改动了这个数据库记录修改的方式。应用已恢复修改记录功能，并在审计日志中记下了这件事。“工具 ▸ 检查数据库”会显示在记录关闭期间是否有内容被改动。</translation>
    </message>
    <message>
        <source>Upgrading the database</source>
        <translation>正在升级数据库</translation>
    </message>
    <message>
        <source>This database is damaged — restore it from a backup?

{path}</source>
        <translation>这个数据库已损坏——要从备份恢复吗？

{path}</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <source>The damaged file is kept beside it, renamed, so nothing is thrown away.</source>
        <translation>损坏的文件会改名后保留在原处，不会丢弃任何东西。</translation>
    </message>
    <message>
        <source>Restoring from a backup</source>
        <translation>正在从备份恢复</translation>
    </message>
    <message>
        <source>The database was restored from a backup and is open again.</source>
        <translation>数据库已从备份恢复，并已重新打开。</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Neighbourhood</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Verbal fluency</source>
        <translation>语言流利程度</translation>
    </message>
    <message>
        <source>Understands (level)</source>
        <translation>理解能力（水平）</translation>
    </message>
    <message>
        <source>Mental age (years)</source>
        <translation>心智年龄（岁）</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Favourite characters</source>
        <translation>喜欢的角色</translation>
    </message>
    <message>
        <source>Extracted data (JSON)</source>
        <translation>提取的数据（JSON）</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>e.g. 6.5</source>
        <translation>例如 6.5</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Year, month and day, e.g. 2015-01-31 (2015/1/31 and 2015年1月31日 work too)</source>
        <translation>年、月、日，例如 2015-01-31（也可以写 2015/1/31 或 2015年1月31日）</translation>
    </message>
    <message>
        <source>Add an interest…</source>
        <translation>添加一个兴趣…</translation>
    </message>
    <message>
        <source>Click to remove</source>
        <translation>点击删除</translation>
    </message>
    <message>
        <source>Add a character…</source>
        <translation>添加一个角色…</translation>
    </message>
    <message>
        <source>Parent&apos;s notes — private</source>
        <translation>家长备注——仅自己可见</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Private: what the parent wrote when the profile was made (phone numbers, family). It stays on this computer and is not put on cards or sent anywhere.</source>
        <translation>私密：家长建档时写下的内容（电话号码、家庭情况）。只保存在这台电脑上，不会放到卡片上，也不会发送到任何地方。</translation>
    </message>
    <message>
        <source>More details</source>
        <translation>更多信息</translation>
    </message>
    <message>
        <source>Profile id</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <source>Created / changed</source>
        <translation>创建 / 修改时间</translation>
    </message>
    <message>
        <source>Kept from the old app</source>
        <translation>从旧版软件保留的数据</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the profile (Ctrl+S)</source>
        <translation>保存档案（Ctrl+S）</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <source>Chinese words</source>
        <translation>中文词语</translation>
    </message>
    <message>
        <source>English words</source>
        <translation>英文词语</translation>
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
        <source>Words mastered over time</source>
        <translation>已掌握词语的增长</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>No words yet. Words you add will show here as a line that grows.</source>
        <translation>还没有词语。添加的词语会在这里显示为一条不断增长的曲线。</translation>
    </message>
    <message>
        <source>No child selected</source>
        <extracomment>Below this width (a small screen) the page is one column: tiles in rows of three, the notes under the chart, the profile&apos;s two columns one under the other.</extracomment>
        <translation>未选择孩子</translation>
    </message>
    <message>
        <source>Age {age}</source>
        <translation>年龄：{age}</translation>
    </message>
    <message>
        <source>Age not known</source>
        <translation>年龄未知</translation>
    </message>
    <message>
        <source>({age})</source>
        <translation>（{age}）</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的更改</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>已在别处修改</translation>
    </message>
    <message>
        <source>This profile was changed elsewhere since you opened it. Load the current version? Your changes here will be lost.</source>
        <translation>这个档案在您打开后已在别处被修改。要加载最新版本吗？您在这里的更改将会丢失。</translation>
    </message>
    <message>
        <source>Load current version</source>
        <translation>加载最新版本</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Save the changes to {name}&apos;s profile?</source>
        <translation>要保存对 {name} 档案的更改吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>PasteDialog</name>
    <message>
        <source>Add many words</source>
        <translation>批量添加词语</translation>
    </message>
    <message>
        <source>Paste or type the {language} words to add, separated by commas, 、 or new lines. Words already mastered are skipped.</source>
        <translation>粘贴或输入要添加的{language}词语，用逗号、顿号（、）或换行分隔。已掌握的词语会自动跳过。</translation>
    </message>
    <message>
        <source>Add words</source>
        <translation>添加词语</translation>
    </message>
    <message>
        <source>Words to add</source>
        <translation>要添加的词语</translation>
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
    <name>ProfilePanel</name>
    <message>
        <source>Children</source>
        <translation>孩子</translation>
    </message>
    <message>
        <source>Search by name…</source>
        <translation>按姓名搜索…</translation>
    </message>
    <message>
        <source>Search children by name</source>
        <translation>按名字查找孩子</translation>
    </message>
    <message>
        <source>Add child…</source>
        <translation>添加孩子…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected child and all their records</source>
        <translation>删除所选的孩子及其所有记录</translation>
    </message>
    <message>
        <source>{zh} Chinese · {en} English words</source>
        <translation>中文 {zh} · 英文 {en} 个词</translation>
    </message>
    <message>
        <source>No child matches the search.</source>
        <translation>没有符合搜索条件的孩子。</translation>
    </message>
    <message>
        <source>No children yet: bring over the old app&apos;s records (File ▸ Import legacy data…) or add one with “Add child…”.</source>
        <translation>还没有孩子：可以导入旧应用的记录（文件 ▸ 导入旧版数据…），或用“添加孩子…”添加。</translation>
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
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your recovery key — Mastery Ledger</source>
        <extracomment>Groups of the recovery key shown on one line (the key is ``MLK1-ABCDE-…``).</extracomment>
        <translation>您的恢复密钥 — Mastery Ledger</translation>
    </message>
    <message>
        <source>Write down your recovery key</source>
        <translation>请抄下您的恢复密钥</translation>
    </message>
    <message>
        <source>Your records are now locked with a key that this computer keeps for you, so you do not need a password day to day. If this computer breaks or is replaced, this recovery key is the only way to open your records and backups again, so keep it somewhere safe, away from this computer — on paper is best.</source>
        <translation>您的记录现在用一把密钥锁住了，这把密钥由这台电脑替您保管，所以平时不需要输入密码。如果这台电脑坏了或换了新电脑，只有这个恢复密钥才能再打开您的记录和备份，所以请把它放在安全的地方，不要和这台电脑放在一起——最好抄在纸上。</translation>
    </message>
    <message>
        <source>Anyone who has both this key and a copy of your records can read them: do not send it by e-mail or chat, and do not keep it on the same USB stick as your backups.</source>
        <translation>同时拿到这个密钥和记录副本的人就能看到记录：请不要通过邮件或聊天软件发送它，也不要和备份放在同一个 U 盘里。</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as file…</source>
        <translation>保存为文件(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>I have kept my recovery key in a safe place</source>
        <translation>我已经把恢复密钥保存在安全的地方</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Please keep your recovery key first, then tick the box below.</source>
        <translation>请先保存好您的恢复密钥，然后勾选下面的方框。</translation>
    </message>
    <message>
        <source>Keep this sheet somewhere safe, away from the computer. You need it only to open your records on a new computer or after this one was repaired: Mastery Ledger asks for it then.</source>
        <translation>请把这张纸放在安全的地方，不要和电脑放在一起。只有在新电脑上、或者这台电脑修好之后打开记录时才需要它：到时 Mastery Ledger 会提示您输入。</translation>
    </message>
    <message>
        <source>Mastery Ledger recovery key</source>
        <translation>Mastery Ledger 恢复密钥</translation>
    </message>
    <message>
        <source>Key number: {id}</source>
        <translation>密钥编号：{id}</translation>
    </message>
    <message>
        <source>Print your recovery key</source>
        <translation>打印恢复密钥</translation>
    </message>
    <message>
        <source>The recovery key was sent to the printer.</source>
        <translation>恢复密钥已发送到打印机。</translation>
    </message>
    <message>
        <source>Save your recovery key</source>
        <translation>保存恢复密钥</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入这个文件：{reason}</translation>
    </message>
    <message>
        <source>Saved to {file}. Copy it to a USB stick you keep apart from your backups, or print it, then delete it from this computer.</source>
        <translation>已保存到 {file}。请把它复制到一个和备份分开存放的 U 盘里，或者打印出来，然后从这台电脑上删除它。</translation>
    </message>
    <message>
        <source>Copied. Paste it into a document you keep somewhere safe, then clear the copy.</source>
        <translation>已复制。请把它粘贴到一份放在安全地方的文档里，然后清除剪贴板中的内容。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup — Mastery Ledger</source>
        <translation>从备份恢复 — Mastery Ledger</translation>
    </message>
    <message>
        <source>The database cannot be opened because it is damaged ({detail}). Choose a backup to put in its place; the damaged file is kept beside it, never deleted.</source>
        <translation>数据库已损坏，无法打开（{detail}）。请选择一份备份来替换它；损坏的文件会保留在旁边，不会被删除。</translation>
    </message>
    <message>
        <source>Choose the backup to go back to. The database is replaced by it as a whole; a backup of how it is now is made first, so this can be undone.</source>
        <translation>请选择要恢复到的备份。整个数据库会被这份备份替换；替换前会先备份现在的数据库，所以这一步可以撤回。</translation>
    </message>
    <message>
        <source>Backups in: {folder}</source>
        <translation>备份位置：{folder}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>In the backup</source>
        <translation>备份中</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差别</translation>
    </message>
    <message>
        <source>Restore this backup…</source>
        <translation>恢复这份备份…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Made by you</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before an app update</source>
        <translation>软件升级前</translation>
    </message>
    <message>
        <source>Before deleting several records</source>
        <translation>删除多条记录之前</translation>
    </message>
    <message>
        <source>Before encryption</source>
        <translation>加密之前</translation>
    </message>
    <message>
        <source>✔ Verified</source>
        <translation>✔ 完好</translation>
    </message>
    <message>
        <source>✖ Damaged</source>
        <translation>✖ 已损坏</translation>
    </message>
    <message>
        <source>✖ Unreadable</source>
        <translation>✖ 无法读取</translation>
    </message>
    <message>
        <source>🔒 Needs its recovery key</source>
        <translation>🔒 需要它的恢复密钥</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>The file changed after it was made, so it cannot be used.</source>
        <translation>这个文件在备份之后被改动过，不能使用。</translation>
    </message>
    <message>
        <source>The file or its description cannot be read.</source>
        <translation>无法读取这个文件或它的说明文件。</translation>
    </message>
    <message>
        <source>Made by a newer version of the app; update the app to use it.</source>
        <translation>这是较新版本的软件做的备份，请先升级软件。</translation>
    </message>
    <message>
        <source>{n} children</source>
        <translation>{n} 个孩子</translation>
    </message>
    <message>
        <source>{n} words</source>
        <translation>{n} 个词语</translation>
    </message>
    <message>
        <source>{n} grammar points</source>
        <translation>{n} 个语法点</translation>
    </message>
    <message>
        <source>{n} cards</source>
        <translation>{n} 张卡片</translation>
    </message>
    <message>
        <source>{n} chat messages</source>
        <translation>{n} 条聊天消息</translation>
    </message>
    <message>
        <source>Checking the backups…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>There are no backups in {folder} yet.</source>
        <translation>{folder} 中还没有备份。</translation>
    </message>
    <message>
        <source>Select a backup to compare it with the database now.</source>
        <translation>选中一份备份，就能和现在的数据库比较。</translation>
    </message>
    <message>
        <source>The backup of {when} holds:</source>
        <translation>{when} 的备份包含：</translation>
    </message>
    <message>
        <source>The backup of {when} compared with the database now:</source>
        <translation>{when} 的备份与现在的数据库比较：</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>审计日志条目</translation>
    </message>
    <message>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>Put the backup of {when} in place of the damaged database?

The damaged file is kept beside it.</source>
        <translation>用 {when} 的备份替换已损坏的数据库吗？

损坏的文件会保留在旁边。</translation>
    </message>
    <message>
        <source>Go back to the backup of {when}?

Everything changed since then is replaced. A backup of the database as it is now is made first, so you can come back to it with this same dialog.</source>
        <translation>要恢复到 {when} 的备份吗？

之后的所有改动都会被替换。恢复前会先备份现在的数据库，需要时可以在这个窗口里再恢复回来。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <source>Restored the backup of {when}.</source>
        <translation>已恢复 {when} 的备份。</translation>
    </message>
    <message>
        <source>The database it replaced was saved first as {file}.</source>
        <translation>被替换的数据库已先保存为 {file}。</translation>
    </message>
    <message>
        <source>The damaged database was kept as {file}.</source>
        <translation>损坏的数据库已保留为 {file}。</translation>
    </message>
    <message>
        <source>Please check: {problems}</source>
        <translation>请检查：{problems}</translation>
    </message>
    <message>
        <source>Before deleting a child</source>
        <translation>删除孩子之前</translation>
    </message>
    <message>
        <source>Before undoing changes</source>
        <translation>撤销修改之前</translation>
    </message>
    <message>
        <source>Before undoing an import</source>
        <translation>撤销导入之前</translation>
    </message>
    <message>
        <source>Before putting a child back as it was</source>
        <translation>恢复孩子以前的记录之前</translation>
    </message>
    <message>
        <source>Before optimizing</source>
        <translation>优化之前</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Removed at the next tidy-up</source>
        <translation>下次整理时删除</translation>
    </message>
    <message>
        <source>Thinning</source>
        <translation>整理</translation>
    </message>
    <message>
        <source>Old backups are thinned out by the rules in Backup settings; this says which ones stay.</source>
        <translation>旧备份会按“备份设置”里的规则定期整理；这一列说明哪些会保留。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The chosen backup compared with the database now</source>
        <translation>选中的备份与现在的数据库对比</translation>
    </message>
    <message>
        <source>⚠ Audit trail does not verify</source>
        <translation>⚠ 审计记录无法验证</translation>
    </message>
    <message>
        <source>✖ Cannot be used</source>
        <translation>✖ 无法使用</translation>
    </message>
    <message>
        <source>This file is not a Mastery Ledger backup, so it cannot be used.</source>
        <translation>这个文件不是 Mastery Ledger 的备份，无法使用。</translation>
    </message>
    <message>
        <source>The file is damaged, so it cannot be used.</source>
        <translation>文件已损坏，无法使用。</translation>
    </message>
    <message>
        <source>This backup&apos;s audit trail does not verify. The check found:

{problems}

The backup may have been made of a database that another program changed without leaving a trace, so its history of changes cannot be trusted. Restore it anyway? This choice and what was found are recorded in the restored database&apos;s audit log.</source>
        <translation>这个备份的审计记录无法验证。检查发现：

{problems}

这个备份可能是在数据库被其他程序不留痕迹地改动之后做的，所以其中的修改历史不可信。仍然要恢复它吗？这个选择和检查发现的问题会记录在恢复后数据库的审计日志里。</translation>
    </message>
    <message>
        <source>Audit trail does not verify</source>
        <translation>审计记录无法验证</translation>
    </message>
    <message>
        <source>Restore anyway</source>
        <translation>仍然恢复</translation>
    </message>
    <message>
        <source>Its audit trail does not verify; restoring it anyway is recorded in the audit log.</source>
        <translation>它的审计记录无法验证；仍然恢复这一选择已记录在审计日志里。</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>Enter the passphrase — Mastery Ledger</source>
        <translation>输入密码短语 — Mastery Ledger</translation>
    </message>
    <message>
        <source>These records are locked with a passphrase. Enter it to open them.</source>
        <translation>这些记录用密码短语锁住了。请输入密码短语来打开它们。</translation>
    </message>
    <message>
        <source>Capital and small letters count.</source>
        <translation>大小写字母要区分。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>Enter the recovery key — Mastery Ledger</source>
        <translation>输入恢复密钥 — Mastery Ledger</translation>
    </message>
    <message>
        <source>These records are locked, and the key that opens them is not on this computer. Enter the recovery key you wrote down or printed when they were locked.</source>
        <translation>这些记录已锁住，而打开它们的密钥不在这台电脑上。请输入加密时您抄下或打印的恢复密钥。</translation>
    </message>
    <message>
        <source>It looks like MLK1-ABCD-EFGH-…; capitals, spaces and dashes do not matter. If the records were locked with a passphrase instead, type the passphrase.</source>
        <translation>恢复密钥的样子是 MLK1-ABCD-EFGH-…；大小写、空格和短横线都没有关系。如果记录是用密码短语锁住的，请输入密码短语。</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Please enter it first.</source>
        <translation>请先输入。</translation>
    </message>
</context>
<context>
    <name>ServerConnectDialog</name>
    <message>
        <source>Open server database</source>
        <translation>打开服务器数据库</translation>
    </message>
    <message>
        <source>leave empty to use PGPASSWORD or a .pgpass file</source>
        <translation>留空则使用 PGPASSWORD 或 .pgpass 文件</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>The password is kept only while the app is open; it is never saved.</source>
        <translation>密码只在软件打开期间保留，绝不会被保存。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected: PostgreSQL {0}.</source>
        <translation>已连接：PostgreSQL {0}。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
</context>
<context>
    <name>ServerDialogs</name>
    <message>
        <source>Move to server database</source>
        <translation>迁移到服务器数据库</translation>
    </message>
    <message>
        <source>This database is already on a server.</source>
        <translation>这个数据库已经在服务器上了。</translation>
    </message>
    <message>
        <source>Open the server database now? Your file stays as it is.</source>
        <translation>现在打开服务器数据库吗？您原来的文件保持不变。</translation>
    </message>
    <message>
        <source>Copying to the server…</source>
        <translation>正在复制到服务器…</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Language</source>
        <extracomment>Languages the window is translated into (&quot;&quot; follows the system).</extracomment>
        <translation>语言</translation>
    </message>
    <message>
        <source>Warn when the last backup is older than (days)</source>
        <translation>上次备份超过多少天时提醒（天）</translation>
    </message>
    <message>
        <source>Rows read at a time</source>
        <translation>每次读取的行数</translation>
    </message>
    <message>
        <source>Ask before deleting a single row</source>
        <translation>删除单行前先确认</translation>
    </message>
    <message>
        <source>Shared computer: lock with a passphrase</source>
        <translation>共用电脑：用密码短语锁住记录</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>For a computer several people use: databases encrypted or created from now on are locked with a passphrase asked for at every start, instead of a key this computer keeps. There is no recovery key for a passphrase.</source>
        <translation>适用于几个人共用的电脑：从现在起加密或新建的数据库将用密码短语锁住，每次启动时都要输入，而不是由这台电脑保管密钥。密码短语没有恢复密钥。</translation>
    </message>
    <message>
        <source>Same as the computer ({language})</source>
        <translation>跟随电脑设置（{language}）</translation>
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
    <name>TablePage</name>
    <message>
        <source>Filter… (Ctrl+F)</source>
        <translation>筛选…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected rows (Delete key)</source>
        <translation>删除所选的行（Delete 键）</translation>
    </message>
    <message>
        <source>Paste a list…</source>
        <translation>粘贴列表…</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Delete “{label}”?</source>
        <translation>删除“{label}”吗？</translation>
    </message>
    <message>
        <source>Delete {n} rows?</source>
        <translation>删除 {n} 行吗？</translation>
    </message>
    <message>
        <source>“{label}” was deleted.</source>
        <translation>“{label}”已删除。</translation>
    </message>
    <message>
        <source>{n} rows deleted.</source>
        <translation>已删除 {n} 行。</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} rows match</source>
        <translation>{n} 行符合</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <source>Added.</source>
        <translation>已添加。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>A backup of the whole database is made first, so this can be undone by restoring it.</source>
        <translation>删除前会先备份整个数据库，需要时可以通过恢复备份来撤销。</translation>
    </message>
    <message>
        <source>Making a backup first…</source>
        <translation>正在先做备份…</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>正在删除</translation>
    </message>
    <message>
        <source>A backup was saved first: {name}</source>
        <translation>删除前已保存备份：{name}</translation>
    </message>
    <message>
        <source>{n} rows exported to {path}</source>
        <translation>已将 {n} 行导出到 {path}</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Mastery Ledger</source>
        <translation>欢迎使用 Mastery Ledger</translation>
    </message>
    <message>
        <source>It keeps each child&apos;s learning records safe: the words they have mastered, grammar, cards and chats.</source>
        <translation>它安全地保存每个孩子的学习记录：掌握的词语、语法、卡片和聊天。</translation>
    </message>
    <message>
        <source>&amp;Bring over records from the old app…</source>
        <translation>从旧应用导入记录(&amp;B)…</translation>
    </message>
    <message>
        <source>The old app&apos;s files are only read, never changed; a backup is made first.</source>
        <translation>旧应用的文件只会被读取，不会被修改；导入前会先做备份。</translation>
    </message>
    <message>
        <source>or, to start fresh:</source>
        <translation>或者，从头开始：</translation>
    </message>
    <message>
        <source>&amp;Add a child…</source>
        <translation>添加孩子(&amp;A)…</translation>
    </message>
    <message>
        <source>Add a child to start keeping their records here.</source>
        <translation>添加一个孩子，开始在这里保存他的记录。</translation>
    </message>
    <message>
        <source>The old app&apos;s records were found in {folder}.</source>
        <translation>在 {folder} 找到了旧应用的记录。</translation>
    </message>
    <message>
        <source>Looking for the old app&apos;s records in the usual places…</source>
        <translation>正在常用位置查找旧应用的记录…</translation>
    </message>
    <message>
        <source>You choose the old app&apos;s folder in the next step.</source>
        <translation>下一步可以选择旧应用的文件夹。</translation>
    </message>
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
<context>
    <name>WordsChart</name>
    <message>
        <source>Imported from the old app on {date}: %n word(s)</source>
        <translation>{date} 从旧应用导入：%n 个词语</translation>
    </message>
</context>
<context>
    <name>WordsPage</name>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Add a word…</source>
        <translation>添加一个词语…</translation>
    </message>
    <message>
        <source>Delete the word “{label}”?</source>
        <translation>删除词语“{label}”吗？</translation>
    </message>
    <message>
        <source>Delete {n} words?</source>
        <translation>删除 {n} 个词语吗？</translation>
    </message>
    <message>
        <source>The word “{label}” was deleted.</source>
        <translation>词语“{label}”已删除。</translation>
    </message>
    <message>
        <source>{n} words deleted.</source>
        <translation>已删除 {n} 个词语。</translation>
    </message>
    <message>
        <source>{n} words</source>
        <translation>{n} 个词语</translation>
    </message>
    <message>
        <source>{n} words match</source>
        <translation>{n} 个词语符合</translation>
    </message>
    <message>
        <source>Add a word</source>
        <translation>添加词语</translation>
    </message>
    <message>
        <source>“{existing}” is already mastered. Add “{word}” as well, as a different word?</source>
        <translation>“{existing}”已经掌握了。要把“{word}”也作为另一个词添加吗？</translation>
    </message>
    <message>
        <source>”, “</source>
        <translation>”、“</translation>
    </message>
    <message>
        <source>Add it</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Don&apos;t add</source>
        <translation>不添加</translation>
    </message>
    <message>
        <source>“{word}” added.</source>
        <translation>已添加“{word}”。</translation>
    </message>
    <message>
        <source>Adding words</source>
        <translation>正在添加词语</translation>
    </message>
    <message>
        <source>{n} added</source>
        <translation>添加了 {n} 个</translation>
    </message>
    <message>
        <source>{n} already mastered</source>
        <translation>{n} 个已掌握</translation>
    </message>
    <message>
        <source>{n} repeated in the list</source>
        <translation>{n} 个在列表中重复</translation>
    </message>
    <message>
        <source>{n} empty</source>
        <translation>{n} 个空项</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message>
        <source>Making a backup…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backup saved and checked: {name} (in {folder})</source>
        <translation>备份已保存并核对无误：{name}（在 {folder}）</translation>
    </message>
    <message>
        <source>Making a backup before closing…</source>
        <translation>关闭前正在备份…</translation>
    </message>
</context>
</TS>

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
        <extracomment>Fields the details pane leaves out: bookkeeping a person never reads.</extracomment>
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
    <name>_Texts</name>
    <message>
        <source>Making a backup…</source>
        <extracomment>The names these preferences have in :mod:`desktop.settings` once it declares them (then they are stored there).</extracomment>
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
    <message>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
</context>
</TS>

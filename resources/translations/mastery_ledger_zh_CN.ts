<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>This record was changed elsewhere since you opened it. Nothing was overwritten; the current version is shown now.</source>
        <extracomment>Sentences the window says in its own words: after a conflict it has already reloaded the record.</extracomment>
        <translation>这条记录在您打开后已在别处被修改。没有覆盖任何内容；现在显示的是最新版本。</translation>
    </message>
    <message>
        <source>create the backup folder</source>
        <extracomment>The ``action`` param of the backups&apos; storage errors (what ``desktop.backup._storage`` was doing).</extracomment>
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
    <name>MainWindow</name>
    <message>
        <source>&amp;New database…</source>
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
    <name>Opening</name>
    <message>
        <source>Another program had changed how this database records changes. The app has put the recording back and noted that in the audit log. Tools ▸ Check database shows whether anything was changed while it was off.</source>
        <translation>另一个程序改动了这个数据库记录修改的方式。应用已恢复修改记录功能，并在审计日志中记下了这件事。“工具 ▸ 检查数据库”会显示在记录关闭期间是否有内容被改动。</translation>
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
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Same as the computer ({language})</source>
        <translation>跟随电脑设置（{language}）</translation>
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
</context>
<context>
    <name>WordsChart</name>
    <message>
        <source>Imported from the old app on {date}: %n word(s)</source>
        <extracomment>The label of a migration&apos;s step: its day and how many words it brought (a real plural form).</extracomment>
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
</TS>

package backup

// backupPassword locks the test backups: a backup has its own password, not a login one.
const backupPassword = "张庄村备份2026年十一月"

package rules

// Figures of the township's oversight (local practice: no national text sets them). They
// drive the overview's traffic light and the timeliness of records.
var (
	// RecordGraceDays: a meeting first entered more than this many days after its period
	// ended is shown to the township as entered late: information only. A meeting counts for
	// 按时召开率 by the date it was held, never by when it was typed (central 减负 rules warn
	// against judging work by its paperwork).
	RecordGraceDays = Register(Rule{Key: "township.record_grace_days", Label: "A meeting entered more than this many days after its period ended is shown as entered late (information only)",
		Default: "10", Source: "地方做法（乡镇党委设置）", Local: true, Settable: true})
	// LightRedOnTime / LightAmberOnTime: the on-time rate (percent) below which a village's
	// row is red / amber.
	LightRedOnTime = Register(Rule{Key: "township.light_red_on_time", Label: "A village is red below this on-time rate (percent)",
		Default: "60", Source: "地方做法（乡镇党委设置）", Local: true, Settable: true})
	LightAmberOnTime = Register(Rule{Key: "township.light_amber_on_time", Label: "A village is amber below this on-time rate (percent)",
		Default: "90", Source: "地方做法（乡镇党委设置）", Local: true, Settable: true})
	// SyncStaleDays: a village not heard from for this many days is amber (twice as long: red).
	SyncStaleDays = Register(Rule{Key: "township.sync_stale_days", Label: "A village not synced for this many days is amber (twice as long: red)",
		Default: "14", Source: "地方做法（乡镇党委设置）", Local: true, Settable: true})
)

// ModeReminders: the 分类管理 reminders (承诺式 / 定岗式 / 跟踪式 / 关爱式, local practice of
// some counties) can be switched off by a township that does not use the four modes.
var ModeReminders = Register(Rule{Key: "township.mode_reminders", Label: "Reminders of the four management modes (on or off)",
	Default: "on", Source: "党员分类管理（地方做法）", Local: true, Settable: true,
	Note: "Local practice: only townships that use the four management modes need the reminders."})

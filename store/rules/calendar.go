package rules

// The national holiday schedule shipped with the app. The State Council publishes each
// year's schedule in November of the year before; the township adds later years (and any
// local change) on the calendar screen, and its rows reach the villages by sync.
//
// SHIPPED YEARS: 2025 and 2026 only.
//   - 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）
//   - 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）
//
// Every date below was checked against the two notices (research of 2026-12-01).
const CalendarSource = "国务院办公厅关于部分节假日安排的通知（2025年、2026年）"

// CalendarShippedYears lists the years whose schedule is built in.
var CalendarShippedYears = []int{2025, 2026}

// FixedHolidays are the statutory holidays with a fixed date (MM-DD) of 全国年节及纪念日放假办法
// (2024年修订) 第二条: 元旦 1月1日, 劳动节 5月1日、2日, 国庆节 10月1日至3日. In a year whose
// schedule is not entered they are still days off; the lunar holidays and the 调休 days are
// not known, so dates counted through such a year carry a warning. (Not checked by the
// research of 2026-12-01.)
var FixedHolidays = []string{"01-01", "05-01", "05-02", "10-01", "10-02", "10-03"}

// HolidaySpan is a run of public holidays and the weekend days worked in exchange (调休).
type HolidaySpan struct {
	Name     string   // catalog key of the holiday's name
	From, To string   // first and last day off, YYYY-MM-DD
	Workdays []string // weekend days that are working days (调休上班)
}

// Holidays is the shipped schedule.
var Holidays = []HolidaySpan{
	// 2025
	{Name: "New Year's Day", From: "2025-01-01", To: "2025-01-01"},
	{Name: "Spring Festival", From: "2025-01-28", To: "2025-02-04", Workdays: []string{"2025-01-26", "2025-02-08"}},
	{Name: "Qingming Festival", From: "2025-04-04", To: "2025-04-06"},
	{Name: "Labour Day", From: "2025-05-01", To: "2025-05-05", Workdays: []string{"2025-04-27"}},
	{Name: "Dragon Boat Festival", From: "2025-05-31", To: "2025-06-02"},
	{Name: "National Day and Mid-Autumn Festival", From: "2025-10-01", To: "2025-10-08", Workdays: []string{"2025-09-28", "2025-10-11"}},
	// 2026
	{Name: "New Year's Day", From: "2026-01-01", To: "2026-01-03", Workdays: []string{"2026-01-04"}},
	{Name: "Spring Festival", From: "2026-02-15", To: "2026-02-23", Workdays: []string{"2026-02-14", "2026-02-28"}},
	{Name: "Qingming Festival", From: "2026-04-04", To: "2026-04-06"},
	{Name: "Labour Day", From: "2026-05-01", To: "2026-05-05", Workdays: []string{"2026-05-09"}},
	{Name: "Dragon Boat Festival", From: "2026-06-19", To: "2026-06-21"},
	{Name: "Mid-Autumn Festival", From: "2026-09-25", To: "2026-09-27"},
	{Name: "National Day", From: "2026-10-01", To: "2026-10-07", Workdays: []string{"2026-09-20", "2026-10-10"}},
}

package pinyin

// Surname readings that differ from go-pinyin's default reading of the character, as
// syllables with tone numbers (0 for the neutral tone). Where a surname has two accepted
// readings the first is used for sorting and Full/Initials, and both are search keys.
// Sources: 《百家姓》 and the 现代汉语词典 entries marked 姓.

// compoundSurnames are checked before singleSurnames. Only compounds whose reading differs
// from reading their characters one by one are listed (欧阳, 司马, 诸葛 … need no entry).
// 单于 (chányú) is left out on purpose: 单 followed by a given name starting with 于 is far
// more common today than the compound surname.
var compoundSurnames = map[string][]string{
	"尉迟": {"yu4", "chi2"},
	"万俟": {"mo4", "qi2"},
	"长孙": {"zhang3", "sun1"},
	"澹台": {"tan2", "tai2"},
	"令狐": {"ling2", "hu2"},
}

var singleSurnames = map[rune][]string{
	'曾': {"zeng1"},
	'单': {"shan4"},
	'解': {"xie4"},
	'仇': {"qiu2"},
	'区': {"ou1"},
	'朴': {"piao2"},
	'查': {"zha1"},
	'覃': {"qin2"},
	'乐': {"yue4"},
	'盖': {"ge3"},
	'缪': {"miao4"},
	'翟': {"zhai2"},
	'种': {"chong2"},
	'秘': {"bi4"},
	'召': {"shao4"},
	'任': {"ren2"},
	'重': {"chong2"},
	'都': {"du1"},
	'藏': {"zang4"},
	'牟': {"mou2", "mu4"},
	'折': {"she2"},
	'员': {"yun4"},
	'句': {"gou1"},
	'阚': {"kan4"},
	'过': {"guo1"},
	'葛': {"ge3"},
	'隗': {"wei3"},
	'黑': {"he4"},
	'难': {"ning4"},
	'长': {"chang2"},
	'卜': {"bu3"},
	'薄': {"bo2"},
	'华': {"hua4"},
	'燕': {"yan1"},
	'能': {"nai4"},
	'佴': {"nai4"},
	'炅': {"gui4"},
	'洗': {"xian3"},
	'乜': {"nie4"},
	'幺': {"yao1"},
	'么': {"yao1"},
	'哈': {"ha3"},
	'蔚': {"yu4"},
	'於': {"yu1"},
	'蕃': {"pi2"},
	'繁': {"po2"},
	'粘': {"nian2"},
	'祭': {"zhai4"},
	'那': {"na1"},
	'占': {"zhan1"},
	'要': {"yao1"},
	'宁': {"ning4"},
}

package change

import "strconv"

// String names a kind in test failures.
var kindNames = [...]string{"other", "note", "asset", "data", "theme", "config", "folder"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

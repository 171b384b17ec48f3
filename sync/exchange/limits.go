package exchange

import (
	"errors"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/sync/bundle"
)

// limitMessage names the limit a bundle exceeds, in words a user can pass on.
func limitMessage(err error, p replica.Peer) error {
	var le *bundle.LimitError
	if !errors.As(err, &le) {
		return assets.Wrap(err, "This bundle from %s is damaged or has been altered. Nothing was imported; write the bundle again on the other PC.", p.Label())
	}
	what := map[string]string{
		"changes":      "changes",
		"rows":         "records",
		"strings":      "distinct texts",
		"string bytes": "bytes of distinct texts",
		"bytes":        "bytes once unpacked",
	}[le.What]
	if what == "" {
		what = le.What
	}
	if p.Label() == "" {
		p.OrgName = assets.T("an unknown PC")
	}
	return assets.Wrap(err, "This bundle from %s holds more than %d %s, the most one bundle may hold. Nothing was imported. If it is genuine, sync more often so that each bundle is smaller, or tell the township office.", p.Label(), le.Limit, assets.T(what))
}

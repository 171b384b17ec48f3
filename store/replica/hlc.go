package replica

import (
	"fmt"
	"math"
	"time"
)

// HLC is a hybrid logical clock timestamp: the wall time in milliseconds since the Unix epoch
// in the upper 48 bits and a logical counter in the lower 16. Timestamps compare as integers;
// ties between devices are broken by device ID (see Newer). Village PCs often have wrong
// clocks: the HLC never runs backwards on one device and always moves past every timestamp it
// has seen from others, so causally related edits are ordered correctly whatever the clocks say.
type HLC int64

const counterBits = 16

// MakeHLC builds a timestamp from a wall time and a counter.
func MakeHLC(wall time.Time, counter uint16) HLC {
	return HLC(wall.UnixMilli()<<counterBits | int64(counter))
}

// Wall is the physical part of the timestamp.
func (h HLC) Wall() time.Time { return time.UnixMilli(int64(h) >> counterBits).UTC() }

// Counter is the logical part of the timestamp.
func (h HLC) Counter() int { return int(int64(h) & (1<<counterBits - 1)) }

func (h HLC) String() string {
	return fmt.Sprintf("%s#%d", h.Wall().Format("2006-01-02T15:04:05.000Z"), h.Counter())
}

// next returns the timestamp for a local event at wall time now, after last.
func (h HLC) next(now time.Time) HLC {
	pt := MakeHLC(now, 0)
	if pt > h {
		return pt
	}
	if h == math.MaxInt64 {
		return h // never wraps to a negative stamp (merge refuses stamps this far ahead)
	}
	return h + 1
}

// Newer reports whether version (h, dev) wins over (h2, dev2): the higher timestamp wins, and
// on equal timestamps the higher device ID. Every device decides the same way.
func Newer(h HLC, dev string, h2 HLC, dev2 string) bool {
	if h != h2 {
		return h > h2
	}
	return dev > dev2
}

// tick advances the database clock for a local write and returns the new timestamp.
func (db *DB) tick() HLC {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.clock = db.clock.next(db.now())
	return db.clock
}

// observe moves the clock past a timestamp received from another device.
func (db *DB) observe(h HLC) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if h > db.clock {
		db.clock = h
	}
}

// Clock returns the current clock value.
func (db *DB) Clock() HLC {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.clock
}

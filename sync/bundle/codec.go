package bundle

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"zhibu/store/replica"
)

// The change codec: a count, then per change its strings as indexes into a table that grows
// as new strings appear (table, field, row, organisation, device and user names repeat a
// lot), the HLC as a signed delta from the previous change's, and a tagged value.

const (
	tagNil byte = iota
	tagInt
	tagString
	tagBytes
	tagFloat
)

// Limits that keep a hostile bundle from exhausting memory: what a bundle may expand to,
// not only what it reads (a 1 MB bundle of repeated changes once became 2.2 GB). A township's
// year of 40 villages is about 1 M changes and 150 k rows; the first import of 12 demo
// villages 330 k changes. Measured: importing a bundle at MaxChanges peaks at the resident
// size given in the issue 20 note.
const (
	MaxChanges = 2_000_000 // changes per bundle
	maxString  = 16 << 20  // one value (a photo, an attachment)
)

// Variables only so that tests can check each limit without building a bundle that large.
var (
	MaxRows        = 1_000_000 // distinct rows (table, row ID) per bundle
	MaxStrings     = 1_500_000 // distinct strings (tables, fields, row IDs, owners, devices, users)
	maxStringBytes = 128 << 20 // bytes of those distinct strings together
)

// ErrLimit means a bundle expands to more than a limit allows; a *LimitError names it.
var ErrLimit = errors.New("bundle exceeds a limit")

// LimitError says which limit a bundle exceeds.
type LimitError struct {
	What  string // "changes", "rows", "strings", "string bytes", "bytes"
	Limit int64
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("bundle exceeds the limit of %d %s", e.Limit, e.What)
}
func (e *LimitError) Unwrap() error { return ErrLimit }

var errCodec = errors.New("malformed change list")

type encoder struct {
	w    *bufio.Writer
	tab  map[string]uint64
	prev int64
	buf  [binary.MaxVarintLen64]byte
}

func encodeChanges(w io.Writer, cs []replica.Change) error {
	e := &encoder{w: bufio.NewWriter(w), tab: map[string]uint64{}}
	e.uvarint(uint64(len(cs)))
	for _, c := range cs {
		for _, s := range []string{c.Table, c.RowID, c.OrgID, c.Field, c.Device, c.User} {
			e.str(s)
		}
		h := int64(c.HLC)
		e.varint(h - e.prev)
		e.prev = h
		if err := e.value(c.Value); err != nil {
			return err
		}
	}
	return e.w.Flush()
}

func (e *encoder) uvarint(v uint64) { e.w.Write(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) varint(v int64)   { e.w.Write(e.buf[:binary.PutVarint(e.buf[:], v)]) }

func (e *encoder) str(s string) {
	if i, ok := e.tab[s]; ok {
		e.uvarint(i)
		return
	}
	i := uint64(len(e.tab))
	e.tab[s] = i
	e.uvarint(i)
	e.uvarint(uint64(len(s)))
	e.w.WriteString(s)
}

func (e *encoder) value(v any) error {
	switch x := v.(type) {
	case nil:
		e.w.WriteByte(tagNil)
	case int64:
		e.w.WriteByte(tagInt)
		e.varint(x)
	case string:
		e.w.WriteByte(tagString)
		e.uvarint(uint64(len(x)))
		e.w.WriteString(x)
	case []byte:
		e.w.WriteByte(tagBytes)
		e.uvarint(uint64(len(x)))
		e.w.Write(x)
	case float64:
		e.w.WriteByte(tagFloat)
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], math.Float64bits(x))
		e.w.Write(b[:])
	default:
		return fmt.Errorf("encode: unsupported value %T", v)
	}
	return nil
}

type decoder struct {
	r        *bufio.Reader
	tab      []string
	tabBytes int64
	prev     int64
}

func decodeChanges(r io.Reader, limit int) ([]replica.Change, error) {
	d := &decoder{r: bufio.NewReader(r)}
	n, err := binary.ReadUvarint(d.r)
	if err != nil || int64(n) != int64(limit) {
		return nil, errCodec
	}
	if n > MaxChanges {
		return nil, &LimitError{What: "changes", Limit: MaxChanges}
	}
	type rowKey struct{ t, r string }
	rows := map[rowKey]struct{}{}
	// n is the signed header's count, bounded above: allocating it at once costs less than
	// growing by doubling (which holds the old and the new array together at the end).
	cs := make([]replica.Change, 0, n)
	for range n {
		var c replica.Change
		for _, p := range []*string{&c.Table, &c.RowID, &c.OrgID, &c.Field, &c.Device, &c.User} {
			if *p, err = d.str(); err != nil {
				return nil, err
			}
		}
		delta, err := binary.ReadVarint(d.r)
		if err != nil {
			return nil, errCodec
		}
		d.prev += delta
		c.HLC = replica.HLC(d.prev)
		if c.Value, err = d.value(); err != nil {
			return nil, err
		}
		c.Origin = "remote"
		if _, ok := rows[rowKey{c.Table, c.RowID}]; !ok {
			if len(rows) >= MaxRows {
				return nil, &LimitError{What: "rows", Limit: int64(MaxRows)}
			}
			rows[rowKey{c.Table, c.RowID}] = struct{}{}
		}
		cs = append(cs, c)
	}
	if _, err := d.r.ReadByte(); err != io.EOF {
		return nil, errCodec // trailing data
	}
	return cs, nil
}

func (d *decoder) str() (string, error) {
	i, err := binary.ReadUvarint(d.r)
	if err != nil {
		return "", errCodec
	}
	if i < uint64(len(d.tab)) {
		return d.tab[i], nil
	}
	if i != uint64(len(d.tab)) {
		return "", errCodec
	}
	if len(d.tab) >= MaxStrings {
		return "", &LimitError{What: "strings", Limit: int64(MaxStrings)}
	}
	b, err := d.bytes()
	if err != nil {
		return "", err
	}
	if d.tabBytes += int64(len(b)); d.tabBytes > int64(maxStringBytes) {
		return "", &LimitError{What: "string bytes", Limit: int64(maxStringBytes)}
	}
	s := string(b)
	d.tab = append(d.tab, s)
	return s, nil
}

func (d *decoder) bytes() ([]byte, error) {
	n, err := binary.ReadUvarint(d.r)
	if err != nil || n > maxString {
		return nil, errCodec
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		return nil, errCodec
	}
	return b, nil
}

func (d *decoder) value() (any, error) {
	tag, err := d.r.ReadByte()
	if err != nil {
		return nil, errCodec
	}
	switch tag {
	case tagNil:
		return nil, nil
	case tagInt:
		v, err := binary.ReadVarint(d.r)
		if err != nil {
			return nil, errCodec
		}
		return v, nil
	case tagString:
		b, err := d.bytes()
		return string(b), err
	case tagBytes:
		return d.bytes()
	case tagFloat:
		var b [8]byte
		if _, err := io.ReadFull(d.r, b[:]); err != nil {
			return nil, errCodec
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b[:])), nil
	}
	return nil, errCodec
}

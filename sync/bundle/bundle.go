// Package bundle defines the one unit that moves between PCs: a run of changes, signed by
// the sending device and encrypted with age (X25519) to its recipients, in a file that is
// rejected whole if anything in it is wrong.
//
// Layout: "ZHIBUBDL", a format byte, a length-prefixed JSON envelope (sender, recipients,
// ciphertext size: for routing and clear messages, checked again inside), then the age
// ciphertext of: a length-prefixed JSON header, a length-prefixed ECDSA signature over the
// header and body, and the body (the changes, deflate-compressed).
//
// Every format, this one and any later one, starts the same way: the magic, the format byte
// and the length-prefixed JSON envelope, which names the version of Zhibu that wrote the
// bundle ("app"). A reader that does not know the format still reads that envelope, to tell
// the user which version to upgrade to.
package bundle

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"filippo.io/age"

	"zhibu/store/replica"
)

// Format is the bundle format this build writes and reads.
const Format = 1

// AppVersion is the version of Zhibu written into every bundle's envelope; main sets it
// from FyneApp.toml, the one place the version lives.
var AppVersion = "dev"

// Ext is the file name extension of bundles.
const Ext = ".zbundle"

const magic = "ZHIBUBDL"

// sigDomain separates bundle signatures from any other use of the device key.
const sigDomain = "zhibu-bundle-v1\x00"

// maxBody bounds the decrypted bundle and its uncompressed change list: no more than the
// largest file (photos and attachments do not compress).
var maxBody int64 = MaxFileBytes + 1<<20 // a variable only for tests

// MaxFileBytes bounds a bundle file: a village-year is about 115 KB, a year of a township's
// 40 villages with meeting photos some tens of MB. A larger file is refused before it is read
// (a 3 GB file would otherwise be read whole into memory).
const MaxFileBytes = 512 << 20

// ErrTooLarge means a bundle file is larger than MaxFileBytes.
var ErrTooLarge = errors.New("bundle file too large")

// PeekFile reads only the envelope of a bundle file (who sent it and to whom, unverified)
// and its size; a file larger than MaxFileBytes is reported with ErrTooLarge.
func PeekFile(path string) (Envelope, int64, error) {
	f, st, err := openRegular(path)
	if err != nil {
		return Envelope{}, 0, err
	}
	defer f.Close()
	head := make([]byte, min(st.Size(), 1<<20+int64(len(magic))+5))
	if _, err := io.ReadFull(f, head); err != nil {
		return Envelope{}, st.Size(), err
	}
	env, err := peekEnvelope(head)
	if err == nil && st.Size() > MaxFileBytes {
		err = ErrTooLarge
	}
	return env, st.Size(), err
}

// Rejections, one per way a bundle can be wrong.
var (
	ErrNotBundle      = errors.New("not a bundle")
	ErrNewerFormat    = errors.New("bundle format too new")
	ErrTruncated      = errors.New("bundle truncated")
	ErrDamaged        = errors.New("bundle damaged or altered")
	ErrUnknownSender  = errors.New("bundle from an unpaired device")
	ErrWrongRecipient = errors.New("bundle for another device")
	ErrBadSignature   = errors.New("bundle signature invalid")
)

// Envelope is the unencrypted outside of a bundle.
type Envelope struct {
	From string   `json:"from"`
	To   []string `json:"to"`
	Size int64    `json:"size"` // bytes of ciphertext that follow
	// App is the version of Zhibu that wrote the bundle ("" before 0.2): kept in every
	// format's envelope, it is what a reader too old for the format asks the user to install.
	App string `json:"app,omitempty"`
	// Takeover, on the bundles of a PC restored from a backup (or a new PC the backup was
	// restored on), says that its new device identity takes the place of the one it had:
	// signed with the old identity's key, so a PC paired with the old one accepts the new one
	// without a new enrolment file (older versions ignore it and ask for the enrolment).
	Takeover *Takeover `json:"takeover,omitempty"`
}

// HandoverDomain separates handover signatures from any other use of a device key: the old
// identity signs HandoverDomain + the new device ID (the same statement an enrolment file's
// "replaces" carries).
const HandoverDomain = "zhibu-handover-v1\x00"

// Takeover is an old device identity's signed statement that the bundle's sender takes its
// place, with the sender's certificate (which the receiver does not have yet).
type Takeover struct {
	Device string `json:"device"` // the old device ID
	Sig    []byte `json:"sig"`    // the old key's signature over HandoverDomain + the new device ID
	Cert   []byte `json:"cert"`   // the new identity's certificate (DER)
}

// Header describes a bundle; it is signed and encrypted with the changes.
type Header struct {
	Format  int                    `json:"format"`
	From    string                 `json:"from"`
	To      []string               `json:"to"`
	FromOrg string                 `json:"from_org"`
	Seq     int64                  `json:"seq"`
	Created int64                  `json:"created"` // sender's wall clock, Unix ms
	Clock   int64                  `json:"clock"`   // sender's HLC
	Base    map[string]replica.HLC `json:"base"`    // what the sender believed the recipient held
	Known   map[string]replica.HLC `json:"known"`   // what the sender held
	Count   int                    `json:"count"`
}

// Bundle is a decoded bundle.
type Bundle struct {
	Header  Header
	Changes []replica.Change
	// Takeover is written on the envelope when set (see Envelope.Takeover).
	Takeover *Takeover
	// TakesOver, on a bundle read, is the paired device whose place the sender takes: set
	// only when the takeover's signature by that device's key and the bundle's signature by
	// the sender's new certificate both verified.
	TakesOver string
}

// Signer signs with the sending device's key.
type Signer interface {
	Sign(data []byte) ([]byte, error)
}

// Write encodes, signs and encrypts b to the recipients.
func Write(w io.Writer, b *Bundle, sign Signer, recipients ...age.Recipient) error {
	b.Header.Format = Format
	b.Header.Count = len(b.Changes)
	hdr, err := json.Marshal(b.Header)
	if err != nil {
		return err
	}
	var body bytes.Buffer
	fw, _ := flate.NewWriter(&body, flate.BestCompression)
	if err := encodeChanges(fw, b.Changes); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	return seal(w, b.Header, b.Takeover, hdr, body.Bytes(), sign, recipients...)
}

// seal signs and encrypts a header and a compressed change list and writes the bundle.
func seal(w io.Writer, h Header, takeover *Takeover, hdr, body []byte, sign Signer, recipients ...age.Recipient) error {
	sig, err := sign.Sign(signed(hdr, body))
	if err != nil {
		return fmt.Errorf("sign bundle: %w", err)
	}
	var ct bytes.Buffer
	aw, err := age.Encrypt(&ct, recipients...)
	if err != nil {
		return fmt.Errorf("encrypt bundle: %w", err)
	}
	for _, part := range [][]byte{hdr, sig} {
		if err := writeChunk(aw, part); err != nil {
			return err
		}
	}
	if _, err := aw.Write(body); err != nil {
		return err
	}
	if err := aw.Close(); err != nil {
		return err
	}
	env, _ := json.Marshal(Envelope{From: h.From, To: h.To, Size: int64(ct.Len()), App: AppVersion, Takeover: takeover})
	var out bytes.Buffer
	out.WriteString(magic)
	out.WriteByte(Format)
	if err := writeChunk(&out, env); err != nil {
		return err
	}
	out.Write(ct.Bytes())
	_, err = w.Write(out.Bytes())
	return err
}

func signed(hdr, body []byte) []byte {
	b := make([]byte, 0, len(sigDomain)+4+len(hdr)+len(body))
	b = append(b, sigDomain...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(hdr)))
	b = append(b, hdr...)
	return append(b, body...)
}

func writeChunk(w io.Writer, b []byte) error {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

func readChunk(r io.Reader, max uint32) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > max {
		return nil, ErrDamaged
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	return b, nil
}

// Peek reads a bundle's envelope: who sent it and to whom, unverified. It also finds files
// that are not bundles, of a newer format, or cut short.
func Peek(data []byte) (Envelope, []byte, error) {
	env, err := peekEnvelope(data)
	if err != nil {
		return env, nil, err
	}
	if len(data) > MaxFileBytes {
		return env, nil, ErrTooLarge
	}
	r := bytes.NewReader(data[len(magic)+1:])
	readChunk(r, 1<<20)
	rest := data[len(data)-r.Len():]
	switch {
	case int64(len(rest)) < env.Size:
		return env, nil, ErrTruncated
	case int64(len(rest)) > env.Size:
		return env, nil, ErrDamaged
	}
	return env, rest, nil
}

// peekEnvelope reads the envelope at the start of data (which may be only the file's head).
// A bundle of another format is refused with ErrNewerFormat and, if its envelope reads,
// that envelope (unverified): App is the version to upgrade to, To whom the bundle is for.
func peekEnvelope(data []byte) (Envelope, error) {
	var env Envelope
	if len(data) < len(magic)+1 || string(data[:len(magic)]) != magic {
		return env, ErrNotBundle
	}
	if data[len(magic)] != Format {
		if eb, err := readChunk(bytes.NewReader(data[len(magic)+1:]), 1<<20); err == nil {
			_ = json.Unmarshal(eb, &env)
		}
		return env, ErrNewerFormat
	}
	eb, err := readChunk(bytes.NewReader(data[len(magic)+1:]), 1<<20)
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			return env, err
		}
		return env, ErrTruncated
	}
	if err := json.Unmarshal(eb, &env); err != nil || env.From == "" || len(env.To) == 0 || env.Size <= 0 {
		return env, ErrDamaged
	}
	return env, nil
}

// Keys are what reading a bundle needs: this device's ID and age identity, and the
// certificates of paired devices.
type Keys struct {
	Self     string
	Identity age.Identity
	// CertOf returns a paired device's certificate (DER), or false if it is not paired.
	CertOf func(deviceID string) ([]byte, bool)
	// Verify checks a signature with a certificate and returns the certificate's device ID.
	Verify func(certDER, data, sig []byte) (string, error)
}

// Read verifies and decodes a bundle: format, completeness, sender, recipient, decryption,
// signature and content, in that order. Nothing is trusted until all of it passes.
func Read(data []byte, k Keys) (*Bundle, error) {
	env, ct, err := Peek(data)
	if err != nil {
		return nil, err
	}
	cert, ok := k.CertOf(env.From)
	takesOver := ""
	if !ok {
		if cert, takesOver = takeover(env, k); takesOver == "" {
			return nil, ErrUnknownSender
		}
	}
	if !slices.Contains(env.To, k.Self) {
		return nil, ErrWrongRecipient
	}
	ar, err := age.Decrypt(bytes.NewReader(ct), k.Identity)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, ErrWrongRecipient
		}
		return nil, ErrDamaged
	}
	plain, err := io.ReadAll(io.LimitReader(ar, maxBody))
	if err != nil {
		return nil, ErrDamaged
	}
	pr := bytes.NewReader(plain)
	hdr, err := readChunk(pr, 1<<20)
	if err != nil {
		return nil, ErrDamaged
	}
	sig, err := readChunk(pr, 1<<12)
	if err != nil {
		return nil, ErrDamaged
	}
	body := plain[len(plain)-pr.Len():]
	signer, err := k.Verify(cert, signed(hdr, body), sig)
	if err != nil || signer != env.From {
		return nil, ErrBadSignature
	}
	var b Bundle
	if err := json.Unmarshal(hdr, &b.Header); err != nil {
		return nil, ErrDamaged
	}
	h := b.Header
	if h.Format != Format || h.From != env.From || !slices.Equal(h.To, env.To) || h.Count < 0 {
		return nil, ErrDamaged
	}
	if h.Count > MaxChanges {
		return nil, &LimitError{What: "changes", Limit: MaxChanges}
	}
	lr := &limitedReader{r: flate.NewReader(bytes.NewReader(body)), n: maxBody}
	b.Changes, err = decodeChanges(lr, h.Count)
	if lr.over {
		return nil, &LimitError{What: "bytes", Limit: maxBody}
	}
	var le *LimitError
	if errors.As(err, &le) {
		return nil, err
	}
	if err != nil || len(b.Changes) != h.Count {
		return nil, ErrDamaged
	}
	if takesOver != "" {
		b.TakesOver, b.Takeover = takesOver, env.Takeover
	}
	return &b, nil
}

// takeover checks an unknown sender's takeover of a paired device: the paired device's key
// signed that the sender takes its place. It returns the sender's certificate (still to be
// checked against the bundle's signature, which binds it to the sender's ID) and the paired
// device's ID, or "" when there is no valid takeover.
func takeover(env Envelope, k Keys) ([]byte, string) {
	t := env.Takeover
	if t == nil || t.Device == "" || t.Device == env.From || len(t.Cert) == 0 || len(t.Cert) > 1<<14 {
		return nil, ""
	}
	old, ok := k.CertOf(t.Device)
	if !ok {
		return nil, ""
	}
	if signer, err := k.Verify(old, []byte(HandoverDomain+env.From), t.Sig); err != nil || signer != t.Device {
		return nil, ""
	}
	return t.Cert, t.Device
}

// limitedReader reads at most n bytes and remembers that the input had more.
type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			l.over = true
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// CreatedAt is the sender's wall clock when it made the bundle.
func (h Header) CreatedAt() time.Time { return time.UnixMilli(h.Created) }

// Sender finds who really sent a bundle whose envelope is damaged or altered: it decrypts
// the ciphertext after the envelope with this device's key and returns the signed header's
// sender if a paired device's signature over it verifies ("" otherwise). The bundle is still
// refused; this only lets the message name the PC to ask for a new one.
func Sender(data []byte, k Keys) string {
	if len(data) < len(magic)+5 || string(data[:len(magic)]) != magic {
		return ""
	}
	rest := data[len(magic)+1:]
	n := binary.BigEndian.Uint32(rest[:4])
	if uint64(n)+4 > uint64(len(rest)) {
		return ""
	}
	ar, err := age.Decrypt(bytes.NewReader(rest[4+n:]), k.Identity)
	if err != nil {
		return ""
	}
	plain, err := io.ReadAll(io.LimitReader(ar, maxBody))
	if err != nil {
		return ""
	}
	pr := bytes.NewReader(plain)
	hdr, err1 := readChunk(pr, 1<<24)
	sig, err2 := readChunk(pr, 1<<12)
	var h Header
	if err1 != nil || err2 != nil || json.Unmarshal(hdr, &h) != nil {
		return ""
	}
	cert, ok := k.CertOf(h.From)
	if !ok {
		return ""
	}
	if signer, err := k.Verify(cert, signed(hdr, plain[len(plain)-pr.Len():]), sig); err != nil || signer != h.From {
		return ""
	}
	return h.From
}

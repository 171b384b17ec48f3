package store_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
)

// pngDeclaring is a tiny PNG whose header declares w×h pixels (it has no pixel data).
func pngDeclaring(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := append([]byte(typ), data...)
		b.Write(c)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(c))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func jpegOf(w, h int) []byte {
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h)), nil)
	return buf.Bytes()
}

// A picture that declares more than MaxImageSide pixels a side is refused before decoding
// (a 74-byte PNG declaring 10^12 pixels ran out of memory), with its size in the message.
func TestHugeDeclaredPhotoRefused(t *testing.T) {
	b := newBranch(t)
	s := b.meeting(t, store.MeetingThemeDay, "2026-11-10", "", nil)
	for _, c := range []struct{ w, h uint32 }{{1_000_000, 1_000_000}, {18000, 18000}, {8001, 10}} {
		data := pngDeclaring(c.w, c.h)
		_, err := b.f.DB.AddPhoto(b.f.Ctx, s.ID, "bomb.png", data)
		if !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), "像素") {
			t.Errorf("%d×%d (%d bytes): %v / %s", c.w, c.h, len(data), err, assets.Chinese(err))
		}
	}
	if ps, _ := b.f.DB.Photos(b.f.Ctx, s.ID); len(ps) != 0 {
		t.Fatalf("%d photos stored", len(ps))
	}
}

package store_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
)

func pngOf(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: uint8(x), G: uint8(y), B: 200, A: 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

func TestMeetingPhotos(t *testing.T) {
	b := newBranch(t)
	s := b.meeting(t, store.MeetingThemeDay, "2026-11-10", "", nil)
	cases := []struct {
		name string
		data []byte
		want string // part of the Chinese refusal; "" when accepted
		w, h int    // thumbnail size
	}{
		{"landscape", pngOf(800, 600), "", 160, 120},
		{"portrait", pngOf(300, 900), "", 53, 160},
		{"small stays small", pngOf(100, 50), "", 100, 50},
		{"not a picture", []byte("hello"), "JPG", 0, 0},
		{"too large", append(pngOf(10, 10), make([]byte, store.MaxPhotoBytes)...), "太大", 0, 0},
	}
	accepted := 0
	for _, c := range cases {
		id, err := b.f.DB.AddPhoto(b.f.Ctx, s.ID, "/tmp/"+c.name+".png", c.data)
		if c.want != "" {
			if err == nil || !strings.Contains(assets.Chinese(err), c.want) {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		accepted++
		ps, _ := b.f.DB.Photos(b.f.Ctx, s.ID)
		var thumb []byte
		for _, p := range ps {
			if p.ID == id {
				thumb = p.Thumb
			}
		}
		img, err := jpeg.Decode(bytes.NewReader(thumb))
		if err != nil || img.Bounds().Dx() != c.w || img.Bounds().Dy() != c.h {
			t.Errorf("%s: thumbnail %v %v, want %dx%d", c.name, img.Bounds(), err, c.w, c.h)
		}
		full, _ := b.f.DB.PhotoImage(b.f.Ctx, id)
		if !bytes.Equal(full, c.data) {
			t.Errorf("%s: stored image differs", c.name)
		}
	}
	sum, _ := b.f.DB.MeetingSummary(b.f.Ctx, s.ID)
	if sum.Photos != accepted {
		t.Fatalf("%d photos counted, want %d", sum.Photos, accepted)
	}
}

package main

import "github.com/go-gl/glfw/v3.3/glfw"

// primaryScreenSize is the primary screen's size in pixels (0, 0 if unknown). It must run on
// the main thread once the window system is up (Fyne's OnStarted callback does).
func primaryScreenSize() (int, int) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0
	}
	v := m.GetVideoMode()
	if v == nil {
		return 0, 0
	}
	return v.Width, v.Height
}

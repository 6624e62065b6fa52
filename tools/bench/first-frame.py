#!/usr/bin/env python3
"""Time from starting the app to its first frame on screen, measured from outside the process.

    python3 tools/bench/first-frame.py [BINARY] [RUNS]     (default: target/release/range-rings, 10)

Needs Xvfb (apt-get install xvfb). Starts Xvfb on :94 at 1920x1080, then runs the binary RUNS
times on the built-in scenario with fresh settings. Each run is timed from the launch to

- the window being mapped: eframe shows it after painting the first frame, before the buffer
  swap, so this is early by the GL renderer's share of that frame;
- the map painted: three points in the map area (right of the side panel) are no longer black.
  With Mesa's llvmpipe the pixels of a frame are drawn at the swap, so this is the time a user
  sees the map.

Prints the median, the fastest and the slowest of each. The X server is polled every 2 ms
through libX11 from this one process, so that polling costs the app almost nothing.
"""

import ctypes
import ctypes.util
import os
import statistics
import subprocess
import sys
import tempfile
import time

BINARY = sys.argv[1] if len(sys.argv) > 1 else "target/release/range-rings"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
DISPLAY = ":94"


class WindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


IS_VIEWABLE = 2
Z_PIXMAP = 2

xlib = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
xlib.XOpenDisplay.restype = ctypes.c_void_p
xlib.XDefaultRootWindow.restype = ctypes.c_ulong
xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
xlib.XQueryTree.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
    ctypes.POINTER(ctypes.c_uint),
]
xlib.XGetWindowAttributes.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.POINTER(WindowAttributes),
]
xlib.XGetImage.restype = ctypes.c_void_p
xlib.XGetImage.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.c_int,
    ctypes.c_int,
    ctypes.c_uint,
    ctypes.c_uint,
    ctypes.c_ulong,
    ctypes.c_int,
]
xlib.XGetPixel.restype = ctypes.c_ulong
xlib.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
xlib.XFree.argtypes = [ctypes.c_void_p]


def mapped_window(display, root):
    """The attributes of a mapped top-level window wider than 100 px, or None."""
    parent, root_out = ctypes.c_ulong(), ctypes.c_ulong()
    children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    xlib.XQueryTree(
        display,
        root,
        ctypes.byref(root_out),
        ctypes.byref(parent),
        ctypes.byref(children),
        ctypes.byref(count),
    )
    found = None
    for i in range(count.value):
        attributes = WindowAttributes()
        xlib.XGetWindowAttributes(display, children[i], ctypes.byref(attributes))
        if attributes.map_state == IS_VIEWABLE and attributes.width > 100:
            found = attributes
    if children:
        xlib.XFree(children)
    return found


def map_painted(display, root, window):
    """Whether three points of the map area are no longer black."""
    for fx, fy in ((0.6, 0.3), (0.75, 0.45), (0.9, 0.2)):
        x, y = window.x + int(window.width * fx), window.y + int(window.height * fy)
        image = xlib.XGetImage(display, root, x, y, 1, 1, 0xFFFFFFFF, Z_PIXMAP)
        if not image or xlib.XGetPixel(image, 0, 0) == 0:
            return False
    return True


def main():
    xvfb = subprocess.Popen(
        ["Xvfb", DISPLAY, "-screen", "0", "1920x1080x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1)
        display = xlib.XOpenDisplay(DISPLAY.encode())
        if not display:
            sys.exit(f"cannot open the X display {DISPLAY}")
        root = xlib.XDefaultRootWindow(display)
        environment = dict(os.environ, DISPLAY=DISPLAY)
        mapped, painted = [], []
        for _ in range(RUNS):
            with tempfile.TemporaryDirectory() as settings:
                environment["XDG_DATA_HOME"] = settings
                started = time.perf_counter()
                app = subprocess.Popen(
                    [BINARY],
                    env=environment,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                while not (window := mapped_window(display, root)):
                    time.sleep(0.002)
                mapped.append((time.perf_counter() - started) * 1000)
                while not map_painted(display, root, window):
                    time.sleep(0.002)
                painted.append((time.perf_counter() - started) * 1000)
                app.terminate()
                app.wait()
                time.sleep(0.4)
        for name, values in (("window mapped", mapped), ("map painted", painted)):
            print(
                f"{name}: median {statistics.median(values):.0f} ms, "
                f"fastest {min(values):.0f} ms, slowest {max(values):.0f} ms ({RUNS} runs)"
            )
    finally:
        xvfb.terminate()


if __name__ == "__main__":
    main()

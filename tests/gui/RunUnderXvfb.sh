#!/bin/sh
# Runs a command under a private Xvfb server (the GUI tests need an X display; CI has none).
exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "$@"

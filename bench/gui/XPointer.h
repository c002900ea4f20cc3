// Moving the X pointer without waiting: the designer benchmark's moves during a drag. wx 3.2's
// wxUIActionSimulator::MouseMove sleeps 20 ms after each move, so a drag driven by it alone could
// not go faster than about 45 moves a second; this sends a move (XWarpPointer on a connection of
// its own) and returns at once. It also tells when the X server has shown what the window painted.
// Xlib stays inside XPointer.cpp. Main thread only.
#pragma once

#include <memory>

namespace boxoffice::bench {

class XPointer {
public:
    // Opens a connection to the display of $DISPLAY; ok() says whether it could.
    XPointer();
    ~XPointer();
    XPointer(const XPointer&) = delete;
    XPointer& operator=(const XPointer&) = delete;

    bool ok() const;
    // Moves the pointer to (x, y) in screen pixels and flushes the request to the server.
    void moveTo(int x, int y);

    // Waits until the X server has carried out every request sent on `display` (an Xlib Display,
    // as wxGetDisplayInfo gives GTK's): what a window painted is then on the screen.
    static void waitForServer(void* display);

private:
    struct Connection;
    std::unique_ptr<Connection> m_connection;
};

} // namespace boxoffice::bench

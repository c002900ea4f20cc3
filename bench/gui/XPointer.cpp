#include "XPointer.h"

#include <X11/Xlib.h>

namespace boxoffice::bench {

struct XPointer::Connection {
    Display* display = nullptr;
};

XPointer::XPointer() : m_connection(std::make_unique<Connection>()) {
    m_connection->display = XOpenDisplay(nullptr);
}

XPointer::~XPointer() {
    if (m_connection->display != nullptr) {
        XCloseDisplay(m_connection->display);
    }
}

bool XPointer::ok() const {
    return m_connection->display != nullptr;
}

void XPointer::moveTo(int x, int y) {
    Display* display = m_connection->display;
    if (display == nullptr) {
        return;
    }
    XWarpPointer(display, None, DefaultRootWindow(display), 0, 0, 0, 0, x, y);
    XFlush(display);
}

void XPointer::waitForServer(void* display) {
    if (display != nullptr) {
        XSync(static_cast<Display*>(display), False);
    }
}

} // namespace boxoffice::bench

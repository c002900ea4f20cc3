// Small wrappers around glib/pango/poppler calls whose macros trip -Wold-style-cast, and RAII
// owners for their handles. Private to services/render.
#pragma once

#include <glib-object.h>

#include <memory>

namespace boxoffice::render::detail {

struct GObjectUnref {
    void operator()(void* p) const {
        if (p) {
            g_object_unref(p);
        }
    }
};
template <class T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

}  // namespace boxoffice::render::detail

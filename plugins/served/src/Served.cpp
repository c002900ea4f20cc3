#include "boxoffice/plugins/Served.h"

#if defined(BOXOFFICE_HAVE_PRETIXDROID)
#include "boxoffice/plugins/pretixdroid/PretixdroidPlugin.h"
#endif
#if defined(BOXOFFICE_HAVE_PDF)
#include "boxoffice/pdf/PdfPlugin.h"
#endif
#if defined(BOXOFFICE_HAVE_CERTIFICATES)
#include "boxoffice/certificates/CertificatesPlugin.h"
#endif

namespace boxoffice::plugins {

std::vector<std::shared_ptr<server::Plugin>> servedPlugins() {
    std::vector<std::shared_ptr<server::Plugin>> out;
#if defined(BOXOFFICE_HAVE_PRETIXDROID)
    out.push_back(std::make_shared<pretixdroid::PretixdroidPlugin>());
#endif
#if defined(BOXOFFICE_HAVE_PDF)
    out.push_back(std::make_shared<pdf::PdfPlugin>());
#endif
#if defined(BOXOFFICE_HAVE_CERTIFICATES)
    out.push_back(std::make_shared<certificates::CertificatesPlugin>());
#endif
    return out;
}

}  // namespace boxoffice::plugins

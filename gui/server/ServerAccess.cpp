// The Server tab's access side: pairing scanners (setup QR codes), the paired devices and the
// API tokens (ServerPanel.h). Every write is a use case of services/auth run on a worker.
#include "server/ServerPanel.h"

#include "boxoffice/auth/Devices.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/gui/Format.h"
#include "server/QrBitmap.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

wxString errorText(const model::Error& error) {
    wxString text = fromUtf8(error.message);
    for (const auto& [field, messages] : error.fields) {
        for (const auto& m : messages) {
            text += wxS("\n") + fromUtf8(field + ": " + m);
        }
    }
    return text;
}

wxString deviceState(const model::Device& d) {
    if (d.revoked()) {
        return _("revoked");
    }
    if (d.initialized()) {
        return _("active");
    }
    return d.setupExpires && *d.setupExpires <= model::now() ? _("expired") : _("waiting");
}

} // namespace

void ServerPanel::pair() {
    if (!serving() || !m_loaded.event) {
        return;
    }
    auth::PairRequest request;
    request.organizer = m_loaded.event->organizerSlug;
    request.event = m_loaded.event->slug;
    request.gateName = std::string(m_gate->GetValue().Strip(wxString::both).utf8_string());
    for (unsigned i = 0; i < m_lists->GetCount() && i < m_loaded.lists.size(); ++i) {
        if (m_lists->IsChecked(i)) {
            request.listIds.push_back(m_loaded.lists[i].id);
        }
    }
    request.url = scannerUrl();
    say(_("Making a setup code..."));
    m_work = session().run<model::Result<auth::PairedDevice>>(
        this, [request](desk::TaskContext& context) { return auth::createSetupToken(context.store, request); },
        [this, local = m_host == "127.0.0.1"](model::Result<auth::PairedDevice>&& paired) {
            if (!paired) {
                say(wxString::Format(_("No setup code was made: %s"), errorText(paired.error())));
                return;
            }
            const auto& d = paired->device;
            m_qr->SetBitmap(qrBitmap(paired->payload));
            m_payload->ChangeValue(fromUtf8(paired->payload));
            m_expires->SetLabel(d.setupExpires ? wxString::Format(_("Scan it with pretixSCAN before %s; it works "
                                                                    "once."),
                                                                  localDateTime(*d.setupExpires))
                                               : wxString());
            m_expires->Wrap(m_payload->GetSize().x > 0 ? m_payload->GetSize().x : FromDIP(220));
            say(local ? wxString::Format(_("\"%s\" is waiting. The code points at this computer only: a scanner "
                                           "on the network needs the server to listen on every network."),
                                         fromUtf8(d.name))
                      : wxString::Format(_("\"%s\" is waiting for its scanner to read the code."), fromUtf8(d.name)));
            Layout();
        });
}

void ServerPanel::showDevices() {
    const long row = selectedRow(m_devices);
    const model::Id selected = row >= 0 && static_cast<std::size_t>(row) < m_shownDevices.size()
                                   ? m_shownDevices[static_cast<std::size_t>(row)]
                                   : 0;
    m_devices->DeleteAllItems();
    m_shownDevices.clear();
    for (const auto& d : m_loaded.devices) {
        const long at = m_devices->InsertItem(m_devices->GetItemCount(), fromUtf8(d.name));
        m_devices->SetItem(at, 1, d.softwareBrand.empty() ? wxString(wxS("-"))
                                                           : fromUtf8(d.softwareBrand + " " + d.softwareVersion));
        m_devices->SetItem(at, 2, d.gateName.empty() ? wxString(wxS("-")) : fromUtf8(d.gateName));
        m_devices->SetItem(at, 3, d.lastSeen ? localDateTime(*d.lastSeen) : _("never"));
        m_devices->SetItem(at, 4, deviceState(d));
        m_shownDevices.push_back(d.id);
        if (d.id == selected) {
            m_devices->SetItemState(at, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        }
    }
}

void ServerPanel::revokeDevice() {
    const long row = selectedRow(m_devices);
    if (row < 0 || static_cast<std::size_t>(row) >= m_loaded.devices.size()) {
        return;
    }
    const auto& device = m_loaded.devices[static_cast<std::size_t>(row)];
    if (!askConfirm ||
        !askConfirm(wxString::Format(_("Revoke \"%s\"? The scanner is refused from its next request on and has to "
                                       "be paired again."),
                                     fromUtf8(device.name)),
                    _("Revoke"))) {
        return;
    }
    m_work = session().run<model::Result<model::Device>>(
        this, [id = device.id](desk::TaskContext& context) { return auth::revokeDevice(context.store, id); },
        [this](model::Result<model::Device>&& revoked) {
            say(revoked ? wxString::Format(_("\"%s\" is revoked."), fromUtf8(revoked->name))
                        : errorText(revoked.error()));
        });
}

void ServerPanel::showTokens() {
    const long row = selectedRow(m_tokens);
    const model::Id selected = row >= 0 && static_cast<std::size_t>(row) < m_shownTokens.size()
                                   ? m_shownTokens[static_cast<std::size_t>(row)]
                                   : 0;
    m_tokens->DeleteAllItems();
    m_shownTokens.clear();
    for (const auto& t : m_loaded.tokens) {
        const long at = m_tokens->InsertItem(m_tokens->GetItemCount(), fromUtf8(t.name));
        m_tokens->SetItem(at, 1, t.eventSlug ? fromUtf8(t.organizerSlug + "/" + *t.eventSlug)
                                             : wxString::Format(_("every event of %s"), fromUtf8(t.organizerSlug)));
        wxString may;
        for (const auto permission : {model::Permission::CheckinOrders, model::Permission::ViewOrders,
                                      model::Permission::ChangeOrders, model::Permission::ChangeEventSettings}) {
            if (t.permissions.has(permission)) {
                may += (may.empty() ? wxString() : wxString(wxS(", "))) + permissionLabel(permission);
            }
        }
        m_tokens->SetItem(at, 2, may.empty() ? _("nothing") : may);
        m_tokens->SetItem(at, 3, localDateTime(t.created));
        m_tokens->SetItem(at, 4, t.lastUsed ? localDateTime(*t.lastUsed) : _("never"));
        m_tokens->SetItem(at, 5, t.revoked ? _("revoked") : _("active"));
        m_shownTokens.push_back(t.id);
        if (t.id == selected) {
            m_tokens->SetItemState(at, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        }
    }
}

wxString ServerPanel::permissionLabel(model::Permission permission) {
    switch (permission) {
        case model::Permission::CheckinOrders: return _("scan tickets");
        case model::Permission::ViewOrders: return _("see orders");
        case model::Permission::ChangeOrders: return _("sell");
        case model::Permission::ChangeEventSettings: return _("change lists and layouts");
    }
    return wxString();
}

model::Permissions ServerPanel::tokenPermissions() const {
    std::uint8_t bits = 0;
    for (const auto& [permission, box] : m_tokenPermissions) {
        if (box->GetValue()) {
            bits |= static_cast<std::uint8_t>(permission);
        }
    }
    return model::Permissions::fromBits(bits);
}

void ServerPanel::createToken() {
    const std::string name(m_tokenName->GetValue().Strip(wxString::both).utf8_string());
    if (!m_loaded.event || name.empty()) {
        return;
    }
    const std::optional<std::string> event =
        m_tokenScope->GetSelection() == 1 ? std::nullopt : std::optional<std::string>(m_loaded.event->slug);
    m_work = session().run<model::Result<auth::CreatedToken>>(
        this,
        [name, organizer = m_loaded.event->organizerSlug, event,
         permissions = tokenPermissions()](desk::TaskContext& context) {
            return auth::issueToken(context.store, name, organizer, event, permissions);
        },
        [this](model::Result<auth::CreatedToken>&& created) {
            if (!created) {
                say(wxString::Format(_("No token was made: %s"), errorText(created.error())));
                return;
            }
            m_tokenName->ChangeValue(wxString());
            m_tokenSecret->ChangeValue(fromUtf8(created->secret));
            m_tokenSecret->SetFocus();
            m_tokenSecret->SelectAll();
            say(wxString::Format(_("Token \"%s\" made. Copy its secret now: it is not shown again."),
                                 fromUtf8(created->record.name)));
            updateButtons();
        });
}

void ServerPanel::revokeToken() {
    const long row = selectedRow(m_tokens);
    if (row < 0 || static_cast<std::size_t>(row) >= m_loaded.tokens.size()) {
        return;
    }
    const auto& token = m_loaded.tokens[static_cast<std::size_t>(row)];
    if (!askConfirm || !askConfirm(wxString::Format(_("Revoke the token \"%s\"? Programs using it are refused "
                                                      "from their next request on."),
                                                    fromUtf8(token.name)),
                                   _("Revoke"))) {
        return;
    }
    m_work = session().run<model::Result<bool>>(
        this, [id = token.id](desk::TaskContext& context) { return auth::revokeToken(context.store, id); },
        [this, name = token.name](model::Result<bool>&& revoked) {
            if (revoked) {
                m_tokenSecret->ChangeValue(wxString());
            }
            say(revoked ? wxString::Format(_("The token \"%s\" is revoked."), fromUtf8(name))
                        : errorText(revoked.error()));
        });
}

} // namespace boxoffice::gui

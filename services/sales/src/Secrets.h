// The random strings of an order, in pretix's alphabets and lengths, from the CSPRNG
// (auth::randomFromAlphabet). Unique within the event: each is drawn again while the store
// already has it, inside the caller's transaction. Call from the thread that owns the Store.
#pragma once

#include <string>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::sales {

// pretix's order codes: capitals and digits without look-alikes (no I, O, 0, 1, 2, 5, 6).
inline constexpr const char* kOrderCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ3789";
inline constexpr std::size_t kOrderCodeLength = 5;
// pretix's ticket secrets (its "random" secret generator): lower case and digits without look-alikes.
inline constexpr const char* kTicketSecretAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
inline constexpr std::size_t kTicketSecretLength = 32;
// The order's own secret (links in pretix's e-mails): lower case letters and digits.
inline constexpr const char* kOrderSecretAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::size_t kOrderSecretLength = 16;
inline constexpr std::size_t kPseudonymizationIdLength = 10;

std::string newOrderCode(model::Store& store, model::Id eventId);
std::string newTicketSecret(model::Store& store, model::Id eventId);
std::string newOrderSecret();
std::string newPseudonymizationId();

}  // namespace boxoffice::sales

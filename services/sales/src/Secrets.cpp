#include "Secrets.h"

#include "boxoffice/auth/Tokens.h"

namespace boxoffice::sales {

namespace {

bool codeTaken(model::Store& store, model::Id eventId, const std::string& code) {
    auto q = store.cached("SELECT 1 FROM orders WHERE event_id = ? AND code = ?");
    q.bind(1, eventId);
    q.bind(2, code);
    return q.executeStep();
}

bool secretTaken(model::Store& store, model::Id eventId, const std::string& secret) {
    auto q = store.cached("SELECT 1 FROM order_position WHERE event_id = ? AND secret = ?");
    q.bind(1, eventId);
    q.bind(2, secret);
    return q.executeStep();
}

}  // namespace

std::string newOrderCode(model::Store& store, model::Id eventId) {
    // 28^5 = 17 million codes: a repeat is rare but possible in a large event, so look first.
    std::string code;
    do {
        code = auth::randomFromAlphabet(kOrderCodeAlphabet, kOrderCodeLength);
    } while (codeTaken(store, eventId, code));
    return code;
}

std::string newTicketSecret(model::Store& store, model::Id eventId) {
    std::string secret;
    do {
        secret = auth::randomFromAlphabet(kTicketSecretAlphabet, kTicketSecretLength);
    } while (secretTaken(store, eventId, secret));
    return secret;
}

std::string newOrderSecret() { return auth::randomFromAlphabet(kOrderSecretAlphabet, kOrderSecretLength); }

std::string newPseudonymizationId() { return auth::randomFromAlphabet(kOrderCodeAlphabet, kPseudonymizationIdLength); }

}  // namespace boxoffice::sales

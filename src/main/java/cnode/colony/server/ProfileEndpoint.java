package cnode.colony.server;

import cnode.colony.UserLocation;
import cnode.colony.UserProfile;
import cnode.colony.client.ColonyUsers.LocationView;
import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.colony.client.ColonyUsers.ProfileReply;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/users/{user}}: a user's public profile, read by anyone (looking up a
 * counterparty, checking a peer's handshake against its public key, {@code getMerchantData},
 * {@code fetchUserLocation}): the public key, the merchant flag and data, and where the node
 * is. Unknown names, well-formed or not, are {@code 404 UNKNOWN_USER}. Immutable; any thread.
 */
final class ProfileEndpoint implements Endpoint<NoBody, ProfileReply> {
    private final WriterLink link;
    private final JsonMapper json;

    /** {@code json} reads the merchant data back; it must ignore fields it does not know. */
    ProfileEndpoint(WriterLink link, JsonMapper json) {
        this.link = link;
        this.json = json;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<ProfileReply>> handle(NoBody request, Call call) {
        String user = call.pathParam("user");
        return link.ask((state, nowMs) -> state.directory().profile(user, nowMs)
                .<Outcome<UserProfile>>map(Outcome::ok).orElseGet(Refused::unknownUser))
            .thenApply(outcome -> switch (outcome) {
                case Outcome.Ok<UserProfile>(UserProfile profile) -> Outcome.ok(reply(profile));
                case Outcome.Refused<UserProfile>(Refusal refusal) -> Outcome.refused(refusal);
            });
    }

    private ProfileReply reply(UserProfile profile) {
        return new ProfileReply(profile.username(),
            Texts.base64url(profile.publicKey().bytes()), profile.merchant(),
            profile.merchant() ? merchant(profile.merchantJson()) : null,
            view(profile.location()));
    }

    private MerchantDetails merchant(String merchantJson) {
        try {
            return json.readValue(merchantJson, MerchantDetails.class);
        } catch (JsonProcessingException notOurs) {
            throw new IllegalStateException("stored merchant data is not the colony's shape",
                notOurs);
        }
    }

    /** The location as the wire shows it: parts never reported are absent. */
    static LocationView view(UserLocation location) {
        boolean reported = location.lastSeenMs() != 0 || !location.address().isEmpty();
        return reported ? new LocationView(location.address(), location.machineIdHex(),
            location.online(), location.lastSeenMs())
            : new LocationView(null, null, false, null);
    }
}

package cnode.colony.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The colony's directory endpoints, typed, over a {@link ColonyClient}: what a node calls to
 * register its user, log in (on any node: the answer carries the user's sealed private key),
 * renew and end its session, look users up, report where it is, and hold its user's write
 * lease. The records below are the wire shapes of docs/COLONY-API.md. Session-authenticated
 * calls take the {@link SessionToken} of {@link LoginReply#sessionToken()}. Stateless;
 * thread-safe as the client is.
 */
public final class ColonyUsers {
    private final ColonyClient client;

    public ColonyUsers(ColonyClient client) {
        this.client = client;
    }

    /** {@code POST /v1/users}: registers a user; the password is hashed by the colony. */
    public Outcome<RegisterReply> register(RegisterRequest request)
        throws IOException, InterruptedException {
        return client.post("/v1/users", request, RegisterReply.class);
    }

    /** {@code POST /v1/sessions}: logs in; the reply opens a session and carries the keys. */
    public Outcome<LoginReply> login(String username, String password)
        throws IOException, InterruptedException {
        return client.post("/v1/sessions", new LoginRequest(username, password),
            LoginReply.class);
    }

    /** {@code POST /v1/sessions/renew}: the session lasts its full time again from now. */
    public Outcome<SessionReply> renew(SessionToken session)
        throws IOException, InterruptedException {
        return client.call("POST", "/v1/sessions/renew", null, SessionReply.class, session);
    }

    /** {@code DELETE /v1/sessions}: ends the session (lease and location are kept). */
    public Outcome<LogoutReply> logout(SessionToken session)
        throws IOException, InterruptedException {
        return client.call("DELETE", "/v1/sessions", null, LogoutReply.class, session);
    }

    /** {@code GET /v1/users/{user}}: anyone's public profile and location. */
    public Outcome<ProfileReply> profile(String username)
        throws IOException, InterruptedException {
        return client.get("/v1/users/" + segment(username), ProfileReply.class);
    }

    /** {@code PUT /v1/users/{user}/location}: where the session's user's node is. */
    public Outcome<LocationView> setLocation(SessionToken session, String username,
                                             LocationRequest request)
        throws IOException, InterruptedException {
        return client.call("PUT", "/v1/users/" + segment(username) + "/location", request,
            LocationView.class, session);
    }

    /** {@code POST /v1/leases}: acquire, renew, release or hand over the write lease. */
    public Outcome<LeaseReply> lease(SessionToken session, LeaseRequest request)
        throws IOException, InterruptedException {
        return client.call("POST", "/v1/leases", request, LeaseReply.class, session);
    }

    /** A username as one path segment (usernames need no escaping; anything else gets it). */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Body of {@code POST /v1/users}. {@link #toString()} leaves out the password.
     *
     * @param username the wanted name: 4 to 32 of {@code [a-z0-9._-]}, starting with a letter
     * @param password the password, 1 to 1 024 characters; the colony stores only its hash
     * @param publicKey the user's Ed25519 public key, base64url (43 characters)
     * @param keyBlob the private key sealed under the password ({@code cnode.crypto.KeyBlob}),
     *     base64url (108 characters); the colony keeps it without being able to open it
     * @param merchant whether the user is a merchant
     * @param merchantData a merchant's data; only for a merchant
     * @param arChoice the clearing agent; absent for the colony's default
     * @param ipeChoice the e-money issuer; absent for the colony's default
     * @param recoveryEmails recovery e-mail addresses; absent for none
     */
    public record RegisterRequest(String username, String password, String publicKey,
                                  String keyBlob, boolean merchant,
                                  @OptionalField MerchantDetails merchantData,
                                  @OptionalField String arChoice,
                                  @OptionalField String ipeChoice,
                                  @OptionalField List<String> recoveryEmails) {
        @Override
        public String toString() {
            return "RegisterRequest[username=" + username + ", merchant=" + merchant + "]";
        }
    }

    /**
     * A merchant's data as contract §3 shapes it ({@code getMerchantData}); each part optional.
     * The three {@code ...Json} parts are JSON documents carried as text.
     */
    public record MerchantDetails(@OptionalField String publicProfileJson,
                                  @OptionalField String invoiceDataJson,
                                  @OptionalField String financialAccountJson,
                                  @OptionalField String logo) {}

    /**
     * Answer of {@code POST /v1/users}. {@link #toString()} leaves out the mpin.
     *
     * @param username the new user
     * @param mpin the user's machine PIN, 6 characters of {@code [0-9A-Z]}
     */
    public record RegisterReply(String username, String mpin) {
        @Override
        public String toString() {
            return "RegisterReply[username=" + username + "]";
        }
    }

    /** Body of {@code POST /v1/sessions}. {@link #toString()} leaves out the password. */
    public record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    /**
     * Answer of {@code POST /v1/sessions}: the session, and what a node needs to act as the
     * user: the public key, the sealed private key (opened on the node with the password) and
     * the mpin. {@link #toString()} leaves out the session, the blob and the mpin.
     *
     * @param username the user
     * @param session the session token, for {@code Authorization: Session <token>}
     * @param expiresAtMs when the session ends unless renewed
     * @param publicKey the user's public key, base64url
     * @param keyBlob the sealed private key, base64url
     * @param mpin the user's machine PIN
     */
    public record LoginReply(String username, String session, long expiresAtMs,
                             String publicKey, String keyBlob, String mpin) {
        /** The session as a credential for session-authenticated calls. */
        public SessionToken sessionToken() {
            return new SessionToken(session);
        }

        @Override
        public String toString() {
            return "LoginReply[username=" + username + ", expiresAtMs=" + expiresAtMs + "]";
        }
    }

    /** Answer of {@code POST /v1/sessions/renew}: the session's user and new expiry. */
    public record SessionReply(String username, long expiresAtMs) {}

    /** Answer of {@code DELETE /v1/sessions}: whose session ended. */
    public record LogoutReply(String username) {}

    /**
     * Answer of {@code GET /v1/users/{user}}.
     *
     * @param username the user
     * @param publicKey the user's Ed25519 public key, base64url
     * @param merchant whether the user is a merchant
     * @param merchantData a merchant's data; absent for other users
     * @param location where the user's node is
     */
    public record ProfileReply(String username, String publicKey, boolean merchant,
                               @OptionalField MerchantDetails merchantData,
                               LocationView location) {}

    /**
     * Where a user's node is. A node counts as online only while its last report is fresh.
     *
     * @param address P2P address {@code host:port}; absent when the node never reported
     * @param machineIdHex the node's machine id; absent when the node never reported
     * @param online whether the node said it is online and reported recently
     * @param lastSeenMs when it last reported; absent when never
     */
    public record LocationView(@OptionalField String address,
                               @OptionalField String machineIdHex, boolean online,
                               @OptionalField Long lastSeenMs) {}

    /**
     * Body of {@code PUT /v1/users/{user}/location}.
     *
     * @param address P2P address, {@code host:port} (host name, IPv4 or {@code [IPv6]})
     * @param machineIdHex 1 to 64 hex digits
     * @param online whether the node takes P2P connections now
     */
    public record LocationRequest(String address, String machineIdHex, boolean online) {}

    /**
     * Body of {@code POST /v1/leases}.
     *
     * @param action {@code ACQUIRE}, {@code RENEW}, {@code RELEASE} or {@code HAND_OVER}
     * @param instanceId the calling node's own id, 1 to 64 printable ASCII characters
     * @param ttlMs how long the lease lasts from now; for every action but {@code RELEASE}
     * @param successor the instance id that takes the lease; only for {@code HAND_OVER}
     */
    public record LeaseRequest(String action, String instanceId, @OptionalField Long ttlMs,
                               @OptionalField String successor) {
        public static LeaseRequest acquire(String instanceId, long ttlMs) {
            return new LeaseRequest("ACQUIRE", instanceId, ttlMs, null);
        }

        public static LeaseRequest renew(String instanceId, long ttlMs) {
            return new LeaseRequest("RENEW", instanceId, ttlMs, null);
        }

        public static LeaseRequest release(String instanceId) {
            return new LeaseRequest("RELEASE", instanceId, null, null);
        }

        public static LeaseRequest handOver(String instanceId, String successor, long ttlMs) {
            return new LeaseRequest("HAND_OVER", instanceId, ttlMs, successor);
        }
    }

    /**
     * Answer of {@code POST /v1/leases}.
     *
     * @param outcome {@code GRANTED}, {@code TAKEN_OVER}, {@code RENEWED}, {@code RELEASED},
     *     {@code HANDED_OVER} (the lease is as asked), or {@code HELD_BY_OTHER},
     *     {@code NOT_HOLDER}, {@code EXPIRED} (it is not)
     * @param holder the holder after the call; after {@code HELD_BY_OTHER} and
     *     {@code NOT_HOLDER} the other instance; absent when nobody holds it
     * @param expiresAtMs the holder's expiry, so a waiting node knows when to try again;
     *     absent when nobody holds it
     */
    public record LeaseReply(String outcome, @OptionalField String holder,
                             @OptionalField Long expiresAtMs) {
        /** Whether the lease is now as the caller asked. */
        public boolean done() {
            return switch (outcome) {
                case "GRANTED", "TAKEN_OVER", "RENEWED", "RELEASED", "HANDED_OVER" -> true;
                default -> false;
            };
        }
    }
}

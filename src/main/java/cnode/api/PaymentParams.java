package cnode.api;

import cnode.money.Currency;
import cnode.peer.PeerAddress;
import cnode.soap.SoapNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The parameters the payment operations share, read the way contract §3 asks: a
 * {@code billonAmount}, a {@code billonUserLocation} (a location whose fields are all empty or
 * zero counts as absent), the invoice and delivery options, and the fingerprint of a call for
 * the uniqueTransferId rule. Malformed values read as empty so the operation answers its own
 * {@code ERR_*}. Stateless.
 */
final class PaymentParams {
    static final WireType LOCATION = WireType.struct("peerAddress",
        "machineIdHex", "xsd:string", "ip", "xsd:string", "tcp", "xsd:unsignedInt",
        "udp", "xsd:unsignedInt");
    static final WireType USER_LOCATION = WireType.struct("billonUserLocation",
        "userName", "xsd:string", "userLocation", LOCATION.ref(),
        "buddyLocation", LOCATION.ref(), "confirmationCode1", "xsd:string",
        "confirmationCode2", "xsd:string");

    /** An amount in billons of a rated currency (colour 0). */
    record Amount(long billons, String currency) {}

    /** What a peerLocation parameter says: nothing, an address, or something malformed. */
    record Location(boolean malformed, Optional<PeerAddress> address) {
        static final Location NONE = new Location(false, Optional.empty());
    }

    private PaymentParams() {}

    /** The amount, or empty when it is missing, zero, too large, or of no rated currency. */
    static Optional<Amount> amount(SoapNode params, String name) {
        SoapNode amount = params.child(name);
        if (amount == null) {
            return Optional.empty();
        }
        Long billons = Params.unsigned(amount, "amount", 0, Long.MAX_VALUE);
        Long colour = Params.unsigned(amount, "colour", 0, Long.MAX_VALUE);
        String currency = Params.text(amount, "currency");
        if (billons == null || billons <= 0 || colour == null || colour != 0
            || !Currency.isCode(currency) || !new Currency(currency).rated()) {
            return Optional.empty();
        }
        return Optional.of(new Amount(billons, currency));
    }

    /** The peer location hint: its user location's ip and tcp port. */
    static Location location(SoapNode params) {
        SoapNode location = params.child("peerLocation");
        SoapNode user = location == null ? null : location.child("userLocation");
        if (user == null) {
            return Location.NONE;
        }
        String ip = Params.text(user, "ip");
        Long tcp = Params.unsigned(user, "tcp", 0, 65_535);
        if (tcp == null) {
            return new Location(true, Optional.empty());
        }
        if (ip.isEmpty() && tcp == 0) {
            return Location.NONE;
        }
        Optional<PeerAddress> address = PeerAddress.parse(
            (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + tcp);
        return address.isEmpty() ? new Location(true, Optional.empty())
            : new Location(false, address);
    }

    /** NOT_NEEDED, OPTIONAL, OBLIGATORY, or empty (NOT_NEEDED). */
    static boolean option(String text) {
        return text.isEmpty() || text.equals("NOT_NEEDED") || text.equals("OPTIONAL")
            || text.equals("OBLIGATORY");
    }

    /** A digest of the call's parameters: the same call again has the same fingerprint. */
    static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every JDK", missing);
        }
    }
}

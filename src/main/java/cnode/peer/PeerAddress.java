package cnode.peer;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's P2P address as the directory publishes it: {@code host:port}, the host a name,
 * an IPv4 address or an IPv6 address in brackets. Immutable; validated on construction.
 *
 * @param host the host name or address, without brackets
 * @param port 1 to 65 535
 */
public record PeerAddress(String host, int port) {
    private static final Pattern FORM =
        Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9.-]{1,253}):([0-9]{1,5})");

    public PeerAddress {
        if (host == null || host.isEmpty() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not a peer address: " + host + ":" + port);
        }
    }

    /** The address in {@code text}, or empty unless it is {@code host:port}. */
    public static Optional<PeerAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65_535) {
            return Optional.empty();
        }
        String host = matcher.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return Optional.of(new PeerAddress(host, port));
    }

    /** The socket address, resolved now (the directory's names may move). */
    InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    /** The text form, {@code host:port} (IPv6 in brackets). */
    public String text() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return text();
    }
}

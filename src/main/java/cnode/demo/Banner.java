package cnode.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text {@code cnode demo} prints once the sandbox is up (contract §2): where the data is,
 * the colony and its admin token file, each node's URLs, user, behaviour and seeded money,
 * the password, ready {@code curl} lines, and how long start-up took. A value; no secrets in
 * it (the admin token is named by its file, never shown).
 *
 * @param data the demo folder, absolute
 * @param colony the colony's URL
 * @param adminTokenFile the colony's admin token file
 * @param portOffset the offset added to every port
 * @param cast the users, in order
 * @param states each node's last {@code hello} state
 * @param startupMs from the start of {@code Demo.start} until the nodes were ready (or the
 *     wait gave up)
 */
public record Banner(Path data, URI colony, Path adminTokenFile, int portOffset,
                     List<DemoUser> cast, Map<String, String> states, long startupMs) {
    private static final String ENVELOPE = "<SOAP-ENV:Envelope xmlns:SOAP-ENV="
        + "\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns=\"ns1\"><SOAP-ENV:Body>"
        + "<ns:%s/></SOAP-ENV:Body></SOAP-ENV:Envelope>";

    public Banner {
        cast = List.copyOf(cast);
        states = Map.copyOf(states);
    }

    /** Whether every node said {@code VUI_READY}. */
    public boolean allReady() {
        return cast.stream().allMatch(user -> Readiness.READY.equals(states.get(user.name())));
    }

    /** The banner, several lines, ending with a newline. */
    public String text() {
        StringBuilder out = new StringBuilder("\n");
        out.append(allReady() ? "cnode sandbox is up" : "cnode sandbox started, not ready yet")
            .append(" (start-up took ").append(startupMs).append(" ms)\n");
        out.append("  data         ").append(data).append('\n');
        out.append("  colony       ").append(colony).append('\n');
        out.append("  admin token  ").append(adminTokenFile).append('\n');
        out.append("  every password is ").append(DemoUser.PASSWORD).append('\n');
        for (DemoUser user : cast) {
            String base = url(user);
            out.append('\n').append("  ").append(user.name())
                .append(user.merchant() ? " (merchant)" : "").append(", seeded ")
                .append(user.seededText()).append(", ").append(states.get(user.name()))
                .append('\n');
            out.append("    ").append(user.behaviour()).append('\n');
            out.append("    SOAP ").append(base).append("   WSDL ").append(base)
                .append("?wsdl   page ").append(base).append("ui/\n");
        }
        if (!allReady()) {
            out.append("\n  Not every node is VUI_READY yet (").append(notReady())
                .append("); they keep trying, see the log.\n");
        }
        String shop = url(cast.stream().filter(DemoUser::merchant).findFirst()
            .orElse(cast.get(0)));
        out.append("\nTry it (hello, then the shop's money):\n")
            .append(curl(shop, "hello")).append(curl(shop, "getMoneyStatus"))
            .append("\nStop with Ctrl-C.\n");
        return out.toString();
    }

    private String url(DemoUser user) {
        return "http://127.0.0.1:" + (user.soapPort() + portOffset) + "/";
    }

    private String notReady() {
        return cast.stream().filter(user -> !Readiness.READY.equals(states.get(user.name())))
            .map(user -> user.name() + " " + states.get(user.name()))
            .collect(Collectors.joining(", "));
    }

    private static String curl(String url, String operation) {
        return "  curl -s -H 'Content-Type: text/xml; charset=utf-8' " + url + " -d '"
            + ENVELOPE.formatted(operation) + "'\n";
    }
}

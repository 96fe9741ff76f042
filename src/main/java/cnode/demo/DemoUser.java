package cnode.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One user of the sandbox (contract §2): its name, whether it is a merchant, its node's ports
 * before the offset, the money seeded to it, its behaviour in words, and the node flags that
 * make that behaviour. {@link #CAST} is the whole sandbox. Immutable.
 *
 * @param name the username, also the name of its node's data folder
 * @param merchant whether it registers as a merchant
 * @param soapPort its node's SOAP (and web page) port before the offset
 * @param p2pPort its node's P2P port before the offset
 * @param seededBillons the money minted to it once, in PLN billons
 * @param behaviour one line for the banner
 * @param policyFlags the node flags of its behaviour, except {@code --personal-data}
 * @param sharesPersonalData whether its node gets {@code --personal-data} (a demo file)
 */
public record DemoUser(String name, boolean merchant, int soapPort, int p2pPort,
                       long seededBillons, String behaviour, List<String> policyFlags,
                       boolean sharesPersonalData) {
    /** The password of every sandbox user; printed in the banner, so it protects nothing. */
    public static final String PASSWORD = "demo-password";
    /** The file in a user's data folder that its node shares as personal data. */
    public static final String PERSONAL_DATA_FILE = "personal-data.json";

    /** The four users of contract §2, in the banner's order. */
    public static final List<DemoUser> CAST = List.of(
        new DemoUser("shop", true, 9091, 8989, 1_000_000,
            "merchant; refuses unsolicited money unless expectPaymentRequest",
            List.of("--accept-incoming", "no"), false),
        new DemoUser("alice", false, 9101, 8991, 2_000_000,
            "accepts requests, series and pings up to 500 PLN each, shares her personal data,"
                + " accepts incoming money",
            List.of("--wallet-policy", "accept-up-to=500000", "--accept-incoming", "yes",
                "--allow-non-merchant-user"), true),
        new DemoUser("bruno", false, 9102, 8992, 500_000,
            "asks a person on his web page for everything; accepts incoming money",
            List.of("--wallet-policy", "ask", "--accept-incoming", "yes",
                "--allow-non-merchant-user"), false),
        new DemoUser("carol", false, 9103, 8993, 100_000,
            "rejects every request and refuses incoming money",
            List.of("--wallet-policy", "reject-all", "--accept-incoming", "no",
                "--allow-non-merchant-user"), false));

    public DemoUser {
        policyFlags = List.copyOf(policyFlags);
        if (seededBillons <= 0) {
            throw new IllegalArgumentException("a sandbox user is seeded with some money");
        }
    }

    /** This user's data folder inside the demo folder. */
    public Path dataIn(Path demoFolder) {
        return demoFolder.resolve(name);
    }

    /** The full {@code cnode node} arguments of this user's node. */
    public List<String> nodeArgs(Path demoFolder, int portOffset, int colonyPort) {
        List<String> args = new ArrayList<>(List.of(
            "--soap-port", Integer.toString(soapPort + portOffset),
            "--p2p-port", Integer.toString(p2pPort + portOffset),
            "--colony", "http://127.0.0.1:" + colonyPort,
            "--data", dataIn(demoFolder).toString(),
            "-U", name, "-P", PASSWORD));
        args.addAll(policyFlags);
        if (sharesPersonalData) {
            args.addAll(List.of("--personal-data",
                dataIn(demoFolder).resolve(PERSONAL_DATA_FILE).toString()));
        }
        return args;
    }

    /** The seeded money as the banner writes it: {@code 2 000 PLN (2 000 000 billons)}. */
    public String seededText() {
        return groups(seededBillons / 1_000) + " PLN (" + groups(seededBillons) + " billons)";
    }

    private static String groups(long value) {
        return String.format(Locale.ROOT, "%,d", value).replace(',', ' ');
    }
}

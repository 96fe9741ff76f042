package cnode.wallet;

/**
 * How a wallet decides on incoming requests ({@code --wallet-policy}, contract §2): accept
 * every request up to an amount and reject above it, reject every request, or ask a person on
 * the web page. A pure value.
 *
 * @param kind          which of the three policies
 * @param acceptUpTo    the largest amount accepted without asking, in billons; only for
 *                      {@link Kind#ACCEPT_UP_TO}, 0 otherwise
 */
public record WalletPolicy(Kind kind, long acceptUpTo) {
    /** The three policies of the contract. */
    public enum Kind { ACCEPT_UP_TO, REJECT_ALL, ASK }

    /** What the policy says about one request of {@code amount} billons. */
    public enum Verdict { ACCEPT, REJECT, ASK }

    public WalletPolicy {
        if (kind == null || acceptUpTo < 0 || (kind != Kind.ACCEPT_UP_TO && acceptUpTo != 0)) {
            throw new IllegalArgumentException("not a wallet policy: " + kind + " " + acceptUpTo);
        }
    }

    /** The default: ask a person. */
    public static WalletPolicy ask() {
        return new WalletPolicy(Kind.ASK, 0);
    }

    /**
     * The policy written on the command line: {@code accept-up-to=BILLONS}, {@code reject-all}
     * or {@code ask}; null for anything else.
     */
    public static WalletPolicy parse(String text) {
        if (text.equals("ask")) {
            return ask();
        }
        if (text.equals("reject-all")) {
            return new WalletPolicy(Kind.REJECT_ALL, 0);
        }
        String prefix = "accept-up-to=";
        if (!text.startsWith(prefix)) {
            return null;
        }
        String digits = text.substring(prefix.length());
        if (!digits.matches("[0-9]{1,18}")) {
            return null;
        }
        return new WalletPolicy(Kind.ACCEPT_UP_TO, Long.parseLong(digits));
    }

    /** The decision on a request of {@code amount} billons. */
    public Verdict judge(long amount) {
        return switch (kind) {
            case ASK -> Verdict.ASK;
            case REJECT_ALL -> Verdict.REJECT;
            case ACCEPT_UP_TO -> amount <= acceptUpTo ? Verdict.ACCEPT : Verdict.REJECT;
        };
    }

    /** As the command line writes it. */
    public String wire() {
        return switch (kind) {
            case ASK -> "ask";
            case REJECT_ALL -> "reject-all";
            case ACCEPT_UP_TO -> "accept-up-to=" + acceptUpTo;
        };
    }
}

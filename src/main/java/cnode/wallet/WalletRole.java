package cnode.wallet;

import java.nio.file.Path;

/**
 * The node's behaviour as a wallet (contract §2): how it decides on incoming requests, whether
 * it takes money sent without a request, and the personal data it may share.
 *
 * @param policy          {@code --wallet-policy}
 * @param acceptIncoming  {@code --accept-incoming}: YES, NO, or BY_ROLE (the default: no for a
 *                        merchant, yes for anyone else)
 * @param personalData    {@code --personal-data} file, or null for none
 */
public record WalletRole(WalletPolicy policy, AcceptIncoming acceptIncoming, Path personalData) {
    /** Whether money sent without a request is taken. */
    public enum AcceptIncoming { YES, NO, BY_ROLE }

    public WalletRole {
        if (policy == null || acceptIncoming == null) {
            throw new IllegalArgumentException("a wallet role needs a policy and a choice");
        }
    }

    /** Whether this node takes unsolicited money when its user is or is not a merchant. */
    public boolean acceptsIncoming(boolean merchant) {
        return switch (acceptIncoming) {
            case YES -> true;
            case NO -> false;
            case BY_ROLE -> !merchant;
        };
    }
}

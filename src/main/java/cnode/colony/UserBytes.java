package cnode.colony;

import java.util.Arrays;

/**
 * Opaque bytes the directory keeps for a user without reading them: the Ed25519 public key
 * and the private key blob (encrypted under a key derived from the user's password, which the
 * colony never sees). An immutable copy, compared by content. {@link #toString()} prints only
 * the length, because a key blob stays a secret even encrypted. A null array reads as empty, so
 * a missing key becomes a named refusal rather than an exception. Immutable; any thread.
 */
public record UserBytes(byte[] bytes) {
    /** No bytes. */
    public static final UserBytes EMPTY = new UserBytes(new byte[0]);

    public UserBytes {
        bytes = bytes == null ? new byte[0] : bytes.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserBytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "UserBytes[" + bytes.length + " bytes]";
    }
}

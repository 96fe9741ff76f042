package cnode.soap;

import java.util.Objects;

/**
 * A request that is not a valid SOAP call, answered with a SOAP 1.1 Fault (HTTP 500).
 *
 * <p>Business errors are never faults: they are normal responses with an {@code ERR_...}
 * status. A fault is for what is not a call at all: bad XML, a DTD, a limit, a SOAP 1.2
 * envelope, a header we must understand but cannot, an unknown operation.
 *
 * <p>Invariant: the fault string is one sentence meant for the client; it quotes at most
 * {@value #QUOTE_CHARS_MAX} characters of the input through {@link #quote(String)} and names
 * no Java class. The exception carries no stack trace: faults are expected outcomes of hostile
 * or broken input, and a trace would only cost time. Immutable, so any thread may read it.
 */
public final class SoapFault extends Exception {

    /** How many characters of client input a fault string may quote. */
    static final int QUOTE_CHARS_MAX = 100;

    private static final long serialVersionUID = 1L;

    /** The SOAP 1.1 fault codes, written as {@code SOAP-ENV:<wire name>}. */
    public enum Code {
        VERSION_MISMATCH("VersionMismatch"),
        MUST_UNDERSTAND("MustUnderstand"),
        CLIENT("Client"),
        SERVER("Server");

        private final String wireName;

        Code(String wireName) {
            this.wireName = wireName;
        }

        /** The local part of the fault code on the wire, e.g. {@code Client}. */
        public String wireName() {
            return wireName;
        }
    }

    private final Code code;

    /**
     * A fault with the given code and client-facing sentence.
     *
     * @param code the SOAP 1.1 fault code
     * @param faultString one sentence saying what was wrong; quote input only through a
     *     bounded excerpt
     */
    public SoapFault(Code code, String faultString) {
        super(Objects.requireNonNull(faultString, "faultString"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The fault code. */
    public Code code() {
        return code;
    }

    /** The sentence sent as {@code faultstring}. */
    public String faultString() {
        return getMessage();
    }

    static SoapFault client(String faultString) {
        return new SoapFault(Code.CLIENT, faultString);
    }

    /**
     * Client input made safe to quote in a fault string: at most {@value #QUOTE_CHARS_MAX}
     * characters, control characters shown as {@code ?}, and an ellipsis when cut. The
     * result is plain text; the writer escapes it for XML like any other string.
     */
    static String quote(String input) {
        int length = Math.min(input.length(), QUOTE_CHARS_MAX);
        StringBuilder out = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            char c = input.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (input.length() > QUOTE_CHARS_MAX) {
            // A cut between the halves of a surrogate pair would leave half a character.
            if (Character.isHighSurrogate(input.charAt(length - 1))) {
                out.setLength(length - 1);
            }
            out.append("...");
        }
        return out.toString();
    }
}

package cnode.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Request envelopes for the soap tests: the resource files under {@code /soap/} and a
 * builder for the newer untyped shape. Stateless; any test thread may use it.
 */
final class Envelopes {

    static final String SEED = "seed-getTaskStatus-request.xml";
    static final String TYPED_VAULT = "typed-sendMoneyToVault-request.xml";
    static final String TYPED_ADD_SLAVES = "typed-addSlaves-request.xml";
    static final String MULTIREF_GIVE_MONEY = "multiref-giveMoneyRequest-request.xml";

    private Envelopes() {}

    /** The bytes of a resource under {@code /soap/}, exactly as stored. */
    static byte[] resource(String name) {
        try (InputStream in = Envelopes.class.getResourceAsStream("/soap/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /soap/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An untyped envelope (the newer style) whose Body holds {@code operationXml}. */
    static String untyped(String operationXml) {
        return "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:ns=\"ns1\"><SOAP-ENV:Body>" + operationXml
                + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}

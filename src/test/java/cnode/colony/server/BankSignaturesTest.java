package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ExchangeRequest;
import cnode.colony.client.RedemptionRequest;
import cnode.crypto.ExchangePayload;
import cnode.crypto.RedemptionPayload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes users sign for the bank are the ones docs/SIGNATURES.md shows, byte for byte; the
 * wire requests turn into those payloads with their defaults, and the three ways of writing
 * one bank account sign the same bytes.
 */
class BankSignaturesTest {
    private static final String COIN = "0123456789ABCDEFGHIJKLMNOP";

    /** The hex of the first code block after {@code heading} in docs/SIGNATURES.md. */
    private static String documentedHex(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/SIGNATURES.md"));
        int at = lines.indexOf(heading);
        assertThat(at).as(heading).isNotNegative();
        int open = at;
        while (!lines.get(open).equals("```")) {
            open++;
        }
        StringBuilder hex = new StringBuilder();
        for (String line : lines.subList(open + 1, lines.size())) {
            if (line.equals("```")) {
                break;
            }
            // The bytes come first, their comment after a run of spaces.
            for (String word : line.strip().split(" {2,}")[0].split(" ")) {
                assertThat(word).matches("[0-9a-f]+");
                hex.append(word);
            }
        }
        return hex.toString();
    }

    @Test
    void theExchangeBytesAreTheDocumentedOnes() throws IOException {
        ExchangePayload payload = new ExchangePayload("chg-1", "alice", "PLN", 0, 10_000,
            List.of(COIN), "AMOUNT", "3500");
        assertThat(HexFormat.of().formatHex(payload.bytes())).isEqualTo(documentedHex(
            "### `cnode/exchange/v1`: change or re-issue at the bank (`ExchangePayload`)"));
        ExchangeRequest wire = new ExchangeRequest("chg-1", "alice", "PLN", null, 10_000,
            List.of(COIN), "AMOUNT", "3500", "sig");
        assertThat(wire.payload()).isEqualTo(payload);
        ExchangeRequest noValue = new ExchangeRequest("chg-1", "alice", "PLN", 0L, 10_000,
            List.of(COIN), "AMOUNT", null, "sig");
        assertThat(noValue.payload().value()).isEmpty();
        assertThat(new ExchangePayload("chg-1", "alice", "PLN", 0, 10_000, List.of(COIN),
            "AMOUNT", "").bytes()).isNotEqualTo(payload.bytes());
    }

    @Test
    void theRedemptionBytesAreTheDocumentedOnesForEveryFormOfTheAccount() throws IOException {
        RedemptionPayload payload = new RedemptionPayload("pay-1", "alice", "PLN", 0, 12_345,
            List.of(COIN), "PL61109010140000071219812874");
        String documented = documentedHex("### `cnode/redemption/v1`: redemption to a bank"
            + " account (`RedemptionPayload`)");
        assertThat(HexFormat.of().formatHex(payload.bytes())).isEqualTo(documented);
        for (String account : List.of("PL61 1090 1014 0000 0712 1981 2874",
            "pl61109010140000071219812874", "61 1090 1014 0000 0712 1981 2874",
            "61109010140000071219812874")) {
            RedemptionRequest wire = new RedemptionRequest("pay-1", "alice", "PLN", null, 12_345,
                List.of(COIN), account, "sig");
            assertThat(HexFormat.of().formatHex(wire.payload().bytes())).as(account)
                .isEqualTo(documented);
        }
        assertThat(new RedemptionRequest("pay-1", "alice", "PLN", null, 12_345, List.of(COIN),
            "PL62109010140000071219812874", "sig").payload().account())
            .as("a bad account is signed as written").isEqualTo("PL62109010140000071219812874");
    }
}

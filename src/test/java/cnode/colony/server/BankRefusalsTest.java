package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.CoinExchangeResult;
import cnode.colony.CoinRedeemResult;
import cnode.colony.MintResult;
import cnode.colony.client.Refusal;
import cnode.money.BankAccountCheck;
import cnode.money.CoinDistribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the bank's endpoints can answer has a name, a status and a sentence: each
 * registry result but success, each refused split and each failed account check maps to one;
 * and docs/COLONY-API.md lists every name with the status the table gives it.
 */
class BankRefusalsTest {
    @Test
    void everyResultButSuccessIsANamedRefusal() {
        List<Enum<?>> results = new ArrayList<>();
        Stream.of(MintResult.values()).filter(r -> r != MintResult.MINTED).forEach(results::add);
        Stream.of(CoinExchangeResult.values()).filter(r -> r != CoinExchangeResult.EXCHANGED)
            .forEach(results::add);
        Stream.of(CoinRedeemResult.values()).filter(r -> r != CoinRedeemResult.REDEEMED)
            .forEach(results::add);
        for (Enum<?> result : results) {
            Refusal refusal = BankRefusals.of(result);
            assertThat(refusal.error()).isEqualTo(result.name());
            assertThat(refusal.message()).isNotBlank();
        }
        for (CoinDistribution.Result result : CoinDistribution.Result.values()) {
            if (result == CoinDistribution.Result.OK) {
                assertThatThrownBy(() -> BankRefusals.of(result))
                    .isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(BankRefusals.of(result).status()).isIn(400, 422);
            }
        }
        for (BankAccountCheck check : BankAccountCheck.values()) {
            if (check != BankAccountCheck.OK) {
                assertThat(BankRefusals.of("ACCOUNT_" + check.name()).status()).isEqualTo(422);
            }
        }
        assertThat(BankRefusals.notFound("COIN_UNKNOWN", "x").status()).isEqualTo(404);
        assertThatThrownBy(() -> BankRefusals.of("NO_SUCH_NAME"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theApiDocumentListsEveryNameWithItsStatus() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("docs/COLONY-API.md")).stream()
            .filter(line -> line.startsWith("| 4") || line.startsWith("| 5")).toList();
        for (Map.Entry<String, Integer> entry : BankRefusals.statuses().entrySet()) {
            String name = "`" + entry.getKey() + "`";
            assertThat(rows).as(name).anyMatch(row -> row.startsWith("| " + entry.getValue()
                + " | ") && row.contains(name));
        }
    }
}

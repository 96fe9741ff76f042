package cnode.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.money.BankAccount.Checked;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Bank accounts for redemption: the published example IBANs and a Polish NRB pass, in printed
 * and electronic form; each refusal has its name; and no single changed digit of a valid IBAN
 * passes (property test over the published examples and generated accounts).
 */
final class BankAccountTest {
    private static final String[] PUBLISHED = {"GB82WEST12345698765432",
        "DE89370400440532013000", "PL61109010140000071219812874"};

    @Test
    void publishedExamplesPassInEveryForm() {
        for (String iban : PUBLISHED) {
            assertThat(account(iban).iban()).isEqualTo(iban);
        }
        BankAccount gb = account("GB82 WEST 1234 5698 7654 32");
        assertThat(gb.iban()).isEqualTo("GB82WEST12345698765432");
        assertThat(gb.printed()).isEqualTo("GB82 WEST 1234 5698 7654 32");
        assertThat(gb.country()).isEqualTo("GB");
        assertThat(gb.nrb()).isEmpty();
        assertThat(account("de89 3704 0044 0532 0130 00").iban())
            .isEqualTo("DE89370400440532013000");
    }

    @Test
    void aPolishNrbIsThePlIban() {
        BankAccount byNrb = account("61 1090 1014 0000 0712 1981 2874");
        assertThat(byNrb.iban()).isEqualTo("PL61109010140000071219812874");
        assertThat(byNrb.nrb()).contains("61109010140000071219812874");
        assertThat(BankAccount.parseNrb("61109010140000071219812874").account())
            .contains(byNrb);
        assertThat(account("PL61 1090 1014 0000 0712 1981 2874")).isEqualTo(byNrb);
    }

    @Test
    void everyRefusalHasItsName() {
        Object[][] table = {
            {"", BankAccountCheck.BAD_LENGTH},
            {"   ", BankAccountCheck.BAD_LENGTH},
            {"GB8", BankAccountCheck.BAD_LENGTH},
            {"GB82 WEST 1234 5698 7654 32" + " ".repeat(40), BankAccountCheck.BAD_LENGTH},
            {"GB82WEST1234569876543", BankAccountCheck.BAD_LENGTH},
            {"GB82WEST123456987654321", BankAccountCheck.BAD_LENGTH},
            {"GB82-WEST-1234-5698-7654-32", BankAccountCheck.BAD_CHARACTERS},
            {"GB82WEST1234569876543Ł", BankAccountCheck.BAD_CHARACTERS},
            {"G182WEST12345698765432", BankAccountCheck.BAD_CHARACTERS},
            {"GBX2WEST12345698765432", BankAccountCheck.BAD_CHARACTERS},
            {"\tGB82WEST12345698765432", BankAccountCheck.BAD_CHARACTERS},
            {"QQ82WEST12345698765432", BankAccountCheck.UNKNOWN_COUNTRY},
            {"GB83WEST12345698765432", BankAccountCheck.BAD_CHECKSUM},
            {"GB82WEST12345698765423", BankAccountCheck.BAD_CHECKSUM},
            {"61 1090 1014 0000 0712 1981 287", BankAccountCheck.BAD_LENGTH},
            {"61 1090 1014 0000 0712 1981 2875", BankAccountCheck.BAD_CHECKSUM},
        };
        for (Object[] row : table) {
            Checked checked = BankAccount.parse((String) row[0]);
            assertThat(checked.result()).as((String) row[0]).isEqualTo(row[1]);
            assertThat(checked.account()).as((String) row[0]).isEmpty();
        }
        assertThat(BankAccount.parse(null).result()).isEqualTo(BankAccountCheck.BAD_LENGTH);
        assertThat(BankAccount.parseNrb("61 1090 1014 0000 0712 1981 287X").result())
            .isEqualTo(BankAccountCheck.BAD_CHARACTERS);
    }

    @Test
    void aCountryOutsideTheTableTakesTheGenericLength() {
        String bban = "1234567890123";
        String us = "US" + BankAccount.checkDigits("US", bban) + bban;
        assertThat(us).hasSize(17);
        assertThat(account(us).iban()).isEqualTo(us);

        String shortBban = "1234567890";
        String tooShort = "US" + BankAccount.checkDigits("US", shortBban) + shortBban;
        assertThat(BankAccount.parse(tooShort).result()).isEqualTo(BankAccountCheck.BAD_LENGTH);
    }

    @Test
    void checkDigits99AreRefusedEvenWhereMod97Passes() {
        // 99 and 02 leave the same remainder; ISO 13616 allows 02 to 98 only.
        Random random = new Random(5);
        String iban = null;
        while (iban == null) {
            String bban = String.format("%018d", random.nextLong(1_000_000_000_000_000_000L));
            if (BankAccount.checkDigits("DE", bban).equals("02")) {
                iban = "DE02" + bban;
            }
        }
        assertThat(account(iban).iban()).isEqualTo(iban);
        assertThat(BankAccount.parse(iban.replace("DE02", "DE99")).result())
            .isEqualTo(BankAccountCheck.BAD_CHECKSUM);
    }

    @Test
    void onlyACheckedElectronicFormIsAnAccount() {
        assertThatThrownBy(() -> new BankAccount("GB83WEST12345698765432"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BankAccount("GB82 WEST 1234 5698 7654 32"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BankAccount("gb82west12345698765432"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void noSingleChangedDigitPasses(@ForAll("ibans") String iban) {
        assertThat(BankAccount.parse(iban).ok()).isTrue();
        for (int i = 0; i < iban.length(); i++) {
            char original = iban.charAt(i);
            if (original < '0' || original > '9') {
                continue;
            }
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit != original) {
                    String changed = iban.substring(0, i) + digit + iban.substring(i + 1);
                    assertThat(BankAccount.parse(changed).ok()).as(changed).isFalse();
                }
            }
        }
    }

    /** The published examples and generated accounts of a few countries. */
    @Provide
    Arbitrary<String> ibans() {
        Arbitrary<String> generated = Combinators.combine(
            Arbitraries.of("PL:24", "DE:18", "FR:23", "NO:11", "MT:27", "SE:20", "GB:18"),
            Arbitraries.strings().numeric().ofLength(30))
            .as((country, digits) -> {
                String code = country.substring(0, 2);
                String bban = digits.substring(0, Integer.parseInt(country.substring(3)));
                return code + BankAccount.checkDigits(code, bban) + bban;
            });
        return Arbitraries.oneOf(Arbitraries.of(PUBLISHED), generated);
    }

    private static BankAccount account(String text) {
        Checked checked = BankAccount.parse(text);
        assertThat(checked.result()).as(text).isEqualTo(BankAccountCheck.OK);
        return checked.account().orElseThrow();
    }
}

package cnode.colony;

import cnode.money.Coin;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a request's content, by which the registry tells a retry (same content)
 * from a reuse of its transfer id (other content): SHA-256, in hex, of a canonical byte form:
 * the operation's name, then each field of the request but the transfer id (the key), in
 * record order: a text as its length in UTF-16 chars (8 bytes) and each char as 2 bytes (so any
 * string has a form, even one that is not valid Unicode), a number as 8 bytes big-endian, a set
 * of coin ids sorted (the order the caller lists them in does not matter, as in the signed
 * swap payload), a list of coins as each coin's six signed facts, sorted by id. Every variable
 * field carries its length, so two different requests never give the same bytes. A swap's
 * fingerprint covers the same terms as the bytes its owners sign ({@link SwapOrder#payload()}),
 * so a retry is a request the same signatures cover.
 *
 * <p>Not thread-safe (one digest, reused): owned by the registry's writer thread.
 */
final class RegistryFingerprint {
    private static final HexFormat HEX = HexFormat.of();
    private final MessageDigest sha256;
    private final byte[] number = new byte[Long.BYTES];

    RegistryFingerprint() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    String swap(SwapOrder order) {
        text(RegistryTransfer.Kind.SWAP.name());
        text(order.payer());
        text(order.payee());
        text(order.currency().code());
        number(order.amountBillons());
        ids(order.payerCoinIds());
        ids(order.changeCoinIds());
        number(order.expiresAtMs());
        return finish();
    }

    String mint(MintOrder order) {
        text(RegistryTransfer.Kind.MINT.name());
        text(order.user());
        coins(order.coins());
        return finish();
    }

    String vault(VaultOrder order) {
        text(RegistryTransfer.Kind.VAULT.name());
        text(order.user());
        ids(order.coinIds());
        text(order.to().name());
        return finish();
    }

    String redeem(CoinRedeemOrder order) {
        text(RegistryTransfer.Kind.REDEEM.name());
        text(order.user());
        ids(order.coinIds());
        text(order.payoutTo());
        return finish();
    }

    String exchange(CoinExchangeOrder order) {
        text(RegistryTransfer.Kind.EXCHANGE.name());
        text(order.user());
        ids(order.giveCoinIds());
        coins(order.newCoins());
        return finish();
    }

    private void text(String value) {
        byte[] chars = new byte[2 * value.length()];
        for (int i = 0; i < value.length(); i++) {
            chars[2 * i] = (byte) (value.charAt(i) >>> 8);
            chars[2 * i + 1] = (byte) value.charAt(i);
        }
        number(value.length());
        sha256.update(chars);
    }

    private void number(long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            number[i] = (byte) (value >>> (56 - 8 * i));
        }
        sha256.update(number);
    }

    private void ids(List<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        number(sorted.size());
        sorted.forEach(this::text);
    }

    private void coins(List<Coin> coins) {
        List<Coin> sorted = new ArrayList<>(coins);
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        number(sorted.size());
        for (Coin coin : sorted) {
            text(coin.id());
            number(coin.faceValue());
            text(coin.currency().code());
            number(coin.colour());
            number(coin.issuedAtMs());
            number(coin.expiresAtMs());
        }
    }

    private String finish() {
        return HEX.formatHex(sha256.digest());
    }
}

package cnode.colony.server;

import cnode.colony.CoinKind;
import cnode.colony.Registry;
import cnode.colony.RegistryTransfer;
import cnode.colony.UserRow;
import cnode.colony.client.CoinReply;
import cnode.colony.client.Outcome;
import cnode.colony.store.ColonyCommand;
import cnode.crypto.KeyPair;
import cnode.crypto.PublicKey;
import cnode.crypto.Signature;
import cnode.money.Coin;
import cnode.money.CoinDistribution;
import cnode.money.Denominations;
import cnode.money.SignedCoin;
import cnode.stdx.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The colony's bank at the edge: it holds the bank's Ed25519 key and the coin validity, makes
 * the coins a mint or an exchange issues, signs coins, and hands the bank's commands to the
 * colony's writer. The registry decides every money outcome; the bank only prepares the orders
 * and answers.
 *
 * <p><b>Coins are a function of the request.</b> The coins for one transfer id are derived, not
 * drawn: coin {@code i} of an order gets the id SHA-256({@code "cnode/coin-id/v1|" + purpose +
 * "|" + transferId + "|" + issuedAtMs + "|" + i}), 26 characters of five bits each, and every
 * coin of the order is issued at {@code issuedAtMs} and expires {@code coinValidityMs} later.
 * {@code issuedAtMs} is the time the registry first judged the transfer id (its
 * {@link RegistryTransfer#decidedAtMs()}) when it remembers one, else the writer's time now.
 * So a repeated request builds exactly the order it built the first time, which the registry
 * recognises by its fingerprint and answers with its first answer, and the reply lists the same
 * coins, with no bank state of its own to keep or lose. A transfer id reused after the registry
 * forgot it gets a later time and so new ids. (Should the colony restart with another
 * {@code --coin-validity} within the registry's retention, a retry of an earlier mint or
 * exchange is answered {@code TRANSFER_ID_REUSED}: its coins would no longer be the same.)
 *
 * <p><b>Signatures.</b> Ed25519 is deterministic, so the bank signs a coin whenever it is shown
 * (a mint's or exchange's reply, {@code GET /v1/coins/{id}}) and keeps no signatures: the
 * registry keeps the facts, and the signature of the same facts is always the same bytes.
 *
 * <p><b>Threads.</b> Immutable. Commands run on the writer's thread and only do cheap work
 * there (building coin facts, hashing ids); everything after the writer answers (verifying a
 * user's signature, signing coins, writing the reply) runs on an edge thread
 * ({@link WriterLink}), so the writer never waits for a signature. Any thread may call it.
 */
final class Bank {
    /** What an order of new coins is for; part of each coin id's derivation. */
    enum Purpose {
        MINT, EXCHANGE
    }

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUV".toCharArray();

    private final KeyPair key;
    private final long coinValidityMs;
    private final int coinsPerOrderMax;

    /**
     * @param key the bank's key pair ({@link BankKey})
     * @param coinValidityMs how long a new coin stays valid ({@code --coin-validity}), positive
     * @param coinsPerOrderMax the registry's most coins per order, so the bank refuses a larger
     *     order before it makes one
     */
    Bank(KeyPair key, long coinValidityMs, int coinsPerOrderMax) {
        this.key = Objects.requireNonNull(key, "key");
        if (coinValidityMs < 1 || coinsPerOrderMax < 1) {
            throw new IllegalArgumentException("coin validity and coins per order are positive");
        }
        this.coinValidityMs = coinValidityMs;
        this.coinsPerOrderMax = coinsPerOrderMax;
    }

    PublicKey publicKey() {
        return key.publicKey();
    }

    int coinsPerOrderMax() {
        return coinsPerOrderMax;
    }

    /**
     * When the coins of {@code transferId} are issued: when the registry first judged it, if it
     * remembers the id, else {@code nowMs}. Writer thread only.
     */
    static long issuedAtMs(Registry registry, String transferId, long nowMs) {
        return registry.transfer(transferId, nowMs).map(RegistryTransfer::decidedAtMs)
            .orElse(nowMs);
    }

    /**
     * The coins of {@code distribution}, smallest face value first, all of {@code kind}, issued
     * at {@code issuedAtMs}, with ids derived as the class comment says. Cheap enough for the
     * writer's thread: one SHA-256 of a short text per coin.
     */
    List<Coin> coins(Purpose purpose, String transferId, long issuedAtMs, CoinKind kind,
                     CoinDistribution distribution) {
        if (distribution.coins() > coinsPerOrderMax) {
            throw new IllegalArgumentException("the edge lets no order of "
                + distribution.coins() + " coins through");
        }
        long expiresAtMs = Math.addExact(issuedAtMs, coinValidityMs);
        MessageDigest sha256 = sha256();
        String prefix = "cnode/coin-id/v1|" + purpose.name() + "|" + transferId + "|"
            + issuedAtMs + "|";
        List<Coin> coins = new ArrayList<>((int) distribution.coins());
        for (int face = 0; face < Denominations.COUNT; face++) {
            for (long n = 0; n < distribution.count(face); n++) {
                String id = coinId(sha256, prefix + coins.size());
                coins.add(new Coin(id, Denominations.faceValue(face), kind.currency(),
                    kind.colour(), issuedAtMs, expiresAtMs));
            }
        }
        return coins;
    }

    private static String coinId(MessageDigest sha256, String text) {
        byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
        char[] id = new char[Ids.LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[digest[i] & 31];
        }
        return new String(id);
    }

    /** {@code coin} signed by the bank, in its wire form. */
    CoinReply signed(Coin coin) {
        return CoinReply.of(SignedCoin.issue(coin, key.privateKey()));
    }

    /** Each coin signed by the bank, in order, in its wire form. */
    List<CoinReply> signed(List<Coin> coins) {
        return coins.stream().map(this::signed).toList();
    }

    /** Runs {@code command} on the writer; {@code answer} turns its value into the reply. */
    <T, R> CompletionStage<Outcome<R>> submit(WriterLink link, ColonyCommand<T> command,
                                              Function<T, Outcome<R>> answer) {
        return then(link, command, value -> Endpoint.answer(answer.apply(value)));
    }

    /**
     * Runs {@code command} on the writer, then {@code next} with its value on an edge thread
     * (never the writer's). The writer's refusals ({@code 503 BUSY}, {@code 503 STORE_FAILED}:
     * nothing of the batch was kept, so the same request may be sent again) become outcomes,
     * for this command and any {@code next} sends; anything else is a bug for the edge.
     */
    <T, R> CompletionStage<Outcome<R>> then(WriterLink link, ColonyCommand<T> command,
                                            Function<T, CompletionStage<Outcome<R>>> next) {
        return WriterLink.settled(link.read(command).thenCompose(next));
    }

    /**
     * Checks that {@code signatureText} is {@code user}'s signature of {@code payload}, with the
     * key the directory holds, then runs {@code next}. Refusals: {@code UNKNOWN_USER} (no such
     * user), then {@code SIGNATURE_INVALID} (not a signature's text, or not this user's over
     * these bytes). The signature is verified off the writer's thread.
     */
    <R> CompletionStage<Outcome<R>> signedBy(WriterLink link, String user, byte[] payload,
                                             String signatureText,
                                             Supplier<CompletionStage<Outcome<R>>> next) {
        ColonyCommand<Optional<byte[]>> lookup = (state, nowMs) ->
            state.directory().user(user).map(UserRow::publicKey).map(bytes -> bytes.bytes());
        return then(link, lookup, keyBytes -> {
            if (keyBytes.isEmpty()) {
                return Endpoint.refuse(BankRefusals.of("UNKNOWN_USER"));
            }
            // The directory checks only a key's length, so a stored key may be no curve point.
            Optional<PublicKey> userKey = PublicKey.parse(
                Base64.getUrlEncoder().withoutPadding().encodeToString(keyBytes.get()));
            Optional<Signature> signature = Signature.parse(signatureText);
            boolean valid = userKey.isPresent() && signature.isPresent()
                && userKey.get().verifies(payload, signature.get());
            return valid ? next.get() : Endpoint.refuse(BankRefusals.of("SIGNATURE_INVALID"));
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "Bank[key " + key.publicKey().text() + ", coins valid " + coinValidityMs + " ms]";
    }
}

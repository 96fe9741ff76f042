package cnode.bench;

import cnode.colony.client.BearerToken;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyAdmin.LimitsRequest;
import cnode.colony.client.ColonyAdmin.MintReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ColonyBank;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.colony.client.ColonyUsers.RegisterRequest;
import cnode.colony.client.CoinReply;
import cnode.colony.client.ExchangeReply;
import cnode.colony.client.ExchangeRequest;
import cnode.colony.client.Outcome;
import cnode.crypto.ExchangePayload;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.Pbkdf2;
import cnode.money.Denominations;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prepares the bench's users at its colony, straight through the colony's HTTP/JSON API as
 * the sandbox's seeding does: registers each user (a fresh key pair, the private key sealed
 * under the bench password), lifts every limit with the admin token, and gives each payer
 * coins of exactly one face value, the payment's amount, so that every payment moves one coin
 * and needs no change.
 *
 * <p>How the coins are made, honestly and in few calls: the bank's mint gives the fewest coins
 * for an amount, so it is asked for {@link #CHUNK_COINS} payments' worth at a time (a handful
 * of large coins), and the payer at once changes those at the bank ({@code POST
 * /v1/bank/exchanges}, {@code FACE_VALUE}, signed with the payer's key) into that many coins
 * of the payment's face value. Both are the colony's ordinary operations; issued and redeemed
 * totals both grow by the exchanged worth, and the conservation check covers them.
 *
 * <p>Used by one thread at start-up per user; stateless apart from the client it was given.
 */
final class BenchSeeding {
    /** The password of every bench user; the bench is throw-away, so it protects nothing. */
    static final String PASSWORD = "bench-password";
    /** New coins per exchange: with the few given coins, under the bank's 1 000 per request. */
    static final int CHUNK_COINS = 980;
    private static final String CURRENCY = "PLN";

    private final ColonyUsers users;
    private final ColonyAdmin admin;
    private final ColonyBank bank;
    private final BearerToken token;
    private final SecureRandom random;
    private final String runId;

    BenchSeeding(ColonyClient client, BearerToken token, SecureRandom random, String runId) {
        this.users = new ColonyUsers(client);
        this.admin = new ColonyAdmin(client);
        this.bank = new ColonyBank(client);
        this.token = token;
        this.random = random;
        this.runId = runId;
    }

    /** Registers {@code username} and lifts its limits; returns its key pair. */
    KeyPair register(String username, boolean merchant) throws IOException, InterruptedException {
        KeyPair keys = KeyPair.generate(random);
        KeyBlob blob = KeyBlob.seal(keys.privateKey(), username, PASSWORD, random,
            Pbkdf2.ITERATIONS_MIN);
        MerchantDetails details = merchant
            ? new MerchantDetails("{\"name\":\"Bench Shop\"}", null, null, null) : null;
        expect("registration of " + username, users.register(new RegisterRequest(username,
            PASSWORD, keys.publicKey().text(), blob.text(), merchant, details, null, null,
            null)));
        expect("limits of " + username, admin.limits(token, new LimitsRequest(username,
            Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)));
        return keys;
    }

    /** Gives {@code username} {@code coins} coins of {@code faceValue} billons each. */
    void fund(String username, KeyPair keys, long faceValue, int coins)
        throws IOException, InterruptedException {
        String counts = faceValueCounts(faceValue);
        for (int chunk = 0, left = coins; left > 0; chunk++, left -= CHUNK_COINS) {
            int now = Math.min(left, CHUNK_COINS);
            long billons = Math.multiplyExact(faceValue, now);
            MintReply minted = expect("mint for " + username, admin.mint(token, new MintRequest(
                "bench-" + runId + "-m-" + username + "-" + chunk, username, billons, CURRENCY,
                null, null)));
            List<String> given = minted.coins().stream().map(CoinReply::id).toList();
            if (given.size() == now && minted.coins().stream()
                .allMatch(coin -> coin.faceValue() == faceValue)) {
                continue;
            }
            ExchangePayload payload = new ExchangePayload("bench-" + runId + "-x-" + username
                + "-" + chunk, username, CURRENCY, 0, billons, given, "FACE_VALUE",
                counts.replace("N", Integer.toString(now)));
            ExchangeReply changed = expect("exchange for " + username,
                bank.exchange(ExchangeRequest.signed(payload, keys.privateKey())));
            if (changed.coins().size() != now) {
                throw new IOException("the bank changed " + username + "'s coins into "
                    + changed.coins().size() + " coins, not " + now);
            }
        }
    }

    /** The 21 counts of a FACE_VALUE exchange, {@code N} at the face value's line, else 0. */
    static String faceValueCounts(long faceValue) {
        List<String> lines = new ArrayList<>(Collections.nCopies(Denominations.COUNT, "0"));
        lines.set(Denominations.indexOf(faceValue), "N");
        return String.join("\n", lines);
    }

    private static <T> T expect(String what, Outcome<T> outcome) throws IOException {
        return switch (outcome) {
            case Outcome.Ok<T> ok -> ok.reply();
            case Outcome.Refused<T> refused -> throw new IOException("bench set-up: the colony "
                + "refused the " + what + ": " + refused.refusal().line());
        };
    }
}

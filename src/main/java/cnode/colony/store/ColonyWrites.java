package cnode.colony.store;

import cnode.colony.CoinRow;
import cnode.colony.CoinTotalRow;
import cnode.colony.DailyKey;
import cnode.colony.DailyRow;
import cnode.colony.DirectoryChanges;
import cnode.colony.LeaseRow;
import cnode.colony.LocationRow;
import cnode.colony.RegistryChanges;
import cnode.colony.RegistryTransfer;
import cnode.colony.SessionRow;
import cnode.colony.SwapRow;
import cnode.colony.UserRow;
import cnode.money.Coin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The prepared statements that write the colony's changes on one connection: an upsert and a
 * delete per table ({@link ColonyTable}). {@link #apply} puts every row of one commit's change
 * sets into its statement's batch and runs each batch once ({@code executeBatch}), so a commit
 * of thousands of rows costs a few round trips, not thousands. It never commits: the
 * {@link JdbcColonyStore} that owns the connection does. Owned by the store's one writer
 * thread, like its connection.
 */
final class ColonyWrites implements AutoCloseable {
    /** Binds one row, or one key, to a statement's parameters. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private final Map<ColonyTable, PreparedStatement> upserts = new EnumMap<>(ColonyTable.class);
    private final Map<ColonyTable, PreparedStatement> deletes = new EnumMap<>(ColonyTable.class);

    ColonyWrites(Connection connection) throws SQLException {
        try {
            for (ColonyTable table : ColonyTable.values()) {
                upserts.put(table, connection.prepareStatement(table.upsertSql()));
                deletes.put(table, connection.prepareStatement(table.deleteSql()));
            }
        } catch (SQLException refused) {
            close();
            throw refused;
        }
    }

    /**
     * Writes and deletes every row of both change sets, in the transaction the connection has
     * open, and answers how many rows it wrote or deleted. A key is never both written and
     * deleted in one change set, so the order of the batches does not matter.
     */
    int apply(DirectoryChanges directory, RegistryChanges registry) throws SQLException {
        return write(ColonyTable.USER, directory.users(), ColonyWrites::user)
            + write(ColonyTable.SESSION, directory.sessions(), ColonyWrites::session)
            + delete(ColonyTable.SESSION, directory.sessionsGone(), ColonyWrites::key)
            + write(ColonyTable.LOCATION, directory.locations(), ColonyWrites::location)
            + write(ColonyTable.LEASE, directory.leases(), ColonyWrites::lease)
            + delete(ColonyTable.LEASE, directory.leasesGone(), ColonyWrites::key)
            + write(ColonyTable.COIN, registry.coins(), ColonyWrites::coin)
            + delete(ColonyTable.COIN, registry.redeemedCoinIds(), ColonyWrites::key)
            + write(ColonyTable.SWAP, registry.swaps(), ColonyWrites::swap)
            + delete(ColonyTable.SWAP, registry.forgottenSwapIds(), ColonyWrites::key)
            + write(ColonyTable.TRANSFER, registry.transfers(), ColonyWrites::transfer)
            + delete(ColonyTable.TRANSFER, registry.forgottenTransferIds(), ColonyWrites::key)
            + write(ColonyTable.DAILY, registry.daily(), ColonyWrites::daily)
            + delete(ColonyTable.DAILY, registry.droppedDaily(), ColonyWrites::dailyKey)
            + write(ColonyTable.TOTAL, registry.totals(), ColonyWrites::total);
    }

    private <T> int write(ColonyTable table, List<T> rows, Binder<T> binder)
            throws SQLException {
        return batch(upserts.get(table), rows, binder);
    }

    private <T> int delete(ColonyTable table, List<T> keys, Binder<T> binder)
            throws SQLException {
        return batch(deletes.get(table), keys, binder);
    }

    private static <T> int batch(PreparedStatement statement, List<T> rows, Binder<T> binder)
            throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        for (T row : rows) {
            binder.bind(statement, row);
            statement.addBatch();
        }
        statement.executeBatch();
        return rows.size();
    }

    private static void key(PreparedStatement s, String key) throws SQLException {
        s.setString(1, key);
    }

    private static void user(PreparedStatement s, UserRow row) throws SQLException {
        s.setString(1, row.username());
        s.setString(2, row.passwordHash());
        s.setString(3, ColumnCodec.bytes(row.publicKey()));
        s.setString(4, ColumnCodec.bytes(row.keyBlob()));
        s.setInt(5, ColumnCodec.flag(row.merchant()));
        s.setString(6, row.merchantJson());
        s.setString(7, row.arChoice());
        s.setString(8, row.ipeChoice());
        s.setString(9, ColumnCodec.texts(row.recoveryEmails()));
        s.setString(10, row.mpin());
        s.setString(11, row.lock().name());
        s.setInt(12, row.wrongPasswords());
        s.setLong(13, row.limits().perTransfer());
        s.setLong(14, row.limits().dailyOut());
        s.setLong(15, row.limits().dailyIn());
        s.setLong(16, row.limits().balanceCap());
        s.setLong(17, row.registeredMs());
    }

    private static void session(PreparedStatement s, SessionRow row) throws SQLException {
        s.setString(1, row.token());
        s.setString(2, row.username());
        s.setLong(3, row.createdMs());
        s.setLong(4, row.expiresMs());
    }

    private static void location(PreparedStatement s, LocationRow row) throws SQLException {
        s.setString(1, row.username());
        s.setString(2, row.address());
        s.setString(3, row.machineIdHex());
        s.setInt(4, ColumnCodec.flag(row.online()));
        s.setLong(5, row.lastSeenMs());
    }

    private static void lease(PreparedStatement s, LeaseRow row) throws SQLException {
        s.setString(1, row.username());
        s.setString(2, row.holder());
        s.setLong(3, row.expiresMs());
    }

    private static void coin(PreparedStatement s, CoinRow row) throws SQLException {
        Coin coin = row.coin();
        s.setString(1, coin.id());
        s.setLong(2, coin.faceValue());
        s.setString(3, coin.currency().code());
        s.setLong(4, coin.colour());
        s.setLong(5, coin.issuedAtMs());
        s.setLong(6, coin.expiresAtMs());
        s.setString(7, row.owner());
        s.setString(8, row.place().name());
        if (row.reservedBy() == null) {
            s.setNull(9, Types.VARCHAR);
        } else {
            s.setString(9, row.reservedBy());
        }
    }

    private static void swap(PreparedStatement s, SwapRow row) throws SQLException {
        s.setString(1, row.transferId());
        s.setString(2, row.payer());
        s.setString(3, row.payee());
        s.setString(4, ColumnCodec.texts(row.payerCoinIds()));
        s.setString(5, ColumnCodec.texts(row.changeCoinIds()));
        s.setString(6, row.kind().currency().code());
        s.setLong(7, row.kind().colour());
        s.setLong(8, row.payerBillons());
        s.setLong(9, row.changeBillons());
        s.setLong(10, row.preparedAtMs());
        s.setLong(11, row.expiresAtMs());
        s.setString(12, row.state().name());
        s.setLong(13, row.settledAtMs());
    }

    private static void transfer(PreparedStatement s, RegistryTransfer row) throws SQLException {
        s.setString(1, row.transferId());
        s.setString(2, row.kind().name());
        s.setString(3, row.fingerprint());
        s.setString(4, row.outcome());
        s.setLong(5, row.billons());
        s.setLong(6, row.decidedAtMs());
        s.setLong(7, row.forgetAtMs());
    }

    private static void daily(PreparedStatement s, DailyRow row) throws SQLException {
        s.setString(1, row.username());
        s.setString(2, row.currency().code());
        s.setLong(3, row.day());
        s.setLong(4, row.outBillons());
        s.setLong(5, row.inBillons());
    }

    private static void dailyKey(PreparedStatement s, DailyKey key) throws SQLException {
        s.setString(1, key.username());
        s.setString(2, key.currency().code());
    }

    private static void total(PreparedStatement s, CoinTotalRow row) throws SQLException {
        s.setString(1, row.kind().currency().code());
        s.setLong(2, row.kind().colour());
        s.setLong(3, row.issuedBillons());
        s.setLong(4, row.redeemedBillons());
    }

    @Override
    public void close() {
        upserts.values().forEach(JdbcColonyStore::closeQuietly);
        deletes.values().forEach(JdbcColonyStore::closeQuietly);
    }
}

package cnode.colony.store;

import cnode.colony.CoinKind;
import cnode.colony.CoinPlace;
import cnode.colony.CoinRow;
import cnode.colony.CoinTotalRow;
import cnode.colony.DailyRow;
import cnode.colony.DirectoryRows;
import cnode.colony.LeaseRow;
import cnode.colony.Limits;
import cnode.colony.LocationRow;
import cnode.colony.RegistryRows;
import cnode.colony.RegistryTransfer;
import cnode.colony.SessionRow;
import cnode.colony.SwapRow;
import cnode.colony.SwapState;
import cnode.colony.UserLock;
import cnode.colony.UserRow;
import cnode.money.Coin;
import cnode.money.Currency;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads every row of the colony's tables back into {@link ColonyRows}, each list sorted by its
 * key as the cores sort theirs ({@link cnode.colony.Directory#snapshot()},
 * {@link cnode.colony.Registry#rows()}): sorted here, in Java, because a database's collation
 * need not be Java's order of strings. A value no row of the cores could hold (an unknown enum
 * name, a bad currency, a broken list) throws: the store is corrupt, and the colony must not
 * start on it. Stateless; called on the store's writer thread.
 */
final class ColonyReads {
    /** Rows fetched per round trip on PostgreSQL, which otherwise reads a whole table at once. */
    private static final int FETCH_ROWS = 4_096;

    /** Makes one row of a result set. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private ColonyReads() {
    }

    /** Every row, in the transaction the connection has open. */
    static ColonyRows load(Connection connection) throws SQLException {
        DirectoryRows directory = new DirectoryRows(
            all(connection, ColonyTable.USER, ColonyReads::user,
                Comparator.comparing(UserRow::username)),
            all(connection, ColonyTable.SESSION, ColonyReads::session,
                Comparator.comparing(SessionRow::token)),
            all(connection, ColonyTable.LOCATION, ColonyReads::location,
                Comparator.comparing(LocationRow::username)),
            all(connection, ColonyTable.LEASE, ColonyReads::lease,
                Comparator.comparing(LeaseRow::username)));
        RegistryRows registry = new RegistryRows(
            all(connection, ColonyTable.COIN, ColonyReads::coin,
                Comparator.comparing(CoinRow::id)),
            all(connection, ColonyTable.SWAP, ColonyReads::swap,
                Comparator.comparing(SwapRow::transferId)),
            all(connection, ColonyTable.TRANSFER, ColonyReads::transfer,
                Comparator.comparing(RegistryTransfer::transferId)),
            all(connection, ColonyTable.DAILY, ColonyReads::daily,
                Comparator.comparing(DailyRow::key)),
            all(connection, ColonyTable.TOTAL, ColonyReads::total,
                Comparator.comparing(CoinTotalRow::kind)));
        return new ColonyRows(directory, registry);
    }

    private static <T> List<T> all(Connection connection, ColonyTable table,
                                   RowReader<T> reader, Comparator<T> order)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_ROWS);
            try (ResultSet result = statement.executeQuery(table.selectSql())) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
        } catch (IllegalArgumentException | NullPointerException corrupt) {
            throw new IllegalStateException("the colony store's table " + table.tableName()
                + " holds a row the colony cannot have written: " + corrupt.getMessage(),
                corrupt);
        }
        rows.sort(order);
        return rows;
    }

    private static UserRow user(ResultSet r) throws SQLException {
        Limits limits = new Limits(r.getLong(13), r.getLong(14), r.getLong(15), r.getLong(16));
        return new UserRow(r.getString(1), r.getString(2), ColumnCodec.bytes(r.getString(3)),
            ColumnCodec.bytes(r.getString(4)), ColumnCodec.flag(r.getInt(5)), r.getString(6),
            r.getString(7), r.getString(8), ColumnCodec.texts(r.getString(9)), r.getString(10),
            UserLock.valueOf(r.getString(11)), r.getInt(12), limits, r.getLong(17));
    }

    private static SessionRow session(ResultSet r) throws SQLException {
        return new SessionRow(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4));
    }

    private static LocationRow location(ResultSet r) throws SQLException {
        return new LocationRow(r.getString(1), r.getString(2), r.getString(3),
            ColumnCodec.flag(r.getInt(4)), r.getLong(5));
    }

    private static LeaseRow lease(ResultSet r) throws SQLException {
        return new LeaseRow(r.getString(1), r.getString(2), r.getLong(3));
    }

    private static CoinRow coin(ResultSet r) throws SQLException {
        Coin coin = new Coin(r.getString(1), r.getLong(2), new Currency(r.getString(3)),
            r.getLong(4), r.getLong(5), r.getLong(6));
        return new CoinRow(coin, r.getString(7), CoinPlace.valueOf(r.getString(8)),
            r.getString(9));
    }

    private static SwapRow swap(ResultSet r) throws SQLException {
        CoinKind kind = new CoinKind(new Currency(r.getString(6)), r.getLong(7));
        return new SwapRow(r.getString(1), r.getString(2), r.getString(3),
            ColumnCodec.texts(r.getString(4)), ColumnCodec.texts(r.getString(5)), kind,
            r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11),
            SwapState.valueOf(r.getString(12)), r.getLong(13));
    }

    private static RegistryTransfer transfer(ResultSet r) throws SQLException {
        return new RegistryTransfer(r.getString(1),
            RegistryTransfer.Kind.valueOf(r.getString(2)), r.getString(3), r.getString(4),
            r.getLong(5), r.getLong(6), r.getLong(7));
    }

    private static DailyRow daily(ResultSet r) throws SQLException {
        return new DailyRow(r.getString(1), new Currency(r.getString(2)), r.getLong(3),
            r.getLong(4), r.getLong(5));
    }

    private static CoinTotalRow total(ResultSet r) throws SQLException {
        return new CoinTotalRow(new CoinKind(new Currency(r.getString(1)), r.getLong(2)),
            r.getLong(3), r.getLong(4));
    }
}

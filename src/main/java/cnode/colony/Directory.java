package cnode.colony;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The colony's user directory: registration, login sessions, lock state, limits, locations and
 * write-permission leases. A deterministic core: it reads no clock (time is {@code nowMs}),
 * draws randomness only from the {@link DirectoryRandom} it is given, and does no I/O. Expected
 * outcomes are named results; exceptions mean a bug or corrupt rows.
 *
 * <p><b>Thread.</b> Not thread-safe: the colony calls every method on its one writer thread
 * (queries included). Nothing here blocks or takes long: the costliest step is parsing a
 * merchant's JSON (bounded by {@code merchantJsonCharsMax}) at registration. Time is expected
 * not to go backwards between calls; if it does, an expired session or lease may read live
 * again until time catches up, but a lease never has two holders at one instant.
 *
 * <p><b>Trust boundary: passwords.</b> The directory never sees a password and never hashes.
 * Registration receives the hash already encoded by the edge ({@code cnode.crypto.PasswordHash},
 * PBKDF2-HMAC-SHA256 with a per-user salt) and stores it as opaque text. Login is split:
 * <ol>
 *   <li>the edge reads the stored hash with {@link #secrets} (no user: answer at once);
 *   <li>the edge verifies the password against it on its own thread (PBKDF2 is slow on purpose
 *       and must not stall the writer);
 *   <li>the edge calls {@link #login} with its verdict, {@link UserPassword#MATCHED} or
 *       {@link UserPassword#WRONG}; the directory counts wrong passwords, locks, and opens the
 *       session.
 * </ol>
 * The directory believes the verdict: only the colony's own login edge may call
 * {@link #login}, and no request from outside may carry a verdict. Lock state is judged at
 * step 3, so a user locked while the edge was hashing is refused. The private key blob is
 * encrypted under a key derived from the password, so the directory cannot read it either.
 * (Should a password change ever be added, {@link #login} must also take the hash the edge
 * verified against and refuse a stale one.)
 *
 * <p><b>Authentication of node calls.</b> Locations and leases are changed only through a
 * session token: the session says which user the caller speaks for. Those calls check the
 * session first, then their inputs, then the state.
 *
 * <p><b>Invariants.</b> Usernames follow {@link Username} and are unique; a locked user has no
 * session and no lease; every session, location and lease belongs to a known user; a user has
 * at most one lease row, so at most one holder at any instant; after a login a user has at most
 * {@code sessionsPerUserMax} sessions; the directory never grows past {@code usersMax} users by
 * registration. Registration, login, lock and unlock assert the invariants of the user they
 * touched; {@link #restore} refuses rows that break them.
 *
 * <p><b>Persistence seam.</b> Every change marks its row. {@link #drainChanges()} returns the
 * rows changed and the keys deleted since the last drain, in key order (plain records:
 * {@link UserRow}, {@link SessionRow}, {@link LocationRow}, {@link LeaseRow}), and starts a new
 * change set; the store writes them in one transaction, and answers the callers of those
 * changes only after the commit. {@link #snapshot()} gives every row; {@link #restore} rebuilds
 * a directory from them, equal to the one that wrote them, with nothing to drain. A session
 * created and ended between two drains never reaches the store.
 */
public final class Directory implements Accounts {
    /** Most accounts one {@link #accounts} page returns. */
    public static final int ACCOUNTS_PAGE_MAX = 1_000;

    private final DirectoryConfig config;
    private final DirectoryRandom random;
    private final DirectoryTable<UserRow> users = new DirectoryTable<>();
    private final SessionTable sessions = new SessionTable();
    private final DirectoryTable<LocationRow> locations = new DirectoryTable<>();
    private final LeaseTable leases = new LeaseTable();

    /** An empty directory. */
    public Directory(DirectoryConfig config, DirectoryRandom random) {
        this.config = Objects.requireNonNull(config);
        this.random = Objects.requireNonNull(random);
    }

    /**
     * A directory holding {@code rows} as a store saved them, with nothing to drain. Rows that
     * cannot have come from a directory (an invalid or repeated username, a session, location or
     * lease of an unknown user, a session of a locked user) throw: the store is corrupt.
     * Configured limits are not applied to rows already held: a lowered {@code usersMax} only
     * stops new registrations, and a user's extra sessions go at their next login.
     */
    public static Directory restore(DirectoryConfig config, DirectoryRandom random,
                                    DirectoryRows rows) {
        Directory directory = new Directory(config, random);
        for (UserRow user : rows.users()) {
            require(Username.valid(user.username()), "a username breaks the rule");
            directory.users.load(user.username(), user);
        }
        for (SessionRow session : rows.sessions()) {
            UserRow user = directory.users.get(session.username());
            require(user != null && !user.locked(), "a session of no user or a locked user");
            directory.sessions.load(session);
        }
        for (LocationRow location : rows.locations()) {
            require(directory.users.get(location.username()) != null, "a location of no user");
            directory.locations.load(location.username(), location);
        }
        for (LeaseRow lease : rows.leases()) {
            UserRow user = directory.users.get(lease.username());
            require(user != null && !user.locked(), "a lease of no user or a locked user");
            directory.leases.load(lease);
        }
        assert directory.sessions.consistent();
        return directory;
    }

    /** The instant {@code spanMs} (positive) after {@code nowMs}, saturating at the end of time. */
    static long later(long nowMs, long spanMs) {
        long sum = nowMs + spanMs;
        return ((nowMs ^ sum) & (spanMs ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("corrupt directory rows: " + what);
        }
    }

    public DirectoryConfig config() {
        return config;
    }

    // ---- Registration ----------------------------------------------------------------------

    /**
     * Registers a user. The checks, in order (the first that fails is the answer):
     * username rule, password hash, public key (32 bytes), key blob (present, not too large),
     * merchant data (not too long, none for a non-merchant, a JSON object), AR choice, IPE
     * choice, number of e-mails, each e-mail, name taken, directory full. Field checks come
     * before the state checks, so a malformed request is refused the same way whatever the
     * directory holds. Then the point of no return: the mpin is drawn and the user stored,
     * unlocked, with the default limits. Empty merchant data is stored as {@code {}}; an empty
     * choice is the configured default.
     */
    public UserRegistered register(UserRegistration request, long nowMs) {
        Username.Verdict name = Username.check(request.username());
        UserRegistered.Outcome outcome = judge(request);
        if (outcome != UserRegistered.Outcome.REGISTERED) {
            return UserRegistered.refused(outcome, name);
        }
        // Point of no return: from here the user exists.
        String mpin = DirectoryFormats.mpin(random);
        String merchantJson = request.merchantJson().isEmpty() ? "{}" : request.merchantJson();
        UserRow row = new UserRow(request.username(), request.passwordHash(),
            request.publicKey(), request.keyBlob(), request.merchant(), merchantJson,
            chosen(request.arChoice(), config.defaultAr()),
            chosen(request.ipeChoice(), config.defaultIpe()), request.recoveryEmails(), mpin,
            UserLock.NONE, 0, config.defaultLimits(), nowMs);
        users.put(row.username(), row);
        assert consistent(row.username());
        return new UserRegistered(UserRegistered.Outcome.REGISTERED, name, mpin);
    }

    private UserRegistered.Outcome judge(UserRegistration request) {
        if (!Username.valid(request.username())) {
            return UserRegistered.Outcome.USERNAME_INVALID;
        }
        if (!DirectoryFormats.passwordHash(request.passwordHash())) {
            return UserRegistered.Outcome.PASSWORD_HASH_INVALID;
        }
        if (request.publicKey().length() != DirectoryFormats.PUBLIC_KEY_BYTES) {
            return UserRegistered.Outcome.PUBLIC_KEY_INVALID;
        }
        if (request.keyBlob().length() == 0) {
            return UserRegistered.Outcome.KEY_BLOB_MISSING;
        }
        if (request.keyBlob().length() > config.keyBlobBytesMax()) {
            return UserRegistered.Outcome.KEY_BLOB_TOO_LARGE;
        }
        UserRegistered.Outcome merchant = judgeMerchant(request);
        if (merchant != UserRegistered.Outcome.REGISTERED) {
            return merchant;
        }
        if (!known(request.arChoice(), config.arChoices())) {
            return UserRegistered.Outcome.AR_CHOICE_UNKNOWN;
        }
        if (!known(request.ipeChoice(), config.ipeChoices())) {
            return UserRegistered.Outcome.IPE_CHOICE_UNKNOWN;
        }
        if (request.recoveryEmails().size() > config.recoveryEmailsMax()) {
            return UserRegistered.Outcome.TOO_MANY_EMAILS;
        }
        if (!request.recoveryEmails().stream().allMatch(DirectoryFormats::email)) {
            return UserRegistered.Outcome.EMAIL_INVALID;
        }
        if (users.get(request.username()) != null) {
            return UserRegistered.Outcome.USERNAME_TAKEN;
        }
        if (users.size() >= config.usersMax()) {
            return UserRegistered.Outcome.DIRECTORY_FULL;
        }
        return UserRegistered.Outcome.REGISTERED;
    }

    /**
     * The merchant data: the length first, so an oversized text is never parsed; then none for
     * a non-merchant; then one JSON object (parsed here, once, so that every reader can rely on
     * it; bounded by the length, so the parse stays short).
     */
    private UserRegistered.Outcome judgeMerchant(UserRegistration request) {
        String json = request.merchantJson();
        if (json.length() > config.merchantJsonCharsMax()) {
            return UserRegistered.Outcome.MERCHANT_DATA_TOO_LONG;
        }
        if (json.isEmpty()) {
            return UserRegistered.Outcome.REGISTERED;
        }
        if (!request.merchant()) {
            return UserRegistered.Outcome.MERCHANT_DATA_WITHOUT_MERCHANT;
        }
        return DirectoryFormats.jsonObject(json) ? UserRegistered.Outcome.REGISTERED
            : UserRegistered.Outcome.MERCHANT_DATA_NOT_AN_OBJECT;
    }

    private static boolean known(String choice, List<String> choices) {
        return choice.isEmpty() || choices.contains(choice);
    }

    private static String chosen(String choice, String fallback) {
        return choice.isEmpty() ? fallback : choice;
    }

    // ---- Login and sessions ----------------------------------------------------------------

    /**
     * Logs a user in on the edge's verdict on the password (see the class comment). In order:
     * no such user → {@code UNKNOWN_USER}; locked → {@code LOCKED} (whatever the verdict, and
     * not counted); a wrong password is counted, and the one that reaches
     * {@code wrongPasswordsMax} in a row locks the user (ending the user's sessions and lease)
     * and answers {@code LOCKED}, the others {@code WRONG_PASSWORD}; a matching password forgets
     * the count and opens a session valid for {@code sessionTtlMs}, after dropping the user's
     * oldest sessions down to {@code sessionsPerUserMax - 1}.
     */
    public SessionGrant login(String username, UserPassword password, long nowMs) {
        Objects.requireNonNull(password);
        UserRow user = users.get(username);
        if (user == null) {
            return SessionGrant.refused(SessionGrant.Outcome.UNKNOWN_USER);
        }
        if (user.locked()) {
            return SessionGrant.refused(SessionGrant.Outcome.LOCKED);
        }
        if (password == UserPassword.WRONG) {
            return wrongPassword(user);
        }
        // Point of no return: the count is forgotten and the session exists.
        if (user.wrongPasswords() != 0) {
            users.put(user.username(), user.withLock(UserLock.NONE, 0));
        }
        while (sessions.countOf(user.username()) >= config.sessionsPerUserMax()) {
            sessions.remove(sessions.oldestOf(user.username()).token());
        }
        SessionRow session = new SessionRow(DirectoryFormats.sessionToken(random),
            user.username(), nowMs, later(nowMs, config.sessionTtlMs()));
        sessions.add(session);
        assert consistent(user.username());
        return new SessionGrant(SessionGrant.Outcome.LOGGED_IN, session.token(),
            session.expiresMs());
    }

    private SessionGrant wrongPassword(UserRow user) {
        int wrong = user.wrongPasswords() + 1;
        if (wrong < config.wrongPasswordsMax()) {
            users.put(user.username(), user.withLock(UserLock.NONE, wrong));
            return SessionGrant.refused(SessionGrant.Outcome.WRONG_PASSWORD);
        }
        lockOut(user, UserLock.WRONG_PASSWORDS, wrong);
        return SessionGrant.refused(SessionGrant.Outcome.LOCKED);
    }

    /** What {@code token} stands for at {@code nowMs}. */
    public SessionLookup session(String token, long nowMs) {
        SessionRow row = sessions.find(token);
        if (row == null) {
            return SessionLookup.UNKNOWN;
        }
        SessionState state = row.validAt(nowMs) ? SessionState.VALID : SessionState.EXPIRED;
        return new SessionLookup(state, row.username(), row.expiresMs());
    }

    /**
     * Extends a valid session to {@code sessionTtlMs} from now (a node that stays up renews
     * its session instead of keeping the password). An unknown or expired session is answered
     * as it is and not changed.
     */
    public SessionLookup renewSession(String token, long nowMs) {
        SessionLookup lookup = session(token, nowMs);
        if (!lookup.valid()) {
            return lookup;
        }
        SessionRow before = sessions.find(token);
        SessionRow after = new SessionRow(token, before.username(), before.createdMs(),
            later(nowMs, config.sessionTtlMs()));
        sessions.renew(after);
        return new SessionLookup(SessionState.VALID, after.username(), after.expiresMs());
    }

    /**
     * Ends a session, expired or not, and answers the state it was in ({@code UNKNOWN}: nothing
     * to end). The user's lease and location are not touched: the node releases its lease and
     * reports itself offline with their own calls.
     */
    public SessionState logout(String token, long nowMs) {
        SessionLookup lookup = session(token, nowMs);
        if (lookup.state() != SessionState.UNKNOWN) {
            sessions.remove(token);
        }
        return lookup.state();
    }

    /**
     * Forgets up to {@code max} sessions expired at {@code nowMs} (earliest first) and returns
     * how many; the colony's heartbeat calls it so that expired sessions do not stay in the
     * store. Expired sessions already read as {@code EXPIRED} without it.
     */
    public int sweep(long nowMs, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("a sweep forgets at least one session");
        }
        List<SessionRow> expired = sessions.expired(nowMs, max);
        expired.forEach(row -> sessions.remove(row.token()));
        return expired.size();
    }

    // ---- Administration --------------------------------------------------------------------

    /**
     * Locks a user (admin): refuses logins from now on, ends every session and frees the lease.
     * A user already locked by an administrator is {@code UNCHANGED}; one locked by wrong
     * passwords becomes locked by the administrator.
     */
    public UserChange lock(String username) {
        UserRow user = users.get(username);
        if (user == null) {
            return UserChange.UNKNOWN_USER;
        }
        if (user.lock() == UserLock.ADMIN) {
            return UserChange.UNCHANGED;
        }
        lockOut(user, UserLock.ADMIN, user.wrongPasswords());
        return UserChange.DONE;
    }

    /** Unlocks a user (admin), whatever locked it, and forgets the wrong passwords counted. */
    public UserChange unlock(String username) {
        UserRow user = users.get(username);
        if (user == null) {
            return UserChange.UNKNOWN_USER;
        }
        if (!user.locked() && user.wrongPasswords() == 0) {
            return UserChange.UNCHANGED;
        }
        users.put(username, user.withLock(UserLock.NONE, 0));
        assert consistent(username);
        return UserChange.DONE;
    }

    /** Sets a user's limits (admin); the registry reads them through {@link #account}. */
    public UserChange setLimits(String username, Limits limits) {
        Objects.requireNonNull(limits);
        UserRow user = users.get(username);
        if (user == null) {
            return UserChange.UNKNOWN_USER;
        }
        if (user.limits().equals(limits)) {
            return UserChange.UNCHANGED;
        }
        users.put(username, user.withLimits(limits));
        return UserChange.DONE;
    }

    private void lockOut(UserRow user, UserLock lock, int wrongPasswords) {
        users.put(user.username(), user.withLock(lock, wrongPasswords));
        sessions.removeUser(user.username());
        leases.drop(user.username());
        assert consistent(user.username());
    }

    // ---- Locations -------------------------------------------------------------------------

    /**
     * The node of the session's user reports where it is. In order: session unknown, session
     * expired, address, machine id; then the location is stored, seen at {@code nowMs}.
     */
    public LocationOutcome setLocation(String token, LocationUpdate update, long nowMs) {
        SessionLookup session = session(token, nowMs);
        if (session.state() == SessionState.UNKNOWN) {
            return LocationOutcome.SESSION_UNKNOWN;
        }
        if (session.state() == SessionState.EXPIRED) {
            return LocationOutcome.SESSION_EXPIRED;
        }
        if (!DirectoryFormats.address(update.address())) {
            return LocationOutcome.ADDRESS_INVALID;
        }
        if (!DirectoryFormats.machineIdHex(update.machineIdHex())) {
            return LocationOutcome.MACHINE_ID_INVALID;
        }
        String username = session.username();
        locations.put(username, new LocationRow(username, update.address(),
            update.machineIdHex(), update.online(), nowMs));
        return LocationOutcome.SET;
    }

    /**
     * Where {@code username}'s node is, read by anyone: empty for an unknown user,
     * {@link UserLocation#NONE} for a user whose node never reported. A node that said online
     * counts as online only until {@code locationFreshMs} after it last reported.
     */
    public Optional<UserLocation> location(String username, long nowMs) {
        if (users.get(username) == null) {
            return Optional.empty();
        }
        LocationRow row = locations.get(username);
        if (row == null) {
            return Optional.of(UserLocation.NONE);
        }
        boolean fresh = nowMs < later(row.lastSeenMs(), config.locationFreshMs());
        return Optional.of(new UserLocation(row.address(), row.machineIdHex(),
            row.online() && fresh, row.lastSeenMs()));
    }

    // ---- Write-permission leases -----------------------------------------------------------

    /**
     * Acquires the session's user's lease for {@code holder}'s instance for {@code ttlMs}:
     * granted when free or already its own, taken over when another's has expired, else
     * {@code HELD_BY_OTHER} with that holder's expiry. Guards as {@link LeaseOutcome} lists.
     */
    public LeaseAnswer acquireLease(LeaseHolder holder, long ttlMs, long nowMs) {
        SessionLookup session = session(holder.sessionToken(), nowMs);
        LeaseOutcome refusal = first(callerRefusal(session, holder), ttlRefusal(ttlMs));
        if (refusal != null) {
            return LeaseAnswer.of(refusal);
        }
        return leases.acquire(session.username(), holder.instanceId(), ttlMs, nowMs);
    }

    /** Renews the lease for {@code ttlMs} from now: only its holder, only before expiry. */
    public LeaseAnswer renewLease(LeaseHolder holder, long ttlMs, long nowMs) {
        SessionLookup session = session(holder.sessionToken(), nowMs);
        LeaseOutcome refusal = first(callerRefusal(session, holder), ttlRefusal(ttlMs));
        if (refusal != null) {
            return LeaseAnswer.of(refusal);
        }
        return leases.renew(session.username(), holder.instanceId(), ttlMs, nowMs);
    }

    /** Releases the lease: only its holder, only before expiry; the lease is then free. */
    public LeaseAnswer releaseLease(LeaseHolder holder, long nowMs) {
        SessionLookup session = session(holder.sessionToken(), nowMs);
        LeaseOutcome refusal = callerRefusal(session, holder);
        if (refusal != null) {
            return LeaseAnswer.of(refusal);
        }
        return leases.release(session.username(), holder.instanceId(), nowMs);
    }

    /**
     * Hands the lease to {@code successor} (another instance id of the same user) for
     * {@code ttlMs} from now: only its holder, only before expiry. There is no instant without
     * a holder and none with two. Handing it to oneself is a renewal.
     */
    public LeaseAnswer handOverLease(LeaseHolder holder, String successor, long ttlMs,
                                     long nowMs) {
        SessionLookup session = session(holder.sessionToken(), nowMs);
        LeaseOutcome successorRefusal =
            DirectoryFormats.holder(successor) ? null : LeaseOutcome.SUCCESSOR_INVALID;
        LeaseOutcome refusal =
            first(first(callerRefusal(session, holder), successorRefusal), ttlRefusal(ttlMs));
        if (refusal != null) {
            return LeaseAnswer.of(refusal);
        }
        return leases.handOver(session.username(), holder.instanceId(), successor, ttlMs, nowMs);
    }

    /** The live lease of {@code username}, if any; anyone may read it. */
    public Optional<LeaseRow> lease(String username, long nowMs) {
        return Optional.ofNullable(leases.live(username, nowMs));
    }

    /** The session, then the instance id: null when both are good. */
    private static LeaseOutcome callerRefusal(SessionLookup session, LeaseHolder holder) {
        if (session.state() == SessionState.UNKNOWN) {
            return LeaseOutcome.SESSION_UNKNOWN;
        }
        if (session.state() == SessionState.EXPIRED) {
            return LeaseOutcome.SESSION_EXPIRED;
        }
        return DirectoryFormats.holder(holder.instanceId()) ? null : LeaseOutcome.HOLDER_INVALID;
    }

    private LeaseOutcome ttlRefusal(long ttlMs) {
        return ttlMs >= 1 && ttlMs <= config.leaseTtlMaxMs() ? null : LeaseOutcome.TTL_INVALID;
    }

    /** The earlier refusal in the documented order, or null when neither refuses. */
    private static LeaseOutcome first(LeaseOutcome earlier, LeaseOutcome later) {
        return earlier != null ? earlier : later;
    }

    // ---- Queries ---------------------------------------------------------------------------

    /** What the registry sees of {@code username}: lock state, merchant flag, limits. */
    @Override
    public Optional<Account> account(String username) {
        return Optional.ofNullable(users.get(username)).map(UserRow::account);
    }

    /** {@code username}'s public information, read by anyone; empty for an unknown user. */
    public Optional<UserProfile> profile(String username, long nowMs) {
        UserRow user = users.get(username);
        if (user == null) {
            return Optional.empty();
        }
        return Optional.of(new UserProfile(user.username(), user.publicKey(), user.merchant(),
            user.merchantJson(), location(username, nowMs).orElseThrow()));
    }

    /**
     * The secrets the login edge needs (see the class comment); for the colony's own edge only,
     * never to be sent to anyone but the user's node after a good login.
     */
    public Optional<UserSecrets> secrets(String username) {
        return Optional.ofNullable(users.get(username)).map(user -> new UserSecrets(
            user.username(), user.passwordHash(), user.keyBlob(), user.mpin()));
    }

    /** The whole row of {@code username}, secrets included: for the colony's edge only. */
    public Optional<UserRow> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /**
     * A page of accounts in username order, after {@code afterUsername} (null for the first
     * page), at most {@code max} (1 to {@link #ACCOUNTS_PAGE_MAX}): the admin {@code users}
     * command pages through them with the last name of each page.
     */
    public List<Account> accounts(String afterUsername, int max) {
        if (max < 1 || max > ACCOUNTS_PAGE_MAX) {
            throw new IllegalArgumentException("a page holds 1 to " + ACCOUNTS_PAGE_MAX);
        }
        List<Account> page = new ArrayList<>(Math.min(max, users.size()));
        for (UserRow user : users.after(afterUsername)) {
            if (page.size() == max) {
                break;
            }
            page.add(user.account());
        }
        return page;
    }

    public int userCount() {
        return users.size();
    }

    public int sessionCount() {
        return sessions.size();
    }

    // ---- Persistence seam ------------------------------------------------------------------

    /** Whether anything changed since the last drain. */
    public boolean dirty() {
        return users.dirty() || sessions.dirty() || locations.dirty() || leases.dirty();
    }

    /**
     * What changed since the last drain (see the class comment); the directory then counts as
     * saved. Call it after each batch of operations and write the result in one transaction.
     */
    public DirectoryChanges drainChanges() {
        DirectoryTable.Drained<UserRow> user = users.drain();
        DirectoryTable.Drained<SessionRow> session = sessions.drain();
        DirectoryTable.Drained<LocationRow> location = locations.drain();
        DirectoryTable.Drained<LeaseRow> lease = leases.drain();
        assert user.gone().isEmpty() && location.gone().isEmpty();
        return new DirectoryChanges(user.rows(), session.rows(), session.gone(), location.rows(),
            lease.rows(), lease.gone());
    }

    /** Every row, in key order: a store's first save, and what a restore must equal. */
    public DirectoryRows snapshot() {
        return new DirectoryRows(List.copyOf(users.values()), sessions.rows(),
            List.copyOf(locations.values()), leases.rows());
    }

    /** The invariants of one user (for assertions; cost: that user's sessions). */
    private boolean consistent(String username) {
        UserRow user = users.get(username);
        if (user == null) {
            return sessions.countOf(username) == 0 && !leases.has(username)
                && locations.get(username) == null;
        }
        boolean lockedClean = !user.locked()
            || sessions.countOf(username) == 0 && !leases.has(username);
        return lockedClean && sessions.countOf(username) <= config.sessionsPerUserMax();
    }
}

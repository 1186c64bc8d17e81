package cn.examcore.server.paper;

import cn.examcore.bank.assembly.Assembler;
import cn.examcore.bank.assembly.AssemblyException;
import cn.examcore.bank.assembly.AssemblyProblem;
import cn.examcore.bank.assembly.Blueprint;
import cn.examcore.bank.assembly.BlueprintJson;
import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Bank;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.store.PaperCopies;
import cn.examcore.server.paper.store.PaperCopy;
import cn.examcore.server.paper.store.PaperStore;
import cn.examcore.server.paper.store.StoredPaper;
import cn.examcore.server.sitting.domain.Accommodation;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 试卷服务: assembles one paper per candidate of a sitting, seals each with its own AES-GCM key, and serves papers
 * and keys. Each paper's seed is an HMAC of sitting, ticket and subject under the node's {@code paper-secret}: the
 * same inputs and secret always give the same paper (an administrator holding the secret can reproduce any paper),
 * while a candidate, who knows the three inputs but not the secret, cannot recompute the paper and its keys.
 */
public final class PaperService {

    private static final Logger LOG = LoggerFactory.getLogger(PaperService.class);

    private final SittingStore sittingStore;

    private final RosterStore rosterStore;

    private final PaperStore paperStore;
    private final AttemptStore attempts;
    private final BankLibrary banks;
    private final WorkerExecutor workers;
    private final LongSupplier clock;
    private final byte[] seedKey;
    /** The other nodes, asked for a paper while the database does not answer; null on a node that asks nobody. */
    private final PaperPeers peers;
    /** The cluster's backed-up copies of the papers, read while the database does not answer; null when none kept. */
    private final PaperCopies copies;
    /**
     * How long a paper's copy is kept after its sitting's planned end: room for every extension and pause a sitting
     * can see, after which a paper is read from the database only (marking, reviews).
     */
    static final long COPY_KEPT_AFTER_END_MILLIS = 12 * 3_600_000L;
    /** Most papers kept in memory per node; a seat's session holds its own paper, so evicting one is cheap. */
    static final int CACHE_SIZE = 20_000;
    private final Map<String, LoadedPaper> cache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, LoadedPaper> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    public PaperService(SittingStore sittingStore, RosterStore rosterStore, PaperStore paperStore,
                        AttemptStore attempts, BankLibrary banks, WorkerExecutor workers,
                        LongSupplier clock, String paperSecret) {
        this(sittingStore, rosterStore, paperStore, attempts, banks, workers, clock, paperSecret, null, null);
    }

    /**
     * @param peers  the other nodes, asked for a paper while the database does not answer; null to ask nobody
     * @param copies the cluster's kept copies of the papers, written at assembly and read while the database does not
     *               answer; null to keep none
     */
    public PaperService(SittingStore sittingStore, RosterStore rosterStore, PaperStore paperStore,
                        AttemptStore attempts, BankLibrary banks, WorkerExecutor workers,
                        LongSupplier clock, String paperSecret, PaperPeers peers, PaperCopies copies) {
        this.peers = peers;
        this.copies = copies;
        this.sittingStore = sittingStore;
        this.rosterStore = rosterStore;
        this.paperStore = paperStore;
        this.attempts = attempts;
        this.banks = banks;
        this.workers = workers;
        this.clock = clock;
        if (paperSecret == null || paperSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("paper-secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (UTF-8); generate one with e.g. `openssl rand -base64 48`");
        }
        this.seedKey = paperSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** Smallest accepted {@code paper-secret}: as long as the HMAC's output. */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * One attempt's paper as the server holds it.
     *
     * @param attemptId  the attempt
     * @param sittingId  its sitting
     * @param paper      the full paper with keys
     * @param items      by number
     * @param key        the AES key (released at the start)
     * @param iv         the nonce of the sealed view
     * @param ciphertext the sealed candidate view
     */
    public record LoadedPaper(String attemptId, String sittingId, Paper paper, Map<Integer, PaperItem> items,
                              byte[] key, byte[] iv, byte[] ciphertext) {

        public String keyBase64() {
            return Base64.getEncoder().encodeToString(key);
        }
    }

    /**
     * The attempt id of a candidate's paper in a sitting: derived, so login needs no lookup table. The proctor's
     * seat list, every seat-agent batch and the decisions ask for it over and over, so each id is hashed once per
     * node and then remembered: the result depends on its three inputs only, so a remembered id can never go stale.
     */
    public static String attemptId(String sittingId, String ticket, String subject) {
        String name = sittingId + "\n" + ticket + "\n" + subject;
        String id = ATTEMPT_IDS.get(name);
        if (id == null) {
            id = derivedAttemptId(name);
            if (ATTEMPT_IDS.size() >= ATTEMPT_ID_CACHE_SIZE) {
                // Crude but bounded: the working set (the seats of today's sittings) is refilled within a poll.
                ATTEMPT_IDS.clear();
            }
            ATTEMPT_IDS.put(name, id);
        }
        return id;
    }

    /** The name-based (MD5) UUID an attempt id is, computed afresh: what {@link #attemptId} must always agree with. */
    static String derivedAttemptId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Most attempt ids remembered per node (about 200 bytes each). */
    static final int ATTEMPT_ID_CACHE_SIZE = 200_000;
    private static final Map<String, String> ATTEMPT_IDS = new ConcurrentHashMap<>();
    /** Bumped by {@link #forgetSitting}: a database read that overlapped it may hold a replaced paper. */
    private final AtomicLong forgotten = new AtomicLong();

    /** How many attempt ids are remembered now (for tests). */
    static int rememberedAttemptIds() {
        return ATTEMPT_IDS.size();
    }

    /**
     * Forgets this node's papers of a sitting: called when a node replaced the sitting's papers (a re-assembly there
     * gives the attempts new papers and keys, which this node must not keep serving the old ones of). Other setup
     * changes (starting the sitting, seat moves, the roster) leave papers as they are, and so does this node.
     */
    public void forgetSitting(String sittingId) {
        forgotten.incrementAndGet();
        synchronized (cache) {
            cache.values().removeIf(p -> p.sittingId().equals(sittingId));
        }
    }

    /**
     * The seed of a candidate's paper: the first 8 bytes (big-endian) of HMAC-SHA256 over
     * {@code sittingId|ticket|subject} keyed with {@code paper-secret}. With the secret, {@code question-bank
     * assemble --seed N} reproduces the paper; without it the seed, and so the paper, cannot be recomputed from the
     * public values.
     */
    public static long seed(byte[] paperSecret, String sittingId, String ticket, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(paperSecret, "HmacSHA256"));
            byte[] h = mac.doFinal((sittingId + "|" + ticket + "|" + subject).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Reads and checks a blueprint (problems located by JSON pointer). */
    public static Blueprint blueprint(String json) {
        try {
            return BlueprintJson.read("blueprint", json.getBytes(StandardCharsets.UTF_8));
        } catch (AssemblyException e) {
            throw new ExamException(ErrorType.BLUEPRINT_REJECTED, "the blueprint has "
                    + e.problems().size() + " problem(s)", Map.of("problems", problems(e)));
        }
    }

    private static List<String> problems(AssemblyException e) {
        return e.problems().stream().map(AssemblyProblem::line).toList();
    }

    /**
     * Assembles papers for every candidate of the sitting who sits its subject, and creates their attempts.
     * Refused once any attempt of the sitting has started or holds answers, so a running sitting never changes.
     *
     * @return how many papers were assembled
     */
    public Future<Integer> assemble(Sitting sitting) {
        if (sitting.bankId() == null || sitting.blueprintJson() == null) {
            return Future.failedFuture(new ExamException(ErrorType.CONFLICT,
                    "attach a bank and a blueprint to the sitting before assembling papers"));
        }
        long now = clock.getAsLong();
        List<String> existingIds = new ArrayList<>();
        return attempts.bySitting(sitting.id()).compose(existing -> {
            existing.forEach(a -> existingIds.add(a.id()));
            boolean running = existing.stream().anyMatch(a -> a.stateAt(now) != AttemptState.WAITING
                    || !a.answers().isEmpty());
            if (running) {
                return Future.failedFuture(new ExamException(ErrorType.CONFLICT,
                        "the sitting has started; its papers can no longer be re-assembled"));
            }
            return banks.bank(sitting.bankId());
        }).compose(bank -> Future.all(rosterStore.candidates(sitting.id()), rosterStore.accommodations(sitting.id()))
                .compose(both -> workers.executeBlocking(() -> build(sitting, bank, both.resultAt(0),
                        both.resultAt(1)), false)))
                .compose(built -> paperStore.savePapers(built.papers)
                        .compose(v -> keepCopies(sitting, built, existingIds))
                        .compose(v -> attempts.createAll(built.attempts))
                        .compose(v -> sittingStore.updateSitting(sitting.withAssembledAt(clock.getAsLong())))
                        .map(v -> {
                            // This node just built every paper: keep them, so the check-in storm's paper
                            // requests need no database read and no JSON decoding here. The writes above have
                            // already made every node drop its older papers of the sitting.
                            built.loaded.forEach(p -> cache.put(p.attemptId(), p));
                            return built.papers.size();
                        }));
    }

    private record Built(List<StoredPaper> papers, List<Attempt> attempts, List<LoadedPaper> loaded,
                         Map<String, byte[]> copies) {
    }

    /**
     * Keeps the cluster's copies of the papers just stored, replacing the older ones and dropping those of attempts
     * the assembly no longer has. Part of the assembly: a sitting assembled is a sitting whose papers a node can
     * serve without the database.
     */
    private Future<Void> keepCopies(Sitting sitting, Built built, List<String> existingIds) {
        if (copies == null) {
            return Future.succeededFuture();
        }
        long ttl = copyKeptUntil(sitting) - clock.getAsLong();
        if (ttl <= 0) {
            // Assembled after the sitting ended (a correction for marking): nothing will be delivered from it.
            return copies.keep(Map.of(), 1, existingIds);
        }
        return copies.keep(built.copies, ttl, existingIds);
    }

    /** Until when a copy of the sitting's papers is kept. */
    static long copyKeptUntil(Sitting sitting) {
        return sitting.startAt() + sitting.durationSeconds() * 1000 + COPY_KEPT_AFTER_END_MILLIS;
    }

    private Built build(Sitting sitting, Bank bank, List<Candidate> candidates, List<Accommodation> accommodations) {
        Map<String, Accommodation> extraByTicket = new HashMap<>();
        accommodations.forEach(a -> extraByTicket.put(a.ticket(), a));
        Blueprint blueprint = blueprint(sitting.blueprintJson());
        String subject = sitting.subject().name();
        List<StoredPaper> papers = new ArrayList<>();
        List<Attempt> created = new ArrayList<>();
        List<LoadedPaper> loaded = new ArrayList<>();
        Map<String, byte[]> kept = new HashMap<>();
        for (Candidate c : candidates) {
            if (!c.subjects().contains(sitting.subject())) {
                continue;
            }
            String id = attemptId(sitting.id(), c.ticket(), subject);
            Paper paper;
            try {
                paper = Assembler.assemble(bank, blueprint, seed(seedKey, sitting.id(), c.ticket(), subject), 0);
            } catch (AssemblyException e) {
                throw new ExamException(ErrorType.ASSEMBLY_FAILED, "the bank cannot supply the blueprint",
                        Map.of("problems", problems(e)));
            }
            byte[] key = PaperCrypto.newKey();
            byte[] view = CandidatePaperView.bytes(id, sitting.title(), paper);
            PaperCrypto.Sealed sealed = PaperCrypto.seal(key, view);
            String paperJson = Json.encode(paper);
            papers.add(new StoredPaper(id, sitting.id(), paperJson, key, sealed.iv(), sealed.ciphertext()));
            if (copies != null) {
                kept.put(id, new PaperCopy(id, sitting.id(), paperJson, view, key, sealed.iv()).encode());
            }
            loaded.add(new LoadedPaper(id, sitting.id(), paper, itemsOf(paper), key, sealed.iv(),
                    sealed.ciphertext()));
            Attempt attempt = Attempt.create(id, sitting.id(), c.ticket(), subject, c.seatCode(), sitting.startAt(),
                    sitting.durationSeconds());
            // 照顾延时 from the roster is the candidate's own extra time from the start, like an extension granted
            // before the sitting: the deadline and every later extension build on it.
            Accommodation extra = extraByTicket.get(c.ticket());
            created.add(extra == null ? attempt : attempt.extend(extra.extraSeconds(sitting.durationSeconds())));
        }
        return new Built(papers, created, loaded, kept);
    }

    private static Map<Integer, PaperItem> itemsOf(Paper paper) {
        return paper.items().collect(Collectors.toMap(PaperItem::number, Function.identity()));
    }

    /**
     * The attempt's paper, from this node's cache or the database, or from another node's memory while the database
     * does not answer ({@link PaperPeers}).
     */
    public Future<LoadedPaper> paper(String attemptId) {
        LoadedPaper cached = cache.get(attemptId);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        long generation = forgotten.get();
        Future<LoadedPaper> fromDatabase = paperStore.paper(attemptId).compose(stored -> {
            if (stored.isEmpty()) {
                return Future.failedFuture(new ExamException(ErrorType.NOT_READY,
                        "no paper has been assembled for this attempt yet"));
            }
            return decoded(stored.get(), generation).onSuccess(p -> {
                if (forgotten.get() == generation) {
                    refill(stored.get());
                }
            });
        });
        if (peers == null) {
            return fromDatabase;
        }
        return peers.race(attemptId, fromDatabase, copies == null ? null : () -> kept(attemptId), s -> {
            if (!s.attemptId().equals(attemptId)) {
                return Future.failedFuture(new IllegalStateException("asked for the paper of " + attemptId
                        + ", a node sent " + s.attemptId() + "'s"));
            }
            return decoded(s, generation);
        });
    }

    /**
     * The attempt's paper from the cluster's kept copy, sealed again: the same key, nonce and view give the very
     * ciphertext the seat received at check-in.
     */
    private Future<Optional<StoredPaper>> kept(String attemptId) {
        return copies.copy(attemptId).compose(copy -> copy.isEmpty() ? Future.succeededFuture(Optional.empty())
                : workers.executeBlocking(() -> {
                    PaperCopy c = PaperCopy.decode(copy.get());
                    return Optional.of(new StoredPaper(c.attemptId(), c.sittingId(), c.paperJson(), c.key(), c.iv(),
                            PaperCrypto.sealAgain(c.key(), c.iv(), c.view())));
                }, false));
    }

    /**
     * Puts back the copy of a paper read from the database when the cluster keeps none (after a restart of every
     * node, say) and its sitting is still being delivered, so a later outage finds it. Never replaces a copy: one
     * that is there belongs to the same or a newer assembly. Best effort: the read it follows has succeeded.
     */
    private void refill(StoredPaper s) {
        if (copies == null || sittingStore == null) {
            return;
        }
        sittingStore.sitting(s.sittingId()).compose(sitting -> {
            long ttl = sitting.map(PaperService::copyKeptUntil).orElse(0L) - clock.getAsLong();
            if (ttl <= 0) {
                return Future.succeededFuture(false);
            }
            return workers.executeBlocking(() -> new PaperCopy(s.attemptId(), s.sittingId(), s.paperJson(),
                            PaperCrypto.open(s.key(), s.iv(), s.ciphertext()), s.key(), s.iv()).encode(), false)
                    .compose(bytes -> copies.keepIfAbsent(s.attemptId(), bytes, ttl));
        }).onFailure(e -> LOG.warn("the copy of {}'s paper could not be kept again: {}", s.attemptId(),
                e.toString()));
    }

    private Future<LoadedPaper> decoded(StoredPaper s, long generation) {
        return workers.executeBlocking(() -> {
            Paper paper = Json.decode(s.paperJson(), Paper.class);
            LoadedPaper loaded = new LoadedPaper(s.attemptId(), s.sittingId(), paper, itemsOf(paper), s.key(), s.iv(),
                    s.ciphertext());
            if (forgotten.get() == generation) {
                cache.put(s.attemptId(), loaded);
            }
            return loaded;
        }, false);
    }

    /** The paper of {@code attemptId} as this node holds it in memory, for another node that asks ({@link PaperPeers}). */
    public Optional<StoredPaper> held(String attemptId) {
        LoadedPaper p = cache.get(attemptId);
        return p == null ? Optional.empty() : Optional.of(new StoredPaper(p.attemptId(), p.sittingId(),
                Json.encode(p.paper()), p.key(), p.iv(), p.ciphertext()));
    }
}

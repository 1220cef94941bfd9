package io.mcpconn.benchmarks;

import io.mcpconn.benchmarks.dataset.Dataset;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.benchmarks.dataset.Datasets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The benchmark bodies, written once for both sides: each call does one operation on the next
 * target and returns what it read or wrote. Inputs are prepared when it is opened (targets,
 * deep-page requests, loaded connections to change, the template new connections share), so the
 * calls measure the operation, not the preparation. Not thread-safe.
 *
 * @param <T> a connection on this side
 * @param <K> a page request on this side
 */
public final class Operations<T, K> implements AutoCloseable {

    /** Rows per page. */
    public static final int PAGE_SIZE = 50;

    /** Rows per batch insert. */
    public static final int BATCH_SIZE = 1000;

    private final ConnectionStore<T, K> store;
    private final DatasetSpec spec;
    private final Targets targets;
    private final T template;
    private final K first;
    private final List<K> deepNamespaces = new ArrayList<>();
    private final List<K> deepAgents = new ArrayList<>();
    private final List<T> loaded = new ArrayList<>();
    private final boolean writes;
    private final SplittableRandom newIds;
    private List<T> batch = List.of();
    private int read;
    private int list;
    private int deep;
    private int changed;
    private int created;

    private Operations(ConnectionStore<T, K> store, DatasetSpec spec, Targets targets, OptionalLong writeSeed) {
        this.store = store;
        this.spec = spec;
        this.targets = targets;
        this.first = store.firstPage();
        this.writes = writeSeed.isPresent();
        if (writes) {
            // Rows use streams 0 to N-1 of their seed; -1 is none of them, so new ids never meet stored ones.
            this.newIds = DatasetSpec.stream(writeSeed.getAsLong(), -1);
            this.template = store.findById(targets.template().namespace(), targets.template().id());
            targets.updates().forEach(row -> loaded.add(store.findById(row.namespace(), row.id())));
        } else {
            this.newIds = null;
            this.template = null;
            targets.deepNamespaces().forEach(d -> deepNamespaces.add(store.pageAfter(d.position(), d.id())));
            targets.deepAgents().forEach(d -> deepAgents.add(store.pageAfter(d.position(), d.id())));
        }
    }

    /** Opens {@code impl} ("floor" or "adapter") for the read bodies on {@code dataset}, which holds {@code spec}'s rows. */
    public static Operations<?, ?> forReads(String impl, Dataset dataset, DatasetSpec spec) {
        return open(impl, dataset, spec, OptionalLong.empty());
    }

    /**
     * Opens {@code impl} for the write bodies. New connections get ids drawn from
     * {@code writeSeed}: the same seed gives both sides the same ids, different seeds let two
     * sides write to one file.
     */
    public static Operations<?, ?> forWrites(String impl, Dataset dataset, DatasetSpec spec, long writeSeed) {
        return open(impl, dataset, spec, OptionalLong.of(writeSeed));
    }

    private static Operations<?, ?> open(String impl, Dataset dataset, DatasetSpec spec, OptionalLong writeSeed) {
        // Deep-page positions take queries to find; only readers need them. They are found in the
        // SQLite data set, which every database's copy is loaded from: the same rows, the same targets.
        Targets targets = Targets.of(spec, Datasets.ensure(spec), writeSeed.isPresent() ? 0 : PAGE_SIZE);
        ConnectionStore<?, ?> store = dataset.open(impl, PAGE_SIZE);
        try {
            return on(store, spec, targets, writeSeed);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static <T, K> Operations<T, K> on(ConnectionStore<T, K> store, DatasetSpec spec, Targets targets,
            OptionalLong writeSeed) {
        return new Operations<>(store, spec, targets, writeSeed);
    }

    /** The targets the bodies aim at. */
    public Targets targets() {
        return targets;
    }

    /** Inserts one new connection in its own transaction; returns it. */
    public T saveNew() {
        requireWrites();
        T connection = newConnection();
        store.insert(connection);
        return connection;
    }

    /** Changes the next loaded connection one step and saves it, version-checked; returns it as saved. */
    public T update() {
        requireWrites();
        int k = changed;
        changed = (changed + 1) % loaded.size();
        T saved = store.update(store.change(loaded.get(k), Instant.now()));
        loaded.set(k, saved);
        return saved;
    }

    /** Builds the next {@value #BATCH_SIZE} new connections, outside the measured call. */
    public void prepareBatch() {
        requireWrites();
        List<T> next = new ArrayList<>(BATCH_SIZE);
        for (int k = 0; k < BATCH_SIZE; k++) {
            next.add(newConnection());
        }
        batch = next;
    }

    /** Inserts the prepared batch in one transaction; returns it. */
    public List<T> saveBatch() {
        if (batch.size() != BATCH_SIZE) {
            throw new IllegalStateException("prepare a batch first");
        }
        List<T> saved = batch;
        batch = List.of();
        store.insertAll(saved);
        return saved;
    }

    /** Loads the next target by id. */
    public T getById() {
        Targets.Row row = targets.reads().get(read);
        read = (read + 1) % targets.reads().size();
        return store.findById(row.namespace(), row.id());
    }

    /** The first page of the next namespace. */
    public List<T> firstPageNamespace() {
        String namespace = targets.namespaces().get(nextList());
        return store.page(namespace, first);
    }

    /** The first page of the next agent. */
    public List<T> firstPageAgent() {
        Targets.Agent agent = targets.agents().get(nextList());
        return store.agentPage(agent.namespace(), agent.agent(), first);
    }

    /** A page near the end of the next namespace's list. */
    public List<T> deepPageNamespace() {
        requireReads();
        int k = nextDeep();
        return store.page(targets.deepNamespaces().get(k).namespace(), deepNamespaces.get(k));
    }

    /** A page near the end of the next agent's list. */
    public List<T> deepPageAgent() {
        requireReads();
        int k = nextDeep();
        Targets.Deep target = targets.deepAgents().get(k);
        return store.agentPage(target.namespace(), target.agent(), deepAgents.get(k));
    }

    @Override
    public void close() {
        store.close();
    }

    private T newConnection() {
        String id = DatasetSpec.uuid(newIds);
        int n = created++;
        return store.newConnection(template, id, "new-" + id, DatasetSpec.namespaceName(n % spec.namespaces()),
                DatasetSpec.agentName(n % spec.agentsPerNamespace()), Instant.now());
    }

    private void requireWrites() {
        if (!writes) {
            throw new IllegalStateException("opened for reads; open with forWrites to write");
        }
    }

    private void requireReads() {
        if (writes) {
            throw new IllegalStateException("opened for writes; open with forReads for deep pages");
        }
    }

    private int nextList() {
        int k = list;
        list = (list + 1) % targets.namespaces().size();
        return k;
    }

    private int nextDeep() {
        int k = deep;
        deep = (deep + 1) % deepNamespaces.size();
        return k;
    }
}
